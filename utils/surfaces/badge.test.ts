import { describe, expect, it } from 'vitest';
import type { Model } from '../api/types';
import { type BadgeInput, capCount, renderBadge } from './badge';
import { BADGE_COLORS } from './badge-marks';
import { type Account, EMPTY_SNAPSHOT, type Snapshot } from '../storage/items';
import { testModel, testRun } from '../../tests/models';

const NOW = Date.UTC(2026, 10, 21, 14, 5);

let n = 0;
const MIN = 60_000;
const HOUR = 60 * MIN;
/** A model created 42 minutes ago (its training's start, while no run is known). */
const model = (status: string, name = `Model ${++n}`, owned = true): Model =>
  testModel({ id: `id-${name}`, name, status, owned, createdAt: NOW - 42 * MIN });

const PERSONAL: Account = { id: 'a1', label: 'Personal', since: 1 };
const TEAM: Account = { id: 'a2', label: 'Acme team', since: 1 };
const SAMPLE: Account = { id: 'sample', label: 'Sample data', since: 1, sample: true };

const stored = (snapshot: Partial<Snapshot>): Snapshot => ({
  ...EMPTY_SNAPSHOT,
  checkedAt: NOW,
  ...snapshot,
});

/** The badge for one account with this snapshot. */
function badge(
  snapshot: Partial<Snapshot>,
  overrides: { account?: Account; settings?: BadgeInput['settings'] } = {},
) {
  const account = overrides.account ?? PERSONAL;
  return renderBadge({
    accounts: [account],
    snapshots: { [account.id]: stored(snapshot) },
    settings: overrides.settings ?? { countCreating: false },
    now: NOW,
  });
}

describe('renderBadge', () => {
  it('counts the user’s own training models, and names them in the tooltip', () => {
    const view = badge({
      models: [
        model('TRAINING', 'Brand v2'),
        model('TRAINING', 'Poster look'),
        model('TRAINING', 'Team one', false),
        model('CREATING', 'Fresh'),
        model('COMPLETED'),
        model('QUEUED', 'Unknown status'),
      ],
    });
    expect(view.text).toBe('2');
    expect(view.color).toBe(BADGE_COLORS.training);
    expect(view.title).toMatch(/^Model Watch for Ideogram: 2 models training\. Last checked at/);
    expect(view.title.split('\n').slice(1)).toEqual([
      'Brand v2: training for 42 min',
      'Poster look: training for 42 min',
    ]);
  });

  it('counts models being created too when the setting says so', () => {
    const view = badge(
      { models: [model('TRAINING', 'A'), model('CREATING', 'B')] },
      { settings: { countCreating: true } },
    );
    expect(view.text).toBe('2');
    expect(view.title).toMatch(/2 models training or being created\./);
    expect(view.title).toMatch(/\nA: training for 42 min\nB: being created for 42 min$/);
  });

  it('is empty at zero, and says so in words', () => {
    const view = badge({ models: [model('COMPLETED')] });
    expect(view.text).toBe('');
    expect(view.title).toMatch(/No models training\./);
  });

  it('lists five names at most', () => {
    const models = Array.from({ length: 8 }, (_, i) => model('TRAINING', `M${i}`));
    const title = badge({ models }).title;
    expect(title).toMatch(/8 models training\./);
    expect(
      title
        .split('\n')
        .slice(1)
        .map((l) => l.split(':')[0]),
    ).toEqual(['M0', 'M1', 'M2', 'M3', 'M4', 'and 3 more']);
  });

  it.each([
    [1, '1'],
    [99, '99'],
    [100, '99+'],
    [5000, '99+'],
  ])('caps %d as %j', (count, text) => {
    expect(capCount(count)).toBe(text);
  });

  it.each([
    ['unauthorized', 'KEY', BADGE_COLORS.keyRejected],
    // A 403 refuses part of the API, not the key.
    ['forbidden', 'ERR', BADGE_COLORS.apiError],
    ['payment', 'ERR', BADGE_COLORS.apiError],
    ['throttled', 'ERR', BADGE_COLORS.apiError],
    ['storage', 'ERR', BADGE_COLORS.apiError],
    ['offline', 'OFF', BADGE_COLORS.offline],
    ['network', 'OFF', BADGE_COLORS.offline],
    ['rate_limited', 'WAIT', BADGE_COLORS.rateLimited],
    ['server', 'ERR', BADGE_COLORS.apiError],
    ['timeout', 'ERR', BADGE_COLORS.apiError],
    ['invalid_response', 'ERR', BADGE_COLORS.apiError],
    ['http', 'ERR', BADGE_COLORS.apiError],
  ])('marks %s as %j, and says it once', (kind, text, color) => {
    const view = badge({
      models: [model('TRAINING', 'Brand v2')],
      error: { kind: kind as never, message: 'What happened, in words.', at: NOW },
    });
    expect(view).toMatchObject({ text, color });
    // The error's own sentence, said once, first.
    expect(view.title).toMatch(/^Model Watch for Ideogram: What happened, in words\.\n/);
    expect(view.title.split('What happened').length).toBe(2);
    // The last good data is still told.
    expect(view.title).toMatch(
      /Last known: 1 model training\. Last checked at .*\nBrand v2: training for 42 min$/,
    );
  });

  it('marks "not set up" distinctly', () => {
    const view = renderBadge({
      accounts: [],
      snapshots: {},
      settings: { countCreating: false },
      now: NOW,
    });
    expect(view).toEqual({
      text: '?',
      color: BADGE_COLORS.notSetUp,
      title:
        'Model Watch for Ideogram: not set up. Click to add your Ideogram API key, or try it with sample data.',
    });
  });

  it('marks sample data distinctly', () => {
    const sample = { account: SAMPLE };
    expect(badge({ models: [model('TRAINING')] }, sample)).toMatchObject({
      text: 'S1',
      color: BADGE_COLORS.sample,
      title: expect.stringMatching(/sample data \(S\): 1 model training/),
    });
    expect(badge({}, sample).text).toBe('S');
  });

  it('says it is checking before the first answer', () => {
    expect(badge({ checkedAt: null }).title).toMatch(/checking your models/);
  });
});

