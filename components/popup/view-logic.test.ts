import { describe, expect, it } from 'vitest';
import type { Model } from '../../utils/api/types';
import { testModel } from '../../tests/models';
import {
  countByStatus,
  indexModels,
  type ModelFilter,
  noUriReason,
  timeFact,
  visibleModels,
} from './view-logic';

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
    ['spaces around the search', { query: '  poster  ' }, ['Poster 9', 'Poster 10']],
    ['nothing that matches', { query: 'zzz' }, []],
  ])('by %s', (_, filter, expected) => {
    expect(names(visibleModels(index, { ...all, ...filter }, 'name'))).toEqual(expected);
  });
});

describe('visibleModels: sorting', () => {
  it('by name, in natural order', () => {
    expect(names(visibleModels(index, { ...all, query: 'poster' }, 'name'))).toEqual([
      'Poster 9',
      'Poster 10',
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
    ['TRAINING', /still training/],
    ['CREATING', /still training/],
    ['ERRORED', /training failed/],
    ['COMPLETED', /not in Ideogram’s model registry/],
  ])('explains a missing URI for %s', (status, reason) => {
    expect(noUriReason(model('x', status, { uri: null }))).toMatch(reason);
  });
});

describe('at scale', () => {
  it('filters 5,000 models by search without re-sorting', () => {
    const many = Array.from({ length: 5000 }, (_, i) =>
      model(`Model ${i}`, i % 7 === 0 ? 'TRAINING' : 'COMPLETED'),
    );
    const big = indexModels(many);
    const result = visibleModels(big, { ...all, query: 'model 49' }, 'name');
    expect(result.map((m) => m.name).slice(0, 3)).toEqual(['Model 49', 'Model 490', 'Model 491']);
    expect(result).toHaveLength(111);
  });
});
