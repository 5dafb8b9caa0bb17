import { describe, expect, it } from 'vitest';
import { testModel, testRun } from '../../tests/models';
import type { Model, TrainingRun } from '../api/types';
import {
  currentRun,
  outlookFact,
  outlookOf,
  outlookSentence,
  type PastTraining,
  pastTrainings,
  phaseLabel,
  roughDuration,
  usualDuration,
} from './training';

const MIN = 60_000;
const HOUR = 60 * MIN;
const NOW = Date.UTC(2026, 10, 21, 12, 0);

/** A run started 70 min ago, last heard of an hour ago. */
const run = (fields: Partial<TrainingRun> = {}) =>
  testRun({ createdAt: NOW - 70 * MIN, updatedAt: NOW - 60 * MIN, ...fields });

const training = (fields: Partial<Model> = {}): Model =>
  testModel({
    id: 'mdl_now',
    name: 'Brand v2',
    status: 'TRAINING',
    owned: true,
    createdAt: NOW - 72 * MIN,
    runs: [run()],
    ...fields,
  });

/** Past trainings of these lengths (hours), with these steps (null: unknown), newest first. */
const history = (hours: number[], steps: (number | null)[] = []): PastTraining[] =>
  hours.map((h, i) => ({
    modelId: `past-${i}`,
    duration: h * HOUR,
    steps: steps[i] ?? 1000,
    finishedAt: NOW - (i + 1) * 24 * HOUR,
  }));

describe('phases', () => {
  it.each([
    ['PREPARING_DATA', 'Preparing data'],
    ['QUEUED', 'Queued'],
    ['TRAINING', 'Training'],
    ['FINALIZING', 'Finalizing'],
    ['COMPLETED', 'Completed'],
    ['FAILED', 'Failed'],
    // A phase Ideogram adds later is said in its own words, never dropped.
    ['WARMING_UP', 'Warming up'],
    ['', 'Unknown phase'],
  ])('%s reads “%s”', (phase, words) => {
    expect(phaseLabel(phase)).toBe(words);
  });

  it('is the latest run’s, while the model trains and the run is not over', () => {
    expect(currentRun(training())?.phase).toBe('TRAINING');
    const runs = [run({ id: 'old', phase: 'COMPLETED' }), run({ id: 'new', phase: 'QUEUED' })];
    expect(currentRun(training({ runs }))?.id).toBe('new');
    // A run that is over says nothing: the model's status does.
    expect(currentRun(training({ runs: [run({ phase: 'COMPLETED' })] }))).toBeNull();
    // Its detail never read (or failed): the list's status stands.
    expect(currentRun(training({ runs: undefined }))).toBeNull();
    expect(currentRun(training({ status: 'COMPLETED' }))).toBeNull();
    expect(currentRun(training({ owned: false }))).toBeNull();
  });
});

describe('the user’s past trainings', () => {
  it('come from completed runs’ own times, else from what the extension saw', () => {
    const models = [
      testModel({
        id: 'a',
        status: 'COMPLETED',
        owned: true,
        runs: [run({ phase: 'COMPLETED', createdAt: NOW - 5 * HOUR, updatedAt: NOW - 3 * HOUR })],
      }),
      testModel({
        id: 'b',
        status: 'COMPLETED',
        owned: true,
        observed: { startedAt: NOW - 30 * HOUR, finishedAt: NOW - 29 * HOUR },
      }),
      // Not the user's, not finished, or seen with nonsense times: left out.
      testModel({
        id: 'c',
        status: 'COMPLETED',
        owned: false,
        runs: [run({ phase: 'COMPLETED' })],
      }),
      testModel({ id: 'd', status: 'ERRORED', owned: true, runs: [run({ phase: 'TRAINING' })] }),
      testModel({
        id: 'e',
        status: 'COMPLETED',
        owned: true,
        observed: { startedAt: NOW, finishedAt: NOW - HOUR },
      }),
    ];
    expect(pastTrainings(models)).toEqual([
      { modelId: 'a', duration: 2 * HOUR, steps: 1000, finishedAt: NOW - 3 * HOUR },
      { modelId: 'b', duration: HOUR, steps: null, finishedAt: NOW - 29 * HOUR },
    ]);
  });
});