describe('renderBadge with several accounts', () => {
  const settings = { countCreating: false };
  const accounts = [PERSONAL, TEAM];

  it('shows the total in training, and each account’s count in the tooltip', () => {
    const view = renderBadge({
      accounts,
      settings,
      now: NOW,
      snapshots: {
        a1: stored({ models: [model('TRAINING', 'Brand v2'), model('TRAINING', 'Logo')] }),
        a2: stored({ models: [model('TRAINING', 'Poster'), model('COMPLETED')] }),
      },
    });
    expect(view.text).toBe('3');
    expect(view.color).toBe(BADGE_COLORS.training);
    expect(view.title).toBe(
      [
        'Model Watch for Ideogram: 3 models training in 2 accounts.',
        'Personal: 2 training.',
        'Acme team: 1 training.',
        'Brand v2: training for 42 min',
        'Logo: training for 42 min',
        'Poster: training for 42 min',
      ].join('\n'),
    );
  });

  it('keeps the total when one account is in trouble, flags it, and names it', () => {
    const view = renderBadge({
      accounts,
      settings,
      now: NOW,
      snapshots: {
        a1: stored({ models: [model('TRAINING', 'Brand v2')] }),
        a2: stored({
          models: [model('TRAINING', 'Poster')],
          error: { kind: 'unauthorized', message: 'Rejected.', at: NOW },
        }),
      },
    });
    expect(view).toMatchObject({ text: '2!', color: BADGE_COLORS.keyRejected });
    expect(view.title).toContain(
      'Acme team: Ideogram rejected the API key. Open Options to fix it. Last known: 1 training.',
    );
    expect(view.title).toContain('Personal: 1 training.');
    expect(view.title).toContain('Poster: training for 42 min');
  });

  it('shows the worst problem’s mark when every account is in trouble', () => {
    const view = renderBadge({
      accounts,
      settings,
      now: NOW,
      snapshots: {
        a1: stored({ error: { kind: 'server', message: 'Down.', at: NOW } }),
        a2: stored({ error: { kind: 'rate_limited', message: 'Slow down.', at: NOW } }),
      },
    });
    expect(view).toMatchObject({ text: 'WAIT', color: BADGE_COLORS.rateLimited });
  });

  it('is empty at zero', () => {
    const view = renderBadge({
      accounts,
      settings,
      now: NOW,
      snapshots: { a1: stored({}), a2: stored({}) },
    });
    expect(view.text).toBe('');
    expect(view.title).toMatch(/0 models training in 2 accounts/);
  });
});

