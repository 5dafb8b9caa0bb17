import { describe, expect, it } from 'vitest';
import type { Model } from '../api/types';
import { testModel, testRun } from '../../tests/models';
import { uriUnavailableReason } from '../models/pick';
import {
  countByStatus,
  detailParts,
  indexModels,
  type ModelFilter,
  primaryCopy,
  timeFact,
  visibleModels,
} from './models';

const NOW = Date.UTC(2026, 10, 21, 12, 0);
const MIN = 60_000;

function model(name: string, status: string, extra: Partial<Model> = {}): Model {
  const completed = status === 'COMPLETED';
  return testModel({
    id: `id_${name.replace(/\W/g, '')}`,
    name,
    status,
    createdAt: NOW - 60 * MIN,
    available: completed,
    uri: completed ? `model/${name.toLowerCase()}/version/1` : null,
    ...extra,
  });
}

const MODELS: Model[] = [
  model('Brand v2', 'TRAINING', { createdAt: NOW - 40 * MIN }),
  model('brand v1', 'COMPLETED', { updatedAt: NOW - 3 * 24 * 60 * MIN }),
  model('Poster 10', 'COMPLETED', { updatedAt: NOW - 5 * MIN }),
  model('Poster 9', 'ERRORED', { updatedAt: NOW - 10 * MIN }),
  model('Fresh', 'CREATING', { createdAt: NOW - 2 * MIN }),
  model('Sketch', 'DRAFT'),
  model('Old', 'ARCHIVED'),
  model('Queued one', 'QUEUED'),
  model('Team mascot', 'COMPLETED', { owned: false, uri: 'model/team-mascot/version/2' }),
];
const index = indexModels(MODELS);
const all: ModelFilter = { statuses: [], scope: 'all', query: '' };
const names = (models: Model[]) => models.map((m) => m.name);

describe('indexModels', () => {
  it('lists the statuses present, documented ones first, then new ones', () => {
    expect(index.statuses).toEqual([
      'CREATING',
      'DRAFT',
      'TRAINING',
      'COMPLETED',
      'ERRORED',
      'ARCHIVED',
      'QUEUED',
    ]);
  });
});

describe('visibleModels: filtering', () => {
  it.each<[string, Partial<ModelFilter>, string[]]>([
    ['one status', { statuses: ['TRAINING'] }, ['Brand v2']],
    ['two statuses', { statuses: ['ERRORED', 'CREATING'] }, ['Fresh', 'Poster 9']],
    ['an unknown status', { statuses: ['QUEUED'] }, ['Queued one']],
    ['shared only', { scope: 'shared' }, ['Team mascot']],
    ['mine, completed', { scope: 'mine', statuses: ['COMPLETED'] }, ['brand v1', 'Poster 10']],
    ['a name, any case', { query: 'BRAND' }, ['brand v1', 'Brand v2']],
    ['an id', { query: 'id_sketch' }, ['Sketch']],
    ['a URI', { query: 'team-mascot/version' }, ['Team mascot']],
    ['spaces around the search', { query: '  poster  ' }, ['Poster 10', 'Poster 9']],
    ['nothing that matches', { query: 'zzz' }, []],
  ])('by %s', (_, filter, expected) => {
    expect(names(visibleModels(index, { ...all, ...filter }, 'name'))).toEqual(expected);
  });
});

describe('visibleModels: sorting', () => {
  it('by name, in natural order', () => {
    expect(names(visibleModels(index, { ...all, statuses: ['COMPLETED'] }, 'name'))).toEqual([
      'brand v1',
      'Poster 10',
      'Team mascot',
    ]);
  });

  it('by most recently updated (created, when never updated)', () => {
    expect(names(visibleModels(index, all, 'updated')).slice(0, 4)).toEqual([
      'Fresh',
      'Poster 10',
      'Poster 9',
      'Brand v2',
    ]);
  });

  it('by status: training, creating and failed ones first', () => {
    expect(names(visibleModels(index, all, 'status'))).toEqual([
      'Brand v2',
      'Fresh',
      'Poster 9',
      'brand v1',
      'Poster 10',
      'Team mascot',
      'Sketch',
      'Old',
      'Queued one',
    ]);
  });

  it('puts pinned models first', () => {
    const pinned = new Set(['id_Old', 'id_Sketch']);
    expect(names(visibleModels(index, all, 'name', pinned)).slice(0, 3)).toEqual([
      'Old',
      'Sketch',
      'brand v1',
    ]);
  });
});

