// `npm run soak -- --days 30 [--seed N]`: a simulated month of the real background (the soak
// test of tests/soak/, which `npm test` runs for one day). Writes bench/soak.json and its section
// of bench/results.md.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { SOAK_HEADING, soakSection } from '../bench/soak-section.mjs';

const { values } = parseArgs({
  options: {
    days: { type: 'string', default: '30' },
    seed: { type: 'string' },
    // Writes the section again from bench/soak.json, without running anything.
    'report-only': { type: 'boolean' },
  },
});
const days = Number(values.days);
if (!Number.isInteger(days) || days < 1) {
  console.error('--days takes a whole number of days, 1 or more.');
  process.exit(2);
}
const out = new URL('../bench/soak.json', import.meta.url);
const env = { ...process.env, SOAK_DAYS: String(days), SOAK_OUT: out.pathname };
if (values.seed !== undefined) env.SOAK_SEED = values.seed;
const run = process.argv.includes('--report-only')
  ? { status: 0 }
  : spawnSync('npx', ['vitest', 'run', '--project', 'unit', 'tests/soak/'], {
      stdio: 'inherit',
      env,
    });
if (existsSync(out)) {
  const results = new URL('../bench/results.md', import.meta.url);
  const section = soakSection(JSON.parse(readFileSync(out, 'utf8'))).join('\n');
  const text = existsSync(results) ? readFileSync(results, 'utf8') : '# Benchmark results\n\n';
  const start = text.indexOf(SOAK_HEADING);
  const end = start === -1 ? -1 : text.indexOf('\n## ', start + SOAK_HEADING.length);
  const next =
    start === -1
      ? `${text.trimEnd()}\n\n${section}`
      : `${text.slice(0, start)}${section}${end === -1 ? '' : text.slice(end)}`;
  writeFileSync(results, `${next.trimEnd()}\n`);
}
process.exit(run.status ?? 1);
