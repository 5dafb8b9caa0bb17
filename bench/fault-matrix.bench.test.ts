import { writeFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { EXPECTED, type FaultRow, runFaultMatrix } from '../tests/fault-matrix';

// The fault matrix as a table: the runner the unit suite asserts (utils/refresh/fault-matrix.test.ts),
// written to bench/fault-matrix.md. Every cell is in words that do not change from run to run, so
// running the bench again on an unchanged tree leaves the file as it was.

/** A table cell: a `|` in the words would end it. */
const cell = (text: string) => text.replace(/\|/g, '\\|');

function table(rows: FaultRow[]): string {
  return [
    '# Fault matrix',
    '',
    'Written by `npm run bench` (`bench/fault-matrix.bench.test.ts`) from the unit harness: the real',
    'background on WXT’s fake browser with the fake API, each fault injected into the periodic check',
    'of an account with 10 models listed before it. `utils/refresh/fault-matrix.test.ts` (part of',
    '`npm test`) asserts the same rows. The harness gives up on a hanging API after 100 ms; its row',
    'says what the production timeout gives. The faults only a browser can stage on the network are in',
    '[`fault-matrix.browsers.md`](fault-matrix.browsers.md), written by the e2e network-faults flow',
    'when run by `npm run bench`.',
    '',
    '| fault | badge | tooltip | popup says | last good data | next refresh |',
    '|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${cell(r.fault)} | \`${r.badge}\` | ${cell(r.tooltip)} | ${cell(r.page)} | ${r.dataKept ? 'kept' : 'LOST'} | ${cell(r.next)} |`,
    ),
    '',
  ].join('\n');
}

it(
  'writes the fault matrix: every fault, its mark, its words, the data kept, the next refresh',
  {
    // About a quarter of a second a case, more on a loaded machine.
    timeout: 120_000,
  },
  async () => {
    const rows = (await runFaultMatrix()).map((r) => r.row);
    writeFileSync(new URL('./fault-matrix.md', import.meta.url), table(rows));
    // A table of wrong answers is no proof: the bench fails as the unit suite would.
    for (const row of rows) {
      expect(row.badge, row.fault).toBe(EXPECTED[row.fault]!.badge);
      expect(row.dataKept, row.fault).toBe(true);
      expect(row.next, row.fault).toMatch(EXPECTED[row.fault]!.next);
    }
  },
);
