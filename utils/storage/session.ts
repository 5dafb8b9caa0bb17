import * as v from 'valibot';
import { browser } from 'wxt/browser';
import { joinProblems, listOf, recordOf, withoutUndefined } from './parse';
import { defineItem } from './store';
import type { TrainingBase, TrainingSettings } from '../api/types';
import { BaseSchema, SettingsSentSchema } from './trainings';

// storage.session: what lasts until the browser closes, and never longer. It holds one item:
// what was written in sample mode (datasets made, images uploaded, models trained), so that a
// refresh, a restarted worker or another page sees what the studio did to the sample account.
// Only the sample account (utils/sample, in the background) writes it; it never holds a key.
// Damaged, it is read as nothing written: the sample account starts again from its packaged data.

/** A training started in sample mode, with the settings it was given. */
export interface SampleTraining {
  id: string;
  name: string;
  datasetId: string;
  at: number;
  settings: { trainingSteps?: number; loraRank?: number; ema?: number; learningRate?: number };
}

export interface SampleWrites {
  /** When the sample mode these writes belong to was turned on. */
  since: number;
  datasets: { id: string; name: string; createdAt: number }[];
  files: { datasetId: string; name: string; size: number; caption?: string }[];
  trainings: SampleTraining[];
}

const Id = v.pipe(v.string(), v.minLength(1), v.maxLength(100));
const Name = v.pipe(v.string(), v.maxLength(500));
const Time = v.pipe(v.number(), v.finite());
const Setting = v.optional(v.pipe(v.number(), v.finite()));

const Dataset = v.object({ id: Id, name: Name, createdAt: Time });
const File = v.object({
  datasetId: Id,
  name: Name,
  size: v.pipe(v.number(), v.integer(), v.minValue(0)),
  caption: v.optional(v.pipe(v.string(), v.maxLength(20_000))),
});
const Training = v.object({
  id: Id,
  name: Name,
  datasetId: Id,
  at: Time,
  settings: v.object({
    trainingSteps: Setting,
    loraRank: Setting,
    ema: Setting,
    learningRate: Setting,
  }),
});

const Writes = v.object({
  since: Time,
  datasets: v.optional(v.unknown(), []),
  files: v.optional(v.unknown(), []),
  trainings: v.optional(v.unknown(), []),
});

export const sampleWritesItem = /* @__PURE__ */ defineItem<SampleWrites | null>('sampleWritten', {
  area: 'session',
  fallback: null,
  parse(raw) {
    const record = v.safeParse(Writes, raw);
    if (!record.success) return null;
    // Each list keeps its good entries: one damaged file does not lose the rest.
    const datasets = listOf(Dataset, 'datasets')(record.output.datasets);
    const files = listOf(File, 'files')(record.output.files);
    const trainings = listOf(Training, 'trainings')(record.output.trainings);
    if (!datasets || !files || !trainings) return null;
    return {
      value: {
        since: record.output.since,
        datasets: datasets.value,
        // Fields left out stay out.
        files: files.value.map(withoutUndefined),
        trainings: trainings.value.map((t) => ({ ...t, settings: withoutUndefined(t.settings) })),
      },
      problem: joinProblems([datasets.problem, files.problem, trainings.problem]),
    };
  },
});

/** Keeps the sample account's writes for the browser session (its owner, utils/sample, calls). */
export async function keepSampleWrites(writes: SampleWrites): Promise<void> {
  try {
    await browser.storage.session.set({ [sampleWritesItem.key]: writes });
  } catch {
    // Without session storage, the simulation lasts as long as this worker.
  }
}

/**
 * Training starts whose answer said they may have gone through (a timeout, a dropped connection,
 * a 5xx), by `accountId:datasetId`: until the lists are read and no model of that name appeared,
 * the same dataset is not trained again without the person confirming a second, billed, start.
 * Kept for the browser session, so a restarted worker or a reloaded page keeps the hold.
 */
/** A start in doubt: its name and time, and the base and settings it was sent with. */
export interface UnsettledTraining {
  name: string;
  at: number;
  base?: TrainingBase;
  settings?: TrainingSettings;
}
export type UnsettledTrainings = Record<string, UnsettledTraining>;

export const unsettledTrainingsItem = /* @__PURE__ */ defineItem<UnsettledTrainings>(
  'unsettledTrainings',
  {
    area: 'session',
    fallback: {},
    parse: recordOf(
      v.object({
        name: Name,
        at: Time,
        base: v.optional(BaseSchema),
        settings: v.optional(SettingsSentSchema),
      }),
      'training starts',
    ),
  },
);

/** Changes the unsettled training starts (the background's studio, its only writer, calls). */
export async function setUnsettledTraining(
  key: string,
  start: UnsettledTraining | null,
): Promise<void> {
  try {
    const all = { ...(await unsettledTrainingsItem.getValue()) };
    if (start) all[key] = start;
    else delete all[key];
    await browser.storage.session.set({ [unsettledTrainingsItem.key]: all });
  } catch {
    // Without session storage, the hold lasts as long as the page's own.
  }
}
