// Lints the Firefox build the way addons.mozilla.org does (web-ext lint) and fails on any error,
// and on any warning or notice that is not in the list below with the reason it cannot be fixed.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const dir = process.argv[2] ?? '.output/firefox-mv3';

/** The code around a finding, to tell whose code it is (bundles are one long line). */
function around(finding, width = 300) {
  if (!finding.file || !finding.line) return '';
  const lines = readFileSync(path.join(dir, finding.file), 'utf8').split('\n');
  const line = lines[finding.line - 1] ?? '';
  const column = finding.column ?? 0;
  return line.slice(Math.max(0, column - width), column + width);
}

const ACCEPTED = [
  {
    why: 'Preact’s renderer supports dangerouslySetInnerHTML; Model Watch never uses it, so names always render as text.',
    matches: (f) =>
      f.code === 'UNSAFE_VAR_ASSIGNMENT' && around(f).includes('dangerouslySetInnerHTML'),
  },
];

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
  (f) => f._type === 'error' || !ACCEPTED.some((a) => a.matches(f)),
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
