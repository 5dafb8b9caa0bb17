import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { expectedModels, FUZZ_RUNS, modelsBody } from '../../tests/fuzz/arbitraries';
import { testModel } from '../../tests/models';
import { createIdeogramApi } from '../api/client';
import type { Model } from '../api/types';
import { capCount, renderBadge } from '../surfaces/badge';
import { type Account, EMPTY_SNAPSHOT, snapshotOf, snapshotsItem } from '../storage/items';
import { DEFAULT_SETTINGS } from '../storage/settings';
import { createRefresher } from './engine';

const ACCOUNT: Account = { id: 'acct-fuzz', label: 'Fuzz', since: 1 };
const GOOD: Model = testModel({ id: 'good-1', name: 'Last good', status: 'TRAINING' });

/** The whole refresh step, with `GET /models` answering `body` (and datasets answering well). */
async function refreshWith(body: string) {
  fakeBrowser.reset();
  await fakeBrowser.storage.local.set({
    accounts: [ACCOUNT],
    apiKeys: { [ACCOUNT.id]: 'fuzz-key' },
    snapshots: JSON.stringify({
      [ACCOUNT.id]: { ...EMPTY_SNAPSHOT, models: [GOOD], listedAt: 1, checkedAt: 1 },
    }),
  });
  const fetch: typeof globalThis.fetch = async (input) => {
    const url = String(input);
    const text = url.includes('/datasets') ? '{"datasets":[]}' : body;
    return new Response(text, { status: 200, headers: { 'content-type': 'application/json' } });
  };
  const refresher = createRefresher({
    now: () => 1_800_000_000_000,
    isOnline: () => true,
    throttlesAfterErrors: true,
    apiFor: async () => createIdeogramApi({ apiKey: 'fuzz-key', fetch, isOnline: () => true }),
  });
  const result = await refresher.refresh(ACCOUNT.id, { kind: 'lists', force: true });
  const snapshots = await snapshotsItem.getValue();
  return { result, snapshot: snapshotOf(snapshots, ACCOUNT.id), snapshots };
}

describe('the refresh step, fuzzed', () => {
  it(`never throws, counts exactly the valid owned TRAINING models, keeps the last good data (${FUZZ_RUNS} bodies)`, async () => {
    await fc.assert(
      fc.asyncProperty(modelsBody, async (body) => {
        const { result, snapshot, snapshots } = await refreshWith(body);
        let items: unknown;
        try {
          items = (JSON.parse(body) as { models?: unknown } | null)?.models;
        } catch {
          items = undefined;
        }
        if (!Array.isArray(items)) {
          // Not the documented shape: an error, and the last good list kept.
          expect(result.status).toBe('failed');
          expect(snapshot.error?.kind).toBe('invalid_response');
          expect(snapshot.models).toEqual([GOOD]);
          return;
        }
        expect(result.status).toBe('done');
        const valid = expectedModels(items);
        expect(snapshot.models.map((m) => m.id)).toEqual(valid.map((m) => m.model_id));
        const training = valid.filter((m) => m.is_owned === true && m.status === 'TRAINING');
        const badge = renderBadge({
          accounts: [ACCOUNT],
          snapshots,
          settings: DEFAULT_SETTINGS,
          now: Date.now(),
        });
        expect(badge.text).toBe(training.length > 0 ? capCount(training.length) : '');
      }),
      { numRuns: FUZZ_RUNS },
    );
  }, 120_000);
});
