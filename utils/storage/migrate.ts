import {
  type Account,
  accountsItem,
  apiKeysItem,
  type RefreshState,
  refreshStatesItem,
  SCHEMA_VERSION,
  schemaItem,
  snapshotsItem,
} from './items';
import { legacyKeyOf } from './key-values';
import { migrationErrorItem } from './notices';
import { EMPTY_SNAPSHOT, parseSnapshot, type Snapshot } from './snapshot';
import { defineItem, getRaw, type StoredItem } from './store';
import { freezeLayout, write } from './writer';

// Brings what earlier versions stored to the current layout, and leaves later ones alone.
// - Version 1 held a single key: it becomes the first account, with its lists, pins and settings.
// - No version recorded, with data of the current shape: that is the current layout.
// - A version newer than this one (a rollback after an update): nothing of the layout is
//   rewritten; it is read as far as it can be, and the options page says where it came from.
// A migration only adds or moves: the old entries are removed only after the new ones were
// written and read back.

/** What version 1 stored under these names. */
export const LEGACY_KEYS = ['apiKey', 'connection', 'snapshot', 'refreshState'] as const;

/** The items a newer version may have reshaped: an older one never rewrites them. */
export const LAYOUT_KEYS = [schemaItem.key, accountsItem.key, apiKeysItem.key];

export const SAMPLE_ACCOUNT_ID = 'sample';

export function newAccountId(): string {
  return `acct-${crypto.randomUUID().slice(0, 8)}`;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Version 1's entries, as items the writer can remove. */
const legacyItems: StoredItem<unknown>[] = LEGACY_KEYS.map((key) =>
  defineItem<unknown>(key, { fallback: null, parse: (raw) => ({ value: raw, problem: null }) }),
);

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
  return parseSnapshot(parsed)?.value ?? EMPTY_SNAPSHOT;
}

/** What adding, removing or migrating accounts rewrites, always together. */
export interface Layout {
  accounts: Account[];
  apiKeys: Record<string, string>;
  snapshots: Record<string, Snapshot>;
  refreshStates: Record<string, RefreshState>;
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
  const stored = isRecord(legacy.refreshState) ? legacy.refreshState : {};
  const state: RefreshState = {
    failures: typeof stored.failures === 'number' ? stored.failures : 0,
    retryAt: typeof stored.retryAt === 'number' ? stored.retryAt : null,
  };
  const apiKey = legacyKeyOf(legacy.apiKey);
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

/** Whether the stored layout was written by a newer version of Model Watch. */
async function storedLayoutIsNewer(): Promise<boolean> {
  const raw = await getRaw([schemaItem.key]);
  const version = schemaItem.parse(raw[schemaItem.key]).value;
  return version !== null && version > SCHEMA_VERSION;
}

export type MigrationResult = 'current' | 'migrated' | 'newer' | 'failed';

/**
 * Brings the stored layout to the current version; run before anything reads storage. A failure
 * leaves the old data as it was, records what happened for the options page, and is tried again at
 * the next start.
 */
export async function migrateStorage(
  now: () => number = Date.now,
  newId: () => string = newAccountId,
): Promise<MigrationResult> {
  const raw = await getRaw([schemaItem.key, accountsItem.key, apiKeysItem.key, ...LEGACY_KEYS]);
  const version = schemaItem.parse(raw[schemaItem.key]).value;
  const newer = version !== null && version > SCHEMA_VERSION;
  freezeLayout(LAYOUT_KEYS, newer, storedLayoutIsNewer);
  if (newer) return 'newer';
  const legacy = LEGACY_KEYS.filter((key) => raw[key] !== undefined);
  if (version === SCHEMA_VERSION && legacy.length === 0) return 'current';
  try {
    await write(async (tx) => {
      if (legacy.length > 0) {
        // Moves version 1's data beside whatever the current layout already holds.
        const layout = planMigration(raw, now(), newId);
        const [accounts, keys, snapshots, states] = await Promise.all([
          tx.get(accountsItem),
          tx.get(apiKeysItem),
          tx.get(snapshotsItem),
          tx.get(refreshStatesItem),
        ]);
        const known = new Set(Object.values(keys));
        const moved = layout.accounts.filter(
          (a) =>
            !accounts.some((b) => b.id === a.id) &&
            (a.sample ? accounts.length === 0 : !known.has(layout.apiKeys[a.id]!)),
        );
        const ids = new Set(moved.map((a) => a.id));
        const only = <T>(record: Record<string, T>) =>
          Object.fromEntries(Object.entries(record).filter(([id]) => ids.has(id)));
        tx.set(accountsItem, [...accounts, ...moved]);
        tx.set(apiKeysItem, { ...keys, ...only(layout.apiKeys) });
        tx.set(snapshotsItem, { ...snapshots, ...only(layout.snapshots) });
        tx.set(refreshStatesItem, { ...states, ...only(layout.refreshStates) });
      }
      tx.set(schemaItem, SCHEMA_VERSION);
    });
    if (legacy.length > 0) await removeLegacyOnceSafe(raw);
  } catch (error) {
    const message = `Model Watch could not move your saved key and lists to its new layout (${error instanceof Error ? error.message : 'unknown error'}). They are still stored; it will try again.`;
    console.warn(message);
    await write((tx) => tx.set(migrationErrorItem, { message, at: now() })).catch(() => {});
    return 'failed';
  }
  return legacy.length > 0 ? 'migrated' : 'current';
}

/**
 * Removes version 1's entries, but only once the new layout, read back from storage, holds the
 * key they had: until then they stay, and the next start tries again.
 */
async function removeLegacyOnceSafe(legacy: Record<string, unknown>): Promise<void> {
  const back = await getRaw([accountsItem.key, apiKeysItem.key]);
  const keys = Object.values(apiKeysItem.parse(back[apiKeysItem.key]).value);
  const accounts = accountsItem.parse(back[accountsItem.key]).value;
  const oldKey = legacyKeyOf(legacy.apiKey);
  // Without a key there is nothing precious in them: the lists are fetched again anyway.
  const held = oldKey === '' || keys.includes(oldKey);
  if (!held || (oldKey !== '' && accounts.length === 0)) {
    throw new Error('the new layout did not read back with the key in it');
  }
  await write((tx) => {
    for (const item of legacyItems) tx.remove(item);
    tx.remove(migrationErrorItem);
  });
}