describe('the usual duration', () => {
  it.each<[string, number[], (number | null)[], number | null, number | null]>([
    ['nothing from two past trainings', [2, 2], [], 1000, null],
    ['the median of three', [1, 2, 4], [], 1000, 2 * HOUR],
    ['the median of four', [1, 2, 3, 4], [], 1000, 2.5 * HOUR],
    ['scaled by steps when both are known', [1, 1, 1], [500, 500, 500], 1000, 2 * HOUR],
    [
      'unscaled where a past one’s steps are unknown',
      [1, 2, 3],
      [null, 1000, 1000],
      2000,
      4 * HOUR,
    ],
    ['unscaled when this run’s steps are unknown', [1, 2, 3], [500, 500, 500], null, 2 * HOUR],
    [
      'from the ten most recent only',
      [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9],
      [],
      1000,
      HOUR,
    ],
  ])('%s', (_, hours, steps, current, usual) => {
    expect(usualDuration(history(hours, steps), current)).toBe(usual);
  });
});

describe('the outlook of a training, from a known history', () => {
  // The run started 70 minutes ago.
  it.each<[string, Model, PastTraining[], string, string | null]>([
    [
      'within its usual time: what is left',
      training(),
      history([2, 2, 2]),
      'about 50 min left',
      'Brand v2: training for 1 h 10 min, about 50 min left (usually about 2 h)',
    ],
    [
      'past its usual time',
      training(),
      history([1, 1, 1]),
      '1 h 10 min so far; usually about 1 h',
      'Brand v2: training for 1 h 10 min; usually about 1 h',
    ],
    [
      'twice its usual time: taking longer than usual',
      training(),
      history([0.5, 0.5, 0.5]),
      'for 1 h 10 min',
      'Brand v2: training for 1 h 10 min: taking longer than usual (usually about 30 min)',
    ],
    [
      'too little history: no estimate, nothing guessed',
      training(),
      history([2, 2]),
      'for 1 h 10 min',
      'Brand v2: training for 1 h 10 min',
    ],
    [
      'its run unknown (the detail failed): no estimate',
      training({ runs: undefined }),
      history([2, 2, 2]),
      'for 1 h 12 min',
      'Brand v2: training for 1 h 12 min',
    ],
    [
      'its run unknown, the model made days ago (retrained): no judgement on it',
      training({ runs: undefined, createdAt: NOW - 3 * 24 * HOUR }),
      history([0.5, 0.5, 0.5]),
      'for 3 days',
      'Brand v2: training for 3 days',
    ],
    [
      'a day with no history: taking longer than usual',
      training({ runs: [run({ createdAt: NOW - 25 * HOUR })] }),
      [],
      'for 1 day 1 h',
      'Brand v2: training for 1 day 1 h: taking longer than usual',
    ],
    [
      'a queued run says so',
      training({ runs: [run({ phase: 'QUEUED' })] }),
      history([2, 2, 2]),
      'about 50 min left',
      'Brand v2: queued for 1 h 10 min, about 50 min left (usually about 2 h)',
    ],
    [
      'twice as many steps as before: twice as long',
      training({ runs: [run({ steps: 2000 })] }),
      history([1, 1, 1]),
      'about 50 min left',
      'Brand v2: training for 1 h 10 min, about 50 min left (usually about 2 h)',
    ],
  ])('%s', (_, model, past, fact, sentence) => {
    const outlook = outlookOf(model, past, NOW)!;
    expect(outlookFact(outlook)).toBe(fact);
    const phase = phaseLabel(currentRun(model)?.phase ?? model.status);
    expect(`${model.name}: ${outlookSentence(phase, outlook)}`).toBe(sentence);
  });

  it('has none for a model not in training', () => {
    expect(outlookOf(training({ status: 'COMPLETED' }), history([1, 1, 1]), NOW)).toBeNull();
    expect(outlookOf(training({ owned: false }), history([1, 1, 1]), NOW)).toBeNull();
  });
});

describe('rough durations', () => {
  it.each([
    [3.4 * MIN, '3 min'],
    [22 * MIN, '20 min'],
    [23 * MIN, '25 min'],
    [58 * MIN, '1 h'],
    [HOUR + 14 * MIN, '1 h 10 min'],
    [6 * HOUR + 20 * MIN, '6 h 30 min'],
    [10, '1 min'],
  ])('%d ms reads “about %s”', (ms, words) => {
    expect(roughDuration(ms)).toBe(words);
  });
});
