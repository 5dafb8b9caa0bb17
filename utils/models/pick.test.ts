import { describe, expect, it } from 'vitest';
import type { Model } from '../api/types';
import { testModel } from '../../tests/models';
import { isReady, matchScore, menuModels, rankModels, primaryCopy } from './pick';

let clock = 0;
function model(name: string, extra: Partial<Model> = {}): Model {
  clock += 1000;
  const slug = name.toLowerCase().replace(/\W+/g, '-');
  return testModel({
    id: `id-${slug}`,
    name,
    createdAt: clock,
    updatedAt: clock,
    available: true,
    uri: `model/${slug}/version/1`,
    ...extra,
  });
}

const brandV1 = model('Brand v1');
const brandV2 = model('Brand v2', { status: 'TRAINING', available: false, uri: null });
const rebrand = model('Rebrand test');
const posterBrand = model('Poster brand');
const logo = model('Logo mark');
const MODELS = [brandV1, brandV2, rebrand, posterBrand, logo];
const none = { pins: [], recents: [] };
const names = (models: Model[]) => models.map((m) => m.name);

describe('matchScore', () => {
  it.each([
    ['an exact ID', brandV1.id, 100],
    ['an exact URI', brandV1.uri!, 100],
    ['the whole name', 'brand v1', 90],
    ['the start of the name', 'bra', 70],
    ['the start of a word', 'v1', 50],
    ['inside the name', 'and v', 35],
    ['inside the URI', '/version/', 25],
    ['nothing', 'zebra', 0],
  ])('%s', (_, query, score) => {
    expect(matchScore(brandV1, query)).toBe(score);
  });
});

describe('rankModels', () => {
  it.each([
    ['brand', ['Brand v1', 'Brand v2', 'Poster brand', 'Rebrand test']],
    ['BRAND V', ['Brand v1', 'Brand v2']],
    ['logo', ['Logo mark']],
    ['mark', ['Logo mark']],
    ['nothing like it', []],
  ])('ranks the matches for %j', (query, expected) => {
    expect(names(rankModels(MODELS, query, none))).toEqual(expected);
  });

  it('puts pinned, then recently used, models first among equal matches', () => {
    expect(names(rankModels(MODELS, 'v', { pins: [brandV2.id], recents: [] })).slice(0, 2)).toEqual(
      ['Brand v2', 'Brand v1'],
    );
    expect(names(rankModels(MODELS, 'brand v', { pins: [], recents: [brandV2.id] }))[0]).toBe(
      'Brand v2',
    );
  });

  it('with nothing typed, offers pinned and recent ones first', () => {
    const ranked = rankModels(MODELS, '', { pins: [logo.id], recents: [rebrand.id] });
    expect(names(ranked).slice(0, 2)).toEqual(['Logo mark', 'Rebrand test']);
  });

  it('stops at the limit', () => {
    expect(rankModels(MODELS, '', none, 3)).toHaveLength(3);
  });
});

describe('menuModels', () => {
  it('offers ready models: pinned, then recent, then the latest finished', () => {
    const offered = menuModels(MODELS, { pins: [rebrand.id], recents: [brandV1.id, brandV2.id] });
    expect(names(offered)).toEqual(['Rebrand test', 'Brand v1', 'Logo mark', 'Poster brand']);
  });

  it('leaves out models that are not ready', () => {
    const archived = model('Archived', { status: 'ARCHIVED', available: false });
    const unusable = model('Unusable', { available: false });
    expect(names(menuModels([archived, unusable, brandV2], none))).toEqual([]);
    expect(isReady(brandV1)).toBe(true);
    expect(isReady(unusable)).toBe(false);
  });

  it('stops at the limit', () => {
    const many = Array.from({ length: 30 }, (_, i) => model(`M${i}`));
    expect(menuModels(many, none)).toHaveLength(10);
  });
});

describe('primaryCopy', () => {
  it('is the URI, or the ID when there is none', () => {
    expect(primaryCopy(brandV1)).toEqual({ text: brandV1.uri, isUri: true });
    expect(primaryCopy(brandV2)).toEqual({ text: brandV2.id, isUri: false });
  });
});
