import * as v from 'valibot';
import { isRecord } from './is-record';
import type { Dataset, Model } from '../api/types';
import type { PastTraining } from '../models/training';
import type { Listed } from './all-accounts';
import { type SnapshotError, StoredDataset, StoredModel, parseSnapshot } from './snapshot';
import { defineJsonItem } from './store';

// The popup's first screen (see utils/views/first-screen.ts): a small item the background keeps
// beside the snapshots, so the popup paints before it reads the whole lists. Derived data: when
// it is missing or does not match the popup's choices, the popup simply waits for the lists.

/** What the popup's header and banners need of an account before the lists are read. */
export interface FirstScreenAccount {
  listedAt: number | null;
  checkedAt: number | null;
  error: SnapshotError | null;
  datasetsError: SnapshotError | null;
}

export interface FirstScreen {
  /** What it was drawn for (utils/views/first-screen.ts, firstScreenKey). */
  key: string;
  /** How many models and datasets the shown accounts list (the tabs' counts). */
  models: number;
  datasets: number;
  /** The first rows of the Models tab, in the popup's order. */
  rows: Listed<Model>[];
  /** The first rows of the Datasets tab. */
  datasetRows: Listed<Dataset>[];
  /** The dataset names those rows mention, by `account:dataset`. */
  datasetNames: Record<string, string>;
  accounts: Record<string, FirstScreenAccount>;
  /** Each shown account's recent past trainings, which the rows' estimates come from. */
  histories: Record<string, PastTraining[]>;
}

const listed = <T extends object>(schema: v.GenericSchema<unknown, T>) =>
  v.pipe(
    v.unknown(),
    v.rawTransform(({ dataset, addIssue, NEVER }): Listed<T> => {
      const item = v.safeParse(schema, dataset.value);
      const accountId = isRecord(dataset.value) ? dataset.value.accountId : undefined;
      if (!item.success || typeof accountId !== 'string') {
        addIssue({ message: 'not a listed item' });
        return NEVER;
      }
      return { ...item.output, accountId };
    }),
  );

const Duration = v.pipe(v.number(), v.finite(), v.minValue(0));
const PastTrainingSchema: v.GenericSchema<unknown, PastTraining> = v.object({
  modelId: v.string(),
  duration: Duration,
  steps: v.nullable(Duration),
  finishedAt: Duration,
});

const FirstScreenSchema = v.object({
  key: v.string(),
  models: v.pipe(v.number(), v.integer(), v.minValue(0)),
  datasets: v.pipe(v.number(), v.integer(), v.minValue(0)),
  rows: v.array(listed(StoredModel)),
  datasetRows: v.array(listed(StoredDataset)),
  datasetNames: v.record(v.string(), v.string()),
  accounts: v.record(
    v.string(),
    v.pipe(
      v.unknown(),
      v.rawTransform(({ dataset, addIssue, NEVER }) => {
        const parsed = parseSnapshot(dataset.value);
        if (!parsed) {
          addIssue({ message: 'not an account state' });
          return NEVER;
        }
        const { listedAt, checkedAt, error, datasetsError } = parsed.value;
        return { listedAt, checkedAt, error, datasetsError } satisfies FirstScreenAccount;
      }),
    ),
  ),
  histories: v.optional(v.record(v.string(), v.array(PastTrainingSchema)), {}),
});

export const firstScreenItem = /* @__PURE__ */ defineJsonItem<FirstScreen | null>('firstScreen', {
  fallback: null,
  parse(raw) {
    const result = v.safeParse(FirstScreenSchema, raw);
    // Derived data: anything unreadable is simply not used (the popup reads the lists instead).
    return result.success ? { value: result.output, problem: null } : null;
  },
});
