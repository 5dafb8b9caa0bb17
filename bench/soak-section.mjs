// The simulated month's figures as a section of bench/results.md (tests/soak/day.ts runs it).

export const SOAK_HEADING = '## A simulated month (the soak test)';

/** The section's lines, from the summary `npm run soak` wrote to bench/soak.json. */
export function soakSection(s) {
  const n = (value) => value.toLocaleString('en');
  return [
    SOAK_HEADING,
    '',
    `The real background on the fake browser, on a fake clock, for ${n(s.days)} simulated days (seed ${s.seed}; \`npm run soak -- --days ${s.days} --seed ${s.seed}\` replays it; \`npm test\` runs one day): three accounts, one of them rotating its key, 30 new models a day, faults of every kind the fault matrix knows, workers stopped mid-check and mid-write, browser restarts, a clock jump backwards each day, going offline, and the popup and options page sending commands.`,
    '',
    '| checks | faults answered | workers stopped | effects those stops cut | browser restarts | clock jumps back | commands | finishes announced | notifications | broken promises |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    `| ${n(s.checks)} | ${n(s.faults)} | ${n(s.stops)} | ${n(s.cutEffects)} | ${n(s.restarts)} | ${n(s.clockJumps)} | ${n(s.commands)} | ${n(s.finishes)} | ${n(s.notifications)} | ${n(s.violations.length)} |`,
    '',
    'Notifications beyond the finishes are a finish shown again in its own place while it was still on screen (a worker stopped between showing it and noting it): never after it was dismissed.',
    '',
    s.violations.length === 0
      ? 'After every step: no key lost or changed, every stored item readable, the badge equal to what the stored lists say and those lists at most one completed listing behind the fake API, each finish announced once (never again after it was dismissed), no unhandled rejection.'
      : `Broken promises, first ones: ${s.violations.slice(0, 5).join('; ')}`,
    '',
  ];
}
