import { describe, expect, it } from 'vitest';
import type { Model } from '../api/types';
import { EMPTY_SNAPSHOT, type Snapshot } from '../storage/items';
import { DEFAULT_SETTINGS } from '../storage/settings';
import { testModel } from '../../tests/models';
import {
  BACKOFF_MAX,
  backoffDelay,
  MIN_ALARM_DELAY,
  nextRefreshAt,
  OFFLINE_RECHECK,
  RETRY_AFTER_MAX,
  type ScheduleInput,
} from './schedule';

const NOW = 1_800_000_000_000;
const MIN = 60_000;

const model = (status: string, owned = true): Model =>
  testModel({ id: `${status}-${owned}`, name: status, status, owned });

function input(
  overrides: Partial<Omit<ScheduleInput, 'snapshot'>> & { snapshot?: Partial<Snapshot> } = {},
): ScheduleInput {
  return {
    state: { failures: 0, retryAt: null },
    settings: DEFAULT_SETTINGS,
    now: NOW,
    random: () => 0.5,
    ...overrides,
    snapshot: { ...EMPTY_SNAPSHOT, checkedAt: NOW, ...overrides.snapshot },
  };
}

const error = (kind: string) => ({ kind, message: 'm', at: NOW }) as Snapshot['error'];

describe('nextRefreshAt: the adaptive pace', () => {
  it.each([
    ['a model training', [model('TRAINING')], 1 * MIN],
    ['a model being created', [model('CREATING')], 1 * MIN],
    ['nothing training', [model('COMPLETED'), model('ERRORED')], 15 * MIN],
    ['only a shared model training', [model('TRAINING', false)], 15 * MIN],
    ['only an unknown status', [model('QUEUED')], 15 * MIN],
    ['no models at all', [], 15 * MIN],
  ])('with %s: %d ms', (_, models, delay) => {
    expect(nextRefreshAt(input({ snapshot: { models } }))).toBe(NOW + delay);
  });

  it('follows the settings', () => {
    const settings = { ...DEFAULT_SETTINGS, activeMinutes: 3, idleMinutes: 45 };
    expect(nextRefreshAt(input({ settings, snapshot: { models: [model('TRAINING')] } }))).toBe(
      NOW + 3 * MIN,
    );
    expect(nextRefreshAt(input({ settings }))).toBe(NOW + 45 * MIN);
  });
});

describe('nextRefreshAt: errors', () => {
  it('schedules nothing after a rejected key', () => {
    expect(nextRefreshAt(input({ snapshot: { error: error('unauthorized') } }))).toBeNull();
  });

  it('looks again in a minute while offline, without growing the back-off', () => {
    const at = nextRefreshAt(
      input({ snapshot: { error: error('offline') }, state: { failures: 5, retryAt: null } }),
    );
    expect(at).toBe(NOW + OFFLINE_RECHECK);
  });

  it.each([
    [120_000, 120_000],
    [5_000, MIN_ALARM_DELAY],
    [10 * 24 * 60 * MIN, RETRY_AFTER_MAX],
  ])('honours a Retry-After of %d ms (as %d ms)', (wait, delay) => {
    const at = nextRefreshAt(
      input({
        snapshot: { error: error('rate_limited') },
        state: { failures: 1, retryAt: NOW + wait },
      }),
    );
    expect(at).toBe(NOW + delay);
  });

  it('backs off after other failures', () => {
    const at = nextRefreshAt(
      input({ snapshot: { error: error('server') }, state: { failures: 3, retryAt: null } }),
    );
    expect(at).toBe(NOW + backoffDelay(3, () => 0.5));
  });
});

describe('backoffDelay', () => {
  it.each([
    [1, 1 * MIN],
    [2, 2 * MIN],
    [3, 4 * MIN],
    [4, 8 * MIN],
    [5, 16 * MIN],
    [6, 30 * MIN],
    [50, 30 * MIN],
  ])('after %d failures it waits between half of and %d ms', (failures, ceiling) => {
    expect(backoffDelay(failures, () => 0)).toBe(ceiling / 2);
    expect(backoffDelay(failures, () => 1)).toBe(ceiling);
    expect(backoffDelay(failures, () => 0.999)).toBeLessThanOrEqual(BACKOFF_MAX);
  });
});