describe('visibleModels: a search ranks', () => {
  const ranked = (list: Model[], query: string, sort: 'updated' | 'name' = 'updated') =>
    names(visibleModels(indexModels(list), { ...all, query }, sort));

  it('puts the usable model first among equal matches, whatever the sort', () => {
    // Sorted by recency, the training Brand v2 comes first; searching "brand", the finished
    // Brand v1 (the one with a URI to copy) does.
    expect(names(visibleModels(index, { ...all, query: 'brand' }, 'updated'))).toEqual([
      'brand v1',
      'Brand v2',
    ]);
  });

  it('puts a name that starts with the search before a word that does, before the rest', () => {
    const list = [
      model('Compost heap', 'COMPLETED'),
      model('Old poster', 'COMPLETED'),
      model('Poster look', 'COMPLETED'),
    ];
    expect(ranked(list, 'post')).toEqual(['Poster look', 'Old poster', 'Compost heap']);
  });

  it('puts an exact ID or URI first of all', () => {
    const list = [model('id_target helper', 'COMPLETED'), model('target', 'COMPLETED')];
    expect(ranked(list, 'id_target')).toEqual(['target', 'id_target helper']);
  });

  it('lets a pin lift a model among equal matches, not above better ones', () => {
    const list = [
      model('Poster a', 'COMPLETED'),
      model('Poster b', 'COMPLETED'),
      model('Old poster', 'COMPLETED'),
    ];
    const pins = new Set(['id_Posterb', 'id_Oldposter']);
    expect(
      names(visibleModels(indexModels(list), { ...all, query: 'poster' }, 'name', pins)),
    ).toEqual(['Poster b', 'Poster a', 'Old poster']);
  });
});

describe('countByStatus', () => {
  it('counts every status in the scope and search, whatever the status filter', () => {
    expect(Object.fromEntries(countByStatus(index, { scope: 'all', query: '' }))).toEqual({
      CREATING: 1,
      DRAFT: 1,
      TRAINING: 1,
      COMPLETED: 3,
      ERRORED: 1,
      ARCHIVED: 1,
      QUEUED: 1,
    });
    expect(Object.fromEntries(countByStatus(index, { scope: 'mine', query: 'poster' }))).toEqual({
      CREATING: 0,
      DRAFT: 0,
      TRAINING: 0,
      COMPLETED: 1,
      ERRORED: 1,
      ARCHIVED: 0,
      QUEUED: 0,
    });
  });
});

describe('timeFact', () => {
  it.each<[string, Model, string]>([
    ['training', model('a', 'TRAINING', { createdAt: NOW - 125 * MIN }), 'for 2 h 5 min'],
    ['creating', model('a', 'CREATING', { createdAt: NOW - 2 * MIN }), 'started 2 min ago'],
    ['completed', model('a', 'COMPLETED', { updatedAt: NOW - 3 * 60 * MIN }), 'finished 3 h ago'],
    ['completed, no update time', model('a', 'COMPLETED'), 'created 1 h ago'],
    ['errored', model('a', 'ERRORED', { updatedAt: NOW - 30 * MIN }), 'failed 30 min ago'],
    ['draft', model('a', 'DRAFT'), 'updated 1 h ago'],
    ['unknown', model('a', 'QUEUED'), 'updated 1 h ago'],
  ])('%s: %j', (_, m, text) => {
    expect(timeFact(m, NOW)).toBe(text);
  });
});

describe('copying', () => {
  it.each([
    ['TRAINING', {}, /still training/],
    ['CREATING', {}, /still being created/],
    ['ERRORED', {}, /training failed/],
    ['COMPLETED', {}, /not in Ideogram’s model registry/],
    ['ARCHIVED', { uri: 'model/old/version/3', available: false }, /archived/],
  ])('explains why %s offers no URI', (status, extra, reason) => {
    const m = model('x', status, { uri: null, ...extra });
    expect(uriUnavailableReason(m)).toMatch(reason);
    // Its ID is what copying gives, and says so.
    expect(primaryCopy(m)).toEqual({ text: m.id, isUri: false });
  });

  it('offers the URI of a usable model', () => {
    const m = model('Brand', 'COMPLETED');
    expect(uriUnavailableReason(m)).toBeNull();
    expect(primaryCopy(m)).toEqual({ text: m.uri, isUri: true });
  });
});

