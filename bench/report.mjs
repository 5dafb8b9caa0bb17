// Writes bench/results.md from the measurements the benchmark steps left in bench/*.json.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';

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
    `The background alone uses **${traffic.ratioBytes.toFixed(0)}× fewer bytes** than the naive loop (${traffic.ratioBytesWithPopup.toFixed(0)}× when the popup is also opened four times an hour, each opening fetching both full lists).`,
    '',
  );
}

writeFileSync(new URL('./results.md', import.meta.url), `${lines.join('\n')}\n`);
console.log(lines.join('\n'));
