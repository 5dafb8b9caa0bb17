import { browser } from 'wxt/browser';
import { setItems } from './store';
import {
  EMPTY_SNAPSHOT,
  FRESH_STATE,
  type Layout,
  layoutEntries,
  migrationErrorItem,
  type RefreshState,
  SCHEMA_VERSION,
  schemaItem,
  type Snapshot,
} from './items';

// Moves what older versions stored to the current layout. Version 1 held a single key: it becomes
// the first account, with its lists, pins and settings kept. The new layout is written in one
// storage write; the old entries are removed only after it, so a failure never loses the key.

/** What version 1 stored under these names. */
export const LEGACY_KEYS = ['apiKey', 'connection', 'snapshot', 'refreshState'] as const;

export const SAMPLE_ACCOUNT_ID = 'sample';

export function newAccountId(): string {
  return `acct-${crypto.randomUUID().slice(0, 8)}`;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Version 1 kept the snapshot as JSON text (earlier builds: as an object). */
function legacySnapshot(value: unknown): Snapshot {
  let parsed: unknown = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      parsed = null;
    }
  }
  return isRecord(parsed)
    ? { ...EMPTY_SNAPSHOT, ...(parsed as Partial<Snapshot>) }
    : EMPTY_SNAPSHOT;
}

/** The current layout for what version 1 stored (pure, so it can be tested on real dumps). */
export function planMigration(
  legacy: Record<string, unknown>,
  now: number,
  newId: () => string = newAccountId,
): Layout {
  const connection = isRecord(legacy.connection) ? legacy.connection : {};
  const since = typeof connection.since === 'number' ? connection.since : now;
  const snapshot = legacySnapshot(legacy.snapshot);
  const state = isRecord(legacy.refreshState)
    ? (legacy.refreshState as unknown as RefreshState)
    : FRESH_STATE;
  const apiKey = typeof legacy.apiKey === 'string' ? legacy.apiKey.trim() : '';
  if (apiKey !== '' && connection.mode !== 'sample') {
    const id = newId();
    return {
      accounts: [{ id, label: 'Account 1', since }],
      apiKeys: { [id]: apiKey },
      snapshots: { [id]: snapshot },
      refreshStates: { [id]: state },
    };
  }
  if (connection.mode === 'sample') {
    const id = SAMPLE_ACCOUNT_ID;
    return {
      accounts: [{ id, label: 'Sample data', since, sample: true }],
      apiKeys: {},
      snapshots: { [id]: snapshot },
      refreshStates: { [id]: state },
    };
  }
  return { accounts: [], apiKeys: {}, snapshots: {}, refreshStates: {} };
}

export type MigrationResult = 'current' | 'migrated' | 'failed';

/**
 * Brings the stored layout to the current version; run before anything reads storage. A failure
 * leaves the old data as it was, records what happened for the options page, and is tried again at
 * the next start.
 */
export async function migrateStorage(
  now: () => number = Date.now,
  newId: () => string = newAccountId,
): Promise<MigrationResult> {
  const local = browser.storage.local;
  if ((await schemaItem.getValue()) === SCHEMA_VERSION) {
    // A previous run may have stopped between writing the new layout and removing the old one.
    await local.remove([...LEGACY_KEYS]).catch(() => {});
    return 'current';
  }
  try {
    const legacy = await local.get([...LEGACY_KEYS]);
    const layout = planMigration(legacy, now(), newId);
    await setItems([...layoutEntries(layout), { item: schemaItem, value: SCHEMA_VERSION }]);
  } catch (error) {
    const message = `Model Watch could not move your saved key and lists to its new layout (${error instanceof Error ? error.message : 'unknown error'}). They are still stored; it will try again.`;
    console.warn(message);
    await migrationErrorItem.setValue({ message, at: now() }).catch(() => {});
    return 'failed';
  }
  await local.remove([...LEGACY_KEYS, 'migrationError']).catch(() => {});
  return 'migrated';
}
