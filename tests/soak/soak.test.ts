import { expect, it } from 'vitest';
import { soakDays, summaryLine } from './day';

// One simulated day in `npm test` (seconds); `npm run soak -- --days 30` runs a month, and
// `SOAK_SEED=<seed>` replays the day a failure printed.
const seed = Number(process.env.SOAK_SEED ?? 20261204);
const days = Number(process.env.SOAK_DAYS ?? 1);

it(
  `survives ${days} simulated day${days === 1 ? '' : 's'} of faults, stops and restarts (seed ${seed})`,
  async () => {
    const summary = await soakDays({ seed, days });
    console.log(summaryLine(summary));
    if (process.env.SOAK_OUT) {
      const { writeFileSync } = await import('node:fs');
      writeFileSync(process.env.SOAK_OUT, `${JSON.stringify(summary, null, 2)}\n`);
    }
    expect(summary.violations.slice(0, 20)).toEqual([]);
    // The day did happen: checks ran through faults, stops and restarts, and finishes came.
    expect(summary.checks).toBeGreaterThan(200 * days);
    expect(summary.faults).toBeGreaterThan(0);
    expect(summary.stops).toBeGreaterThan(0);
    expect(summary.restarts).toBeGreaterThan(0);
    expect(summary.finishes).toBeGreaterThan(0);
  },
  120_000 * days,
);
