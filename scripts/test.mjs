// `npm test`: every test, in stages, stopping at the first failure. Steps of a stage run side by
// side (the machines have two cores, and a type check, a linter and a build each use about one);
// each step's output is printed whole when it ends, and the time of each is summed up at the end.
import { spawn } from 'node:child_process';

/** [name, command] steps; each inner array is one stage, run at the same time. */
const STAGES = [
  [
    ['type check', 'npx tsc --noEmit'],
    ['lint and format', 'npx eslint . && npx prettier --check .'],
    ['builds and store zips', 'npx wxt zip && npx wxt zip -b firefox'],
  ],
  [
    ['unit tests', 'npx vitest run --project unit'],
    [
      'build checks',
      'npx vitest run --project build && node scripts/lint-firefox.mjs .output/firefox-mv3',
    ],
  ],
  [
    [
      'end-to-end (Chromium, Firefox)',
      'node scripts/ensure-chromium.mjs && node scripts/ensure-firefox.mjs && npx playwright test',
    ],
  ],
];

function run(name, command) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, { shell: true, env: { ...process.env, FORCE_COLOR: '1' } });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('close', (code) => {
      const seconds = (Date.now() - started) / 1000;
      process.stdout.write(`\n── ${name} (${seconds.toFixed(0)} s) ──\n`);
      process.stdout.write(Buffer.concat(output));
      resolve({ name, seconds, ok: code === 0 });
    });
  });
}

const started = Date.now();
const timings = [];
let failed = null;
for (const stage of STAGES) {
  const results = await Promise.all(stage.map(([name, command]) => run(name, command)));
  timings.push(...results);
  failed = results.find((r) => !r.ok) ?? null;
  if (failed) break;
}
const total = (Date.now() - started) / 1000;
const lines = timings.map(
  (t) => `  ${t.ok ? '✓' : '✘'} ${t.name.padEnd(44)} ${t.seconds.toFixed(0).padStart(4)} s`,
);
process.stdout.write(
  `\n${lines.join('\n')}\n  ${'in all (the steps of a stage run together)'.padEnd(44)} ${total.toFixed(0).padStart(4)} s\n`,
);
if (failed) {
  process.stdout.write(`\nnpm test failed: ${failed.name}.\n`);
  process.exit(1);
}
