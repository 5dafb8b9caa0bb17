import { describe, expect, it } from 'vitest';
import { productSources } from './layers';

// Small files say one idea each. A module over the limit says why at its top, in one line that
// starts with "// Long:", so the next person to grow it decides whether it should split instead.
const LIMIT = 250;

/** A file's length in lines, or null when it is within the limit or says why it is not. */
export function unexplainedLength(source: string): number | null {
  const lines = source.split('\n').length - (source.endsWith('\n') ? 1 : 0);
  return lines > LIMIT && !/^\/\/ Long: \S/.test(source) ? lines : null;
}

describe('no source file over 250 lines without a reason', () => {
  it('every long module of the product says why at its top', () => {
    const long = [...productSources()]
      .map(([file, source]) => ({ file, lines: unexplainedLength(source) }))
      .filter(({ lines }) => lines !== null)
      .map(({ file, lines }) => `${file}: ${lines} lines, and no "// Long: why" first line`);
    expect(long).toEqual([]);
  });

  it('tells a long file without a reason from one with it', () => {
    const body = 'const a = 1;\n'.repeat(LIMIT + 1);
    expect(unexplainedLength(body)).toBe(LIMIT + 1);
    expect(unexplainedLength(`// Long: one table.\n${body}`)).toBeNull();
    expect(unexplainedLength('const a = 1;\n'.repeat(LIMIT))).toBeNull();
  });
});
