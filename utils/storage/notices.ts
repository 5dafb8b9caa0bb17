import * as v from 'valibot';
import { exactly, listOf } from './parse';
import { defineItem } from './store';

// What waits to be told to the user: finishes to announce (and the ones already announced), an
// upgrade of older data that could not finish, and damaged data that was repaired.

/** A model that finished training or failed, waiting to be announced. */
export interface Notice {
  modelId: string;
  name: string;
  status: 'COMPLETED' | 'ERRORED';
  uri: string | null;
  at: number;
  /** The account's label, when there is more than one account to tell apart. */
  account?: string;
}

const NoticeEntry: v.GenericSchema<unknown, Notice> = v.pipe(
  v.object({
    modelId: v.pipe(v.string(), v.minLength(1)),
    name: v.string(),
    status: v.picklist(['COMPLETED', 'ERRORED']),
    uri: v.nullable(v.string()),
    at: v.number(),
    account: v.optional(v.string()),
  }),
  v.transform((n) => {
    if (n.account === undefined) delete n.account;
    return n as Notice;
  }),
);

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
