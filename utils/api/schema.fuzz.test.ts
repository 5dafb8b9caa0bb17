import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectedModels, FUZZ_RUNS, modelsBody } from '../../tests/fuzz/arbitraries';
import { MAX_TEXT_LENGTH, parseModelList } from './schema';

describe('parseModelList, fuzzed', () => {
  it(`never throws, keeps exactly the valid items and counts the rest (${FUZZ_RUNS} bodies)`, () => {
    fc.assert(
      fc.property(modelsBody, (text) => {
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch {
          return; // not JSON: the client turns it into an invalid-response error before parsing
        }
        const result = parseModelList(body);
        const items = (body as { models?: unknown } | null)?.models;
        if (!Array.isArray(items)) {
          expect(result.ok).toBe(false);
          return;
        }
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        const expected = expectedModels(items);
        expect(result.value.items.map((m) => m.id)).toEqual(expected.map((m) => m.model_id));
        expect(result.value.dropped).toBe(items.length - expected.length);
        for (const model of result.value.items) {
          expect(model.name.length).toBeLessThanOrEqual(MAX_TEXT_LENGTH);
          expect(Number.isFinite(model.createdAt)).toBe(true);
        }
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});
