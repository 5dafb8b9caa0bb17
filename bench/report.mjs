// Writes bench/results.md from the measurements the benchmark steps left in bench/*.json.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import os from 'node:os';
import { soakSection } from './soak-section.mjs';

const read = (name) => {
  const url = new URL(`./${name}.json`, import.meta.url);
  return existsSync(url) ? JSON.parse(readFileSync(url, 'utf8')) : null;
};

const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
const lines = [
  '# Benchmark results',
  '',
  `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}. Re-run with \`npm run bench\`.`,
  '',
];

const traffic = read('traffic');
if (traffic) {
  lines.push(
    '## API traffic per hour',
    '',
    `Account: ${traffic.account}. Both sides are answered by the same fake API; bytes are response bodies.`,
    '',
    '| client | calls per hour | bytes per hour |',
    '|---|---:|---:|',
    ...traffic.rows.map((r) => `| ${r.name} | ${r.calls} | ${kib(r.bytes)} |`),
    '',
    `The background alone uses **${traffic.ratioBytes.toFixed(0)}× fewer bytes** than the naive loop (${traffic.ratioBytesWithPopup.toFixed(0)}× when the popup is also opened four times an hour, each opening fetching only what is stale).`,
    '',
  );
}

const ms = (v) => `${v.toFixed(1)} ms`;
const row = (name, s) => `| ${name} | ${ms(s.median)} | ${ms(s.min)} | ${ms(s.max)} | ${s.runs} |`;
const popup = read('popup');
if (popup) {
  lines.push(
    '## Popup speed (headless Chromium)',
    '',
    '| measurement | median | min | max | runs |',
    '|---|---:|---:|---:|---:|',
    row('Empty extension page, its one row in the HTML', popup.htmlFloor),
    row('Empty page whose one row is added by one line of script', popup.scriptFloor),
    row('Page that reads one small stored value, then draws one row (the floor)', popup.floor),
    row('Popup, first model row painted, 500 cached models', popup.paint500),
    row('Popup, first model row painted, 5,000 cached models', popup.paint5000),
    row('Popup, first model row painted, 10,000 cached models', popup.paint10000),
    row('Search keystroke, 5,000 models (event to list updated)', popup.search5000),
    row('Status toggle, 5,000 models (event to list updated)', popup.toggle5000),
    '',
    `The first row comes at **${(popup.paint500.median / popup.floor.median).toFixed(2)}×** the floor with 500 models (target ≤ 1.3×), **${(popup.paint10000.median / popup.floor.median).toFixed(2)}×** with 10,000 (target ≤ 1.5×): the popup paints from the small first screen the background keeps, and reads the whole lists after. Rows in the DOM with 5,000 models: ${popup.rowsInDom} (the list is virtualised). Timings vary by ±20% from run to run on these shared machines.`,
    '',
  );
}

const worker = read('worker');
if (worker || popup?.heap500) {
  lines.push(
    '## Background and memory (headless Chromium)',
    '',
    '| measurement | median | min | max | runs |',
    '|---|---:|---:|---:|---:|',
    ...(worker ? [row('Stopped service worker woken to badge applied', worker.wakeToBadge)] : []),
    ...(popup?.heap500
      ? [
          `| JS heap of the open popup, 500 models | ${popup.heap500.median.toFixed(1)} MB | ${popup.heap500.min.toFixed(1)} MB | ${popup.heap500.max.toFixed(1)} MB | ${popup.heap500.runs} |`,
          `| JS heap of the open popup, 10,000 models | ${popup.heap10000.median.toFixed(1)} MB | ${popup.heap10000.min.toFixed(1)} MB | ${popup.heap10000.max.toFixed(1)} MB | ${popup.heap10000.runs} |`,
        ]
      : []),
    '',
  );
}

// Today's build against an earlier commit's, measured in the same run (bench/before.mjs).
const before = read('before');
const popupBefore = read('popup.before');
const workerBefore = read('worker.before');
if (before && popup && worker && popupBefore?.paint500 && workerBefore) {
  const compare = (name, now, then) =>
    `| ${name} | ${ms(then.median)} | ${ms(now.median)} | ${(now.median / then.median).toFixed(2)}× |`;
  lines.push(
    '## Against the build before',
    '',
    `The same two measurements of \`${before.commit}\`, built and measured in this run on this machine with today's harness. A ratio above 1 is slower now; medians move by up to ±20% from one run to the next here, so only a ratio beyond that says something.`,
    '',
    '| measurement (median) | before | now | now / before |',
    '|---|---:|---:|---:|',
    compare(
      'Popup, first model row painted, 500 cached models',
      popup.paint500,
      popupBefore.paint500,
    ),
    compare(
      'Popup, first model row painted, 10,000 cached models',
      popup.paint10000,
      popupBefore.paint10000,
    ),
    compare('The floor (one stored value read, one row drawn)', popup.floor, popupBefore.floor),
    compare(
      'Stopped service worker woken to badge applied',
      worker.wakeToBadge,
      workerBefore.wakeToBadge,
    ),
    '',
  );
}

// Every bundle of the Chrome build, gzip -9 (the budgets in tests/build/budgets.test.ts use these).
const built = new URL('../.output/chrome-mv3/', import.meta.url);
if (existsSync(built)) {
  const files = readdirSync(built, { recursive: true })
    .map(String)
    .filter((f) => /\.(js|css|html)$/.test(f))
    .sort();
  lines.push(
    '## Bundle sizes (Chrome build)',
    '',
    '| file | bytes | gzip |',
    '|---|---:|---:|',
    ...files.map((f) => {
      const data = readFileSync(new URL(f, built));
      return `| \`${f.replace(/-[\w-]{8}\./, '-*.')}\` | ${data.length.toLocaleString('en')} | ${gzipSync(data, { level: 9 }).length.toLocaleString('en')} |`;
    }),
    '',
  );
}

const soak = read('soak');
if (soak) lines.push(...soakSection(soak));

lines.push(
  'The fault matrix (every fault the fake API injects, against the real background in the unit',
  'harness) is in [fault-matrix.md](fault-matrix.md), written by `npm run bench`.',
  '',
);

writeFileSync(new URL('./results.md', import.meta.url), `${lines.join('\n')}\n`);
console.log(lines.join('\n'));