describe('detailParts', () => {
  it('says status, whose, time and dataset, most important first', () => {
    const shared = model('Team', 'COMPLETED', { owned: false, updatedAt: NOW - 2 * MIN });
    // Whose comes early: with several accounts, two rows of the same name must be told apart.
    expect(detailParts(shared, NOW, { dataset: 'Brand photos', account: 'Acme' })).toEqual([
      { kind: 'status', text: 'Completed' },
      { kind: 'owner', text: 'Shared, Acme' },
      { kind: 'time', text: 'finished 2 min ago' },
      { kind: 'dataset', text: 'Brand photos' },
    ]);
  });

  it('says the base Model Watch trained it on, last (the first part to give way)', () => {
    const m = model('Brand v4', 'COMPLETED', { updatedAt: NOW - 2 * MIN });
    expect(detailParts(m, NOW, { dataset: 'Brand photos', base: 'Ideogram 4.0' }).at(-1)).toEqual({
      kind: 'base',
      text: 'Ideogram 4.0',
    });
    expect(detailParts(m, NOW, {}).map((p) => p.kind)).not.toContain('base');
  });

  it('says when a finished model cannot be used now', () => {
    const m = model('Old', 'COMPLETED', { available: false });
    expect(detailParts(m, NOW, {})[0]).toEqual({ kind: 'status', text: 'Completed, not usable' });
  });
});

describe('at scale', () => {
  it('filters 5,000 models by search without re-sorting', () => {
    const many = Array.from({ length: 5000 }, (_, i) =>
      model(`Model ${i}`, i % 7 === 0 ? 'TRAINING' : 'COMPLETED'),
    );
    const big = indexModels(many);
    const result = visibleModels(big, { ...all, query: 'model 49' }, 'name');
    // The whole name first; then equal matches, the usable ones (with a URI) before the rest.
    expect(result.map((m) => m.name).slice(0, 3)).toEqual(['Model 49', 'Model 491', 'Model 492']);
    expect(result).toHaveLength(111);
  });
});

describe('a row of a model in training, seen from inside', () => {
  const HOUR = 60 * MIN;
  const run = (phase: string) =>
    testRun({ phase, createdAt: NOW - 70 * MIN, updatedAt: NOW - 5 * MIN });
  const history = (hours: number[]) =>
    hours.map((h, i) => ({ modelId: `p${i}`, duration: h * HOUR, steps: 1000, finishedAt: i }));
  const words = (m: Model, past = history([])) =>
    detailParts(m, NOW, {}, past).map((p) => `${p.kind}: ${p.text}`);

  it.each([
    ['PREPARING_DATA', 'Preparing data'],
    ['QUEUED', 'Queued'],
    ['TRAINING', 'Training'],
    ['FINALIZING', 'Finalizing'],
    ['WARMING_UP', 'Warming up'],
  ])('says the phase %s as “%s”', (phase, label) => {
    const m = model('Brand v2', 'TRAINING', { runs: [run(phase)] });
    expect(words(m)).toEqual([`status: ${label}`, 'time: for 1 h 10 min']);
  });

  it('falls back to the list’s status while the phase is not known', () => {
    const m = model('Brand v2', 'TRAINING', { createdAt: NOW - 72 * MIN });
    expect(words(m)).toEqual(['status: Training', 'time: for 1 h 12 min']);
  });

  it('says what is left, from three past trainings or more', () => {
    const m = model('Brand v2', 'TRAINING', { runs: [run('TRAINING')] });
    expect(words(m, history([2, 2, 2]))).toEqual(['status: Training', 'time: about 50 min left']);
    expect(words(m, history([1, 1, 1]))).toEqual([
      'status: Training',
      'time: 1 h 10 min so far; usually about 1 h',
    ]);
  });

  it('says when it takes longer than usual, right after its status', () => {
    const m = model('Brand v2', 'TRAINING', { runs: [run('TRAINING')] });
    expect(words(m, history([0.5, 0.5, 0.5]))).toEqual([
      'status: Training',
      'stuck: Taking longer than usual',
      'time: for 1 h 10 min',
    ]);
  });
});
