import { describe, expect, it } from 'vitest';
import { testModel } from '../../tests/models';
import type { Model, TrainingRun } from '../api/types';
import { ALL_ACCOUNTS, type PopupPrefs } from '../storage/choices';
import type { Account } from '../storage/items';
import { EMPTY_SNAPSHOT, type Snapshot } from '../storage/snapshot';
import { computeFirstScreen, FIRST_ROWS, firstScreenKey } from './first-screen';
import { detailParts } from './models';
import { HISTORY_WINDOW, pastTrainings } from '../models/training';

const PREFS: PopupPrefs = {
  tab: 'models',
  statuses: [],
  scope: 'all',
  sort: 'updated',
  account: ALL_ACCOUNTS,
};

const accounts: Account[] = [
  { id: 'a1', label: 'Personal', since: 1 },
  { id: 'a2', label: 'Acme team', since: 2 },
];

function snapshot(models: Model[], extra: Partial<Snapshot> = {}): Snapshot {
  return { ...EMPTY_SNAPSHOT, models, listedAt: 1, checkedAt: 1, ...extra };
}

const many = (prefix: string, n: number, extra: (i: number) => Partial<Model> = () => ({})) =>
  Array.from({ length: n }, (_, i) =>
    testModel({
      id: `${prefix}${i}`,
      name: `${prefix} ${String(i).padStart(3, '0')}`,
      createdAt: 1000 + i,
      ...extra(i),
    }),
  );

const snapshots = {
  a1: snapshot(
    many('mine', 30, (i) => ({ status: i % 3 === 0 ? 'TRAINING' : 'COMPLETED' })),
    {
      datasets: [
        { id: 'ds1', name: 'Brand photos', createdAt: 5 },
        { id: 'ds2', name: 'Never used', createdAt: 6 },
      ],
    },
  ),
  // The team's models are the most recently made.
  a2: snapshot(
    many('team', 5, (i) => ({ datasetId: 'ds1', createdAt: 2000 + i })),
    {
      error: { kind: 'server', message: 'HTTP 500', at: 3 },
      datasets: [{ id: 'ds1', name: 'Team set', createdAt: 7 }],
    },
  ),
};

const names = (rows: { name: string }[]) => rows.map((r) => r.name);

describe('the popup’s first screen', () => {
  it('holds the first rows in the popup’s order, with the full counts', () => {
    const first = computeFirstScreen(accounts, snapshots, PREFS, []);
    expect(first.models).toBe(35);
    expect(first.datasets).toBe(3);
    expect(first.rows).toHaveLength(FIRST_ROWS);
    // Most recently updated first, across accounts, each row knowing its account.
    expect(names(first.rows).slice(0, 3)).toEqual(['team 004', 'team 003', 'team 002']);
    expect(first.rows[0]!.accountId).toBe('a2');
    expect(names(first.datasetRows)).toEqual(['Team set', 'Never used', 'Brand photos']);
  });

  it('follows the remembered filters, sort, account and pins', () => {
    const prefs: PopupPrefs = { ...PREFS, statuses: ['TRAINING'], sort: 'name', account: 'a1' };
    const first = computeFirstScreen(accounts, snapshots, prefs, ['mine27']);
    expect(first.models).toBe(30);
    // The pinned one first, then by name; training ones only; the team's rows left out.
    expect(names(first.rows).slice(0, 3)).toEqual(['mine 027', 'mine 000', 'mine 003']);
    expect(first.rows.every((r) => r.status === 'TRAINING' && r.accountId === 'a1')).toBe(true);
    expect(first.rows).toHaveLength(10);
  });

  it('keeps the dataset names its rows mention, per account, and nothing else', () => {
    const first = computeFirstScreen(accounts, snapshots, PREFS, []);
    expect(first.datasetNames).toEqual({ 'a2:ds1': 'Team set' });
  });

  it('carries each account’s state for the header and banners, never the whole lists', () => {
    const first = computeFirstScreen(accounts, snapshots, PREFS, []);
    expect(first.accounts.a2).toEqual({
      listedAt: 1,
      checkedAt: 1,
      error: { kind: 'server', message: 'HTTP 500', at: 3 },
      datasetsError: null,
    });
    expect(JSON.stringify(first).length).toBeLessThan(12_000);
  });

  it('is drawn for the choices it was made with: any change of them gives another key', () => {
    const key = firstScreenKey(accounts, PREFS, []);
    expect(computeFirstScreen(accounts, snapshots, PREFS, []).key).toBe(key);
    expect(firstScreenKey(accounts, { ...PREFS, sort: 'name' }, [])).not.toBe(key);
    expect(firstScreenKey(accounts, PREFS, ['mine1'])).not.toBe(key);
    expect(firstScreenKey(accounts.slice(0, 1), PREFS, [])).not.toBe(key);
    // A key replaced (same account, new `since`) is another source of lists.
    expect(firstScreenKey([{ ...accounts[0]!, since: 9 }, accounts[1]!], PREFS, [])).not.toBe(key);
  });
});

describe('the first screen’s estimates', () => {
  it('say what the full lists say: the row’s run and the account’s recent history travel with it', () => {
    const HOUR = 3_600_000;
    const NOW = 100 * HOUR;
    const run = (over: Partial<TrainingRun>): TrainingRun => ({
      id: 'r',
      phase: 'TRAINING',
      createdAt: NOW - HOUR,
      updatedAt: null,
      steps: 1000,
      loraRank: 128,
      chips: 8,
      ema: null,
      learningRate: null,
      ...over,
    });
    const past = Array.from({ length: 12 }, (_, i) =>
      testModel({
        id: `past${i}`,
        status: 'COMPLETED',
        createdAt: i,
        runs: [
          run({
            id: `p${i}`,
            phase: 'COMPLETED',
            createdAt: i * HOUR,
            updatedAt: i * HOUR + 2 * HOUR,
          }),
        ],
      }),
    );
    const training = testModel({
      id: 'now',
      name: 'Brand v3',
      status: 'TRAINING',
      createdAt: NOW + 1,
      runs: [run({ id: 'old', phase: 'COMPLETED' }), run({ id: 'cur' })],
    });
    const full = { a1: snapshot([training, ...past]) };
    const first = computeFirstScreen([accounts[0]!], full, PREFS, []);
    // At most the runs of history an estimate looks at, and the row's current run only.
    expect(first.histories.a1).toHaveLength(HISTORY_WINDOW);
    const row = first.rows.find((r) => r.id === 'now')!;
    expect(row.runs?.map((r) => r.id)).toEqual(['cur']);
    const fromLists = detailParts(training, NOW, {}, pastTrainings(full.a1.models));
    const fromFirst = detailParts(row, NOW, {}, first.histories.a1);
    expect(fromFirst).toEqual(fromLists);
    expect(fromFirst.map((p) => p.text)).toContain('about 1 h left');
  });
});