describe('the tooltip says each thing once', () => {
  it.each(['unauthorized', 'offline', 'rate_limited'])('with a real %s message', (kind) => {
    const message = {
      unauthorized: 'Ideogram rejected the API key. Check it in Options, or create a new key.',
      offline: 'You are offline. Model Watch will refresh as soon as you are back online.',
      rate_limited: 'Ideogram is limiting requests for now. Model Watch will try again in 2 min.',
    }[kind]!;
    const view = badge({ models: [], error: { kind: kind as never, message, at: NOW } });
    const first = message.split('.')[0]!;
    expect(view.title.split(first).length).toBe(2);
  });
});

describe('one model seen by two keys of the same user', () => {
  it('is counted once, under the first account that lists it', () => {
    const shared = model('TRAINING', 'Brand v2');
    const view = renderBadge({
      accounts: [PERSONAL, TEAM],
      snapshots: {
        a1: stored({ models: [shared] }),
        a2: stored({ models: [shared, model('TRAINING', 'Poster look')] }),
      },
      settings: { countCreating: false },
      now: NOW,
    });
    expect(view.text).toBe('2');
    expect(view.title).toMatch(/^Model Watch for Ideogram: 2 models training in 2 accounts\./);
    expect(view.title.split('Brand v2:')).toHaveLength(2);
    expect(view.title).toContain('Poster look: training for 42 min');
  });
});

describe('many models across accounts', () => {
  it('names the first five once, and says how many more, across every account', () => {
    const names = (prefix: string, n: number) =>
      Array.from({ length: n }, (_, i) => model('TRAINING', `${prefix} ${i + 1}`));
    const view = renderBadge({
      accounts: [PERSONAL, TEAM],
      snapshots: {
        a1: stored({ models: names('Mine', 4) }),
        a2: stored({ models: names('Team', 3) }),
      },
      settings: { countCreating: false },
      now: NOW,
    });
    const lines = view.title.split('\n').slice(3);
    expect(lines).toEqual([
      'Mine 1: training for 42 min',
      'Mine 2: training for 42 min',
      'Mine 3: training for 42 min',
      'Mine 4: training for 42 min',
      'Team 1: training for 42 min',
      'and 2 more',
    ]);
  });
});

describe('the tooltip, seen from inside a training', () => {
  const run = (phase: string, startedAgo = 70 * MIN) =>
    testRun({ phase, createdAt: NOW - startedAgo, updatedAt: NOW - 5 * MIN });
  /** Finished trainings of these lengths (hours), as their details say. */
  const past = (hours: number[]) =>
    hours.map((h, i) =>
      testModel({
        id: `past-${i}`,
        name: `Past ${i}`,
        status: 'COMPLETED',
        owned: true,
        runs: [
          {
            ...run('COMPLETED'),
            createdAt: NOW - (i + 2) * 24 * HOUR,
            updatedAt: NOW - (i + 2) * 24 * HOUR + h * HOUR,
          },
        ],
      }),
    );
  const line = (models: Model[]) => badge({ models }).title.split('\n')[1];

  it.each([
    ['PREPARING_DATA', 'Brand v2: preparing data for 1 h 10 min'],
    ['QUEUED', 'Brand v2: queued for 1 h 10 min'],
    ['TRAINING', 'Brand v2: training for 1 h 10 min'],
    ['FINALIZING', 'Brand v2: finalizing for 1 h 10 min'],
    ['WARMING_UP', 'Brand v2: warming up for 1 h 10 min'],
  ])('says the phase %s in words', (phase, words) => {
    const brand = testModel({ ...model('TRAINING', 'Brand v2'), runs: [run(phase)] });
    expect(line([brand])).toBe(words);
  });

  it('says what is left when three past trainings say how long it takes', () => {
    const brand = testModel({ ...model('TRAINING', 'Brand v2'), runs: [run('TRAINING')] });
    expect(line([brand, ...past([2, 2, 2])])).toBe(
      'Brand v2: training for 1 h 10 min, about 50 min left (usually about 2 h)',
    );
    // Two are too few: nothing rather than a guess.
    expect(line([brand, ...past([2, 2])])).toBe('Brand v2: training for 1 h 10 min');
  });

  it('says when it takes longer than usual', () => {
    const brand = testModel({ ...model('TRAINING', 'Brand v2'), runs: [run('TRAINING')] });
    expect(line([brand, ...past([0.5, 0.5, 0.5])])).toBe(
      'Brand v2: training for 1 h 10 min: taking longer than usual (usually about 30 min)',
    );
  });
});
