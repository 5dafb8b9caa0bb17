import * as v from 'valibot';
import type { TrainingBase, TrainingSettings } from '../api/types';
import { recordOf } from './parse';
import { defineItem } from './store';
import { write } from './writer';

// What the API never says and the extension must remember itself: the base (Ideogram 4.0 or 3.0)
// and the settings of each training it started, by model id, and the base chosen last for each
// dataset. Neither can be fetched again, so neither is cleared by a repair; both go with their
// account.

/** A training Model Watch started. */
export interface TrainingRecord {
  accountId: string;
  datasetId: string;
  base: TrainingBase;
  /** The settings sent (none: Ideogram's defaults). */
  settings: TrainingSettings;
  at: number;
}

/** At most this many trainings are remembered; the oldest go first. */
export const TRAININGS_KEPT = 2000;

/** A base, as stored. */
export const BaseSchema = v.picklist(['v4', 'v3']);
const Setting = v.optional(v.pipe(v.number(), v.finite()));
/** The settings a training was sent with, as stored. */
export const SettingsSentSchema = v.object({
  trainingSteps: Setting,
  loraRank: Setting,
  ema: Setting,
  learningRate: Setting,
  batchSize: Setting,
});

/** The trainings started from this browser, by model id. */
export const trainingsItem = /* @__PURE__ */ defineItem<Record<string, TrainingRecord>>(
  'trainings',
  {
    fallback: {},
    parse: recordOf(
      v.object({
        accountId: v.string(),
        datasetId: v.string(),
        base: BaseSchema,
        settings: SettingsSentSchema,
        at: v.pipe(v.number(), v.finite()),
      }),
      'trainings',
    ),
  },
);

/** The base chosen last for a dataset, by `accountId:datasetId`. */
export const baseChoicesItem = /* @__PURE__ */ defineItem<Record<string, TrainingBase>>(
  'trainingBases',
  { fallback: {}, parse: recordOf(BaseSchema, 'choices of base') },
);

/** The settings actually given, without the empty ones (so the record says what was sent). */
const given = (settings: TrainingSettings): TrainingSettings =>
  Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined));

/** Remembers a training just started, and its base as the dataset's choice. */
export function rememberTraining(modelId: string, record: TrainingRecord): Promise<void> {
  return write(async (tx) => {
    const kept = {
      ...(await tx.get(trainingsItem)),
      [modelId]: { ...record, settings: given(record.settings) },
    };
    const ids = Object.keys(kept);
    if (ids.length > TRAININGS_KEPT) {
      ids
        .sort((a, b) => kept[a]!.at - kept[b]!.at)
        .slice(0, ids.length - TRAININGS_KEPT)
        .forEach((id) => delete kept[id]);
    }
    tx.set(trainingsItem, kept);
    tx.set(baseChoicesItem, {
      ...(await tx.get(baseChoicesItem)),
      [`${record.accountId}:${record.datasetId}`]: record.base,
    });
  });
}

/** The base chosen for a dataset on the studio's form. */
export function chooseBase(accountId: string, datasetId: string, base: TrainingBase) {
  return write(async (tx) => {
    tx.set(baseChoicesItem, {
      ...(await tx.get(baseChoicesItem)),
      [`${accountId}:${datasetId}`]: base,
    });
  });
}

/** The trainings and choices of the accounts that remain (an account's go with it). */
export function trainingsOf(
  trainings: Record<string, TrainingRecord>,
  choices: Record<string, TrainingBase>,
  accountIds: ReadonlySet<string>,
) {
  return {
    trainings: Object.fromEntries(
      Object.entries(trainings).filter(([, t]) => accountIds.has(t.accountId)),
    ),
    choices: Object.fromEntries(
      Object.entries(choices).filter(([key]) => accountIds.has(key.slice(0, key.indexOf(':')))),
    ),
  };
}
