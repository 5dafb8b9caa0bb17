import { describe, expect, it } from 'vitest';
import { EXPECTED, FAULT_NAMES, runFaultCase } from '../../tests/fault-matrix';

// The fault matrix: every fault the fake API can inject, and being offline, in the periodic check
// of the real background. bench/fault-matrix.md is the same runner's table.

describe('every fault the fake API can inject, and being offline', () => {
  it('has an expectation for each case, and a case for each expectation', () => {
    expect([...FAULT_NAMES].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(FAULT_NAMES)(
    '%s: the right mark, the last good data kept, the next refresh scheduled',
    async (name) => {
      const { row, title, message, delay, before, after } = await runFaultCase(name);
      const expected = EXPECTED[name]!;

      expect(row.badge).toBe(expected.badge);
      expect(row.dataKept).toBe(true);
      expect(after).toEqual(before);
      expect(row.next).toMatch(expected.next);
      // A rejected key is not called again on a timer; anything else is, and never sooner than
      // the browser allows an alarm.
      if (expected.badge === 'KEY') expect(delay).toBeNull();
      else expect(delay).toBeGreaterThanOrEqual(30_000);

      // The tooltip says what went wrong, then what was last known.
      expect(title).toContain(message);
      expect(title).toMatch(/Last known: 2 models training/);
      // The popup says it too, over the last good list.
      expect(row.page).toContain(message.split('.')[0]!);
    },
  );
});
