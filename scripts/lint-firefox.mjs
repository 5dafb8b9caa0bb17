// Lints the Firefox build the way addons.mozilla.org does (web-ext lint) and fails on any error,
// and on any warning or notice that is not in the list below with the reason it cannot be fixed.
import { execFileSync } from 'node:child_process';

const ACCEPTED = [
  {
    code: 'UNSAFE_VAR_ASSIGNMENT',
    file: /^chunks\/jsxRuntime-[\w-]+\.js$/,
    why: 'Preact’s renderer supports dangerouslySetInnerHTML; Model Watch never uses it, so names always render as text.',
  },
];

const dir = process.argv[2] ?? '.output/firefox-mv3';
let output;
try {
  output = execFileSync('npx', ['web-ext', 'lint', '--source-dir', dir, '--output', 'json'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
} catch (error) {
  // web-ext exits non-zero when it finds errors; its report is still on stdout.
  output = error.stdout;
}
const report = JSON.parse(output);
const findings = [...report.errors, ...report.warnings, ...report.notices];
const unexpected = findings.filter(
  (f) =>
    f._type === 'error' || !ACCEPTED.some((a) => a.code === f.code && a.file.test(f.file ?? '')),
);
for (const f of findings) {
  const accepted = !unexpected.includes(f);
  console.log(
    `${accepted ? 'accepted' : f._type.toUpperCase()}: ${f.code} ${f.file ?? ''} ${f.message}`,
  );
}
console.log(
  `web-ext lint ${dir}: ${report.summary.errors} errors, ${report.summary.warnings} warnings, ${report.summary.notices} notices; ${unexpected.length} not accepted.`,
);
process.exit(unexpected.length === 0 ? 0 : 1);
