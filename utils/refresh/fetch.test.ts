import { describe, expect, it } from 'vitest';
import { testModel, testRun } from '../../tests/models';
import type { Model } from '../api/types';
import { carry, type Fetched, mergeLists } from './fetch';

// How fetched lists merge into the stored models, part by part, and what a model carries over.

const own = (id: string, name = id) => testModel({ id, name, owned: true });
const shared = (id: string, name = id) => testModel({ id, name, owned: false });

function listsOf(
  items: Model[],
  parts: { owned: boolean; shared: boolean },
): Extract<Fetched, { type: 'lists' }> {
  return {
    type: 'lists',
    parts: { ...parts, datasets: false },
    models: { seq: 1, value: { items, dropped: 0 } },
    datasets: null,
    details: new Map(),
  };
}

describe('mergeLists', () => {
  const stored = [own('a', 'A before'), shared('s', 'S before')];
  const both = [own('a', 'A now'), own('b', 'B now'), shared('s', 'S now')];

  it('replaces every model with a list of both parts', () => {
    const merged = mergeLists(stored, listsOf(both, { owned: true, shared: true }), 0);
    expect(merged.map((m) => m.name)).toEqual(['A now', 'B now', 'S now']);
  });

  it('applies one part of a list of both, keeping the other as stored, with no model twice', () => {
    // A newer answer already brought the user's own models: only the shared part applies.
    const sharedOnly = mergeLists(stored, listsOf(both, { owned: false, shared: true }), 0);
    expect(sharedOnly.map((m) => m.name)).toEqual(['A before', 'S now']);
    const ownedOnly = mergeLists(stored, listsOf(both, { owned: true, shared: false }), 0);
    expect(ownedOnly.map((m) => m.name)).toEqual(['A now', 'B now', 'S before']);
  });
});

describe('carry', () => {
  const runs = [testRun({ phase: 'TRAINING' })];
  const before = testModel({ id: 'a', status: 'TRAINING', runs, runsAt: 5 });

  it('keeps the runs read before while the status is the same', () => {
    const kept = carry(before, testModel({ id: 'a', status: 'TRAINING' }), undefined, 10);
    expect(kept).toMatchObject({ runs, runsAt: 5 });
  });

  it('drops runs read before the training finished: they say a phase that is over', () => {
    const done = carry(before, testModel({ id: 'a', status: 'COMPLETED' }), undefined, 10);
    expect(done.runs).toBeUndefined();
    expect(done.runsAt).toBeUndefined();
  });
});
