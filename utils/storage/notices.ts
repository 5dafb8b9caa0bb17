import * as v from 'valibot';
import { exactly, listOf, withoutUndefined } from './parse';
import { defineItem } from './store';

// What waits to be told to the user: finishes to announce (and the ones already announced), an
// upgrade of older data that could not finish, and damaged data that was repaired.

/**
 * A model of the user's that finished training or failed, or whose training is taking longer
 * than usual (STUCK), waiting to be announced.
 */
export interface Notice {
  modelId: string;
  name: string;
  status: 'COMPLETED' | 'ERRORED' | 'STUCK';
  uri: string | null;
  at: number;
  /** The account's label, when there is more than one account to tell apart. */
  account?: string;
  /** STUCK: the training run it is about (each run is announced once). */
  run?: string;
  /** STUCK: how it is going, in words ("training for 4 h 10 min: taking longer than usual…"). */
  detail?: string;
}

const NoticeEntry: v.GenericSchema<unknown, Notice> = v.pipe(
  v.object({
    modelId: v.pipe(v.string(), v.minLength(1)),
    name: v.string(),
    status: v.picklist(['COMPLETED', 'ERRORED', 'STUCK']),
    uri: v.nullable(v.string()),
    at: v.number(),
    account: v.optional(v.string()),
    run: v.optional(v.string()),
    detail: v.optional(v.string()),
  }),
  // Fields left out stay out.
  v.transform(withoutUndefined),
);

/** What marks a notice as announced: a model's finish once, a long training once per run. */
export function noticeKey(notice: Notice): string {
  return notice.status === 'STUCK'
    ? `${notice.modelId}:${notice.run ?? ''}:STUCK`
    : `${notice.modelId}:${notice.status}`;
}

/** Written in the same transaction as the snapshot that revealed them, so none is lost. */
export const noticesItem = /* @__PURE__ */ defineItem<Notice[]>('pendingNotices', {
  fallback: [],
  parse: listOf(NoticeEntry, 'notices'),
});

/**
 * The finishes already announced (`<model id>:<status>`), newest last: a model seen by two keys of
 * the same user, or by a check and a full list, is announced once.
 */
export const announcedItem = /* @__PURE__ */ defineItem<string[]>('announced', {
  fallback: [],
  parse: listOf(v.string(), 'entries'),
});
export const MAX_ANNOUNCED = 500;

/** When moving an older layout forward failed: what to tell the user (the old data is kept). */
export const migrationErrorItem = /* @__PURE__ */ defineItem<{
  message: string;
  at: number;
} | null>('migrationError', {
  fallback: null,
  parse: exactly(v.object({ message: v.string(), at: v.number() })),
});

/** A stored item that was found damaged and repaired: told once in the options page. */
export interface StorageRepair {
  /** What the item holds, in words ("your accounts"). */
  what: string;
  /** What was wrong and what was done. */
  problem: string;
  at: number;
}

export const storageReportItem = /* @__PURE__ */ defineItem<StorageRepair[]>('storageReport', {
  fallback: [],
  parse: listOf(v.object({ what: v.string(), problem: v.string(), at: v.number() }), 'entries'),
});
