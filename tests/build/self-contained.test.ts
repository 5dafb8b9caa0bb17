import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// A clone runs its own tests: nothing the project runs (build, tests, bench, screenshots) reads
// a file beside the repository. The folder that some machines happen to have next to it is named
// here only in pieces, so that this file does not name it either.
const OUTSIDE = ['..', 'shared'].join('/');

/** Folders that are generated or installed, not written by the project. */
const SKIPPED = new Set([
  '.git',
  'node_modules',
  '.output',
  '.wxt',
  'test-results',
  'playwright-report',
]);
/** Files that are not text. */
const BINARY = /\.(png|jpe?g|webp|gif|ico|zip|woff2?)$/i;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return SKIPPED.has(name) ? [] : filesUnder(file);
    return BINARY.test(name) ? [] : [file];
  });
}

describe('the repository is self-contained', () => {
  it(`no source, test, script or document names ${OUTSIDE}`, () => {
    const naming = filesUnder('.').filter((file) => readFileSync(file, 'utf8').includes(OUTSIDE));
    expect(
      naming,
      `these files read or name ${OUTSIDE}: copy what they need into the repository`,
    ).toEqual([]);
  });

  it('keeps both of Ideogram’s published OpenAPI documents', () => {
    const specs = readdirSync('tests/openapi/specs');
    expect(specs).toContain('ideogram-openapi-2026-04-27-custom-models.json');
    expect(specs).toContain('ideogram-openapi-2026-10-07-custom-models.json');
  });
});
