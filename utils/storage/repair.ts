import {
  type Account,
  accountsItem,
  apiKeysItem,
  keyHintOf,
  refreshStatesItem,
  SCHEMA_VERSION,
  schemaItem,
  snapshotsItem,
} from './items';
import {
  dismissedHintsItem,
  focusModelItem,
  pinsItem,
  popupPrefsItem,
  recentsItem,
  settingsItem,
} from './choices';
import {
  announcedItem,
  migrationErrorItem,
  noticesItem,
  type StorageRepair,
  storageReportItem,
} from './notices';
import { baseChoicesItem, trainingsItem } from './trainings';
import { keysIn } from './key-values';
import { getRaw, type StoredItem } from './store';
import { LAYOUT_KEYS } from './migrate';
import { FrozenLayoutError, isLayoutFrozen, write } from './writer';

// Stored data is parsed when it is read, so a damaged item never reaches the code. At every start
// the background also writes the repaired values back, once, and lists what it did for the options
// page. API keys are the one thing that cannot be fetched again: every key that can be recovered
// is kept, and a key whose account entry was lost gets an account again.

/** Every item, with what it holds in words for the report. */
export const ITEMS: [StoredItem<unknown>, string][] = [
  [schemaItem, 'the layout version'],
  [accountsItem, 'your accounts'],
  [apiKeysItem, 'your API keys'],
  [snapshotsItem, 'the saved model and dataset lists'],
  [settingsItem, 'your settings'],
  [refreshStatesItem, 'the refresh timing'],
  [noticesItem, 'the notifications waiting to be shown'],
  [announcedItem, 'the record of finishes already announced'],
  [focusModelItem, 'the model to show next'],
  [popupPrefsItem, 'the popup’s filters'],
  [pinsItem, 'your pins'],
  [recentsItem, 'your recently copied models'],
  [dismissedHintsItem, 'the hints you dismissed'],
  [migrationErrorItem, 'the upgrade notice'],
  [storageReportItem, 'the repair report'],
  [trainingsItem, 'the record of trainings started here (their base and settings)'],
  [baseChoicesItem, 'the base chosen for each dataset'],
];

/** What can be cleared without losing anything the user made: fetched or derived again. */
const DISPOSABLE: StoredItem<unknown>[] = [
  snapshotsItem,
  refreshStatesItem,
  focusModelItem,
  popupPrefsItem,
  migrationErrorItem,
];

/** What recovering keys did: the accounts and keys to keep, and how many keys came back. */
export interface KeyRecovery {
  accounts: Account[];
  keys: Record<string, string>;
  /** Keys that got an account of their own ("Recovered key N"). */
  recovered: number;
  /** Keys read back from a damaged entry of an account that still exists. */
  restored: number;
}

/**
 * Gives every saved key an account. Whatever shape the record of keys is in (a lone key, a list
 * of keys, an entry holding its key inside an object), every value that could be a key is kept:
 * under its account when the entry's account still exists, else as a "Recovered key" account, so
 * the user recognises it. Keys whose account entry was lost (or unreadable) get one back.
 */
export function recoverKeys(
  accounts: Account[],
  keys: Record<string, string>,
  rawKeys: unknown,
  now: number,
  newId: () => string,
): KeyRecovery {
  const allKeys = { ...keys };
  const saved = new Set(Object.values(allKeys));
  const keep = (key: string, id?: string) => {
    if (saved.has(key)) return;
    saved.add(key);
    allKeys[id !== undefined && !Object.hasOwn(allKeys, id) ? id : newId()] = key;
  };
  if (typeof rawKeys === 'object' && rawKeys !== null && !Array.isArray(rawKeys)) {
    // A damaged entry: its first key goes back under its own id, any others get accounts.
    for (const [id, value] of Object.entries(rawKeys)) {
      if (Object.hasOwn(keys, id)) continue;
      for (const key of keysIn(value, 1)) keep(key, id);
    }
  } else {
    for (const key of keysIn(rawKeys)) keep(key);
  }
  const known = new Set(accounts.map((a) => a.id));
  // Read back under the id of an account that exists; under any other id, a recovered key.
  const restored = Object.keys(allKeys).filter(
    (id) => !Object.hasOwn(keys, id) && known.has(id),
  ).length;
  let n = 0;
  const recoveredAccounts: Account[] = Object.keys(allKeys)
    .filter((id) => !known.has(id))
    .map((id) => ({ id, label: `Recovered key ${++n}`, since: now }));
  // A recovered key ends sample mode, as saving a key does.
  const kept = recoveredAccounts.length > 0 ? accounts.filter((a) => !a.sample) : accounts;
  return {
    accounts: [...kept, ...recoveredAccounts],
    keys: allKeys,
    recovered: recoveredAccounts.length,
    restored,
  };
}

/** What a key recovery did, in words for the repair report. */
function recoveryWords({ recovered, restored }: KeyRecovery): string {
  const said: string[] = [];
  if (restored > 0) {
    said.push(
      `${restored === 1 ? 'a saved key was' : `${restored} saved keys were`} stored in a damaged form and ${restored === 1 ? 'was' : 'were'} read back to ${restored === 1 ? 'its account' : 'their accounts'}`,
    );
  }
  if (recovered > 0) {
    said.push(
      `${recovered === 1 ? 'a saved key had' : `${recovered} saved keys had`} lost ${recovered === 1 ? 'its account' : 'their accounts'}; ${recovered === 1 ? 'it is' : 'they are'} listed again as “Recovered key”: rename or remove ${recovered === 1 ? 'it' : 'them'} here`,
    );
  }
  return said.join('; ');
}

/** The accounts, each with the hint of its key; the same list when none was missing. */
export function withKeyHints(accounts: Account[], keys: Record<string, string>): Account[] {
  if (!accounts.some((a) => !a.sample && a.keyHint === undefined && keys[a.id])) return accounts;
  return accounts.map((a) =>
    !a.sample && a.keyHint === undefined && keys[a.id]
      ? { ...a, keyHint: keyHintOf(keys[a.id]!) }
      : a,
  );
}

/** Gives accounts added without a hint of their key (by an older version, or a test) theirs. */
export async function fillKeyHints(): Promise<void> {
  try {
    await write(async (tx) => {
      if (isLayoutFrozen()) return;
      const accounts = await tx.get(accountsItem);
      const hinted = withKeyHints(accounts, await tx.get(apiKeysItem));
      if (hinted !== accounts) tx.set(accountsItem, hinted);
    });
  } catch (error) {
    // A newer version's layout appeared meanwhile: it keeps its accounts as they are.
    if (!(error instanceof FrozenLayoutError)) throw error;
  }
}

/**
 * Checks every stored item and writes back the repaired ones, keeping every recoverable key.
 * `thorough` (the pages' "Repair" button) also clears what can be fetched or chosen again. The
 * repairs are added to the report the options page shows, and returned.
 */
export function repairStorage(
  now: number,
  newId: () => string,
  thorough = false,
): Promise<StorageRepair[]> {
  return write(async (tx) => {
    const raw = await getRaw(ITEMS.map(([item]) => item.key));
    const repairs: StorageRepair[] = [];
    // A newer version's layout is read as far as it can be, and never rewritten (also when it
    // appeared while this worker ran, as after a downgrade of another profile's sync).
    const version = schemaItem.parse(raw[schemaItem.key]).value;
    const frozen = isLayoutFrozen() || (version !== null && version > SCHEMA_VERSION);
    for (const [item, what] of ITEMS) {
      if (frozen && LAYOUT_KEYS.includes(item.key)) continue;
      const parsed = item.parse(raw[item.key]);
      if (parsed.problem === null) continue;
      repairs.push({ what, problem: parsed.problem, at: now });
      tx.set(item, parsed.value);
    }
    const accounts = accountsItem.parse(raw[accountsItem.key]).value;
    const keys = apiKeysItem.parse(raw[apiKeysItem.key]).value;
    const recovered = recoverKeys(accounts, keys, raw[apiKeysItem.key], now, newId);
    if ((recovered.recovered > 0 || recovered.restored > 0) && !frozen) {
      tx.set(accountsItem, recovered.accounts);
      tx.set(apiKeysItem, recovered.keys);
      // Said instead of "N keys dropped": none was.
      const dropped = repairs.findIndex((r) => r.what === 'your API keys');
      if (dropped >= 0) repairs.splice(dropped, 1);
      repairs.push({ what: 'your API keys', problem: recoveryWords(recovered), at: now });
    }
    // Accounts saved before keys had a visible hint get theirs (not a repair: nothing is told).
    if (!frozen) {
      const current = recovered.recovered > 0 ? recovered.accounts : accounts;
      const hinted = withKeyHints(current, recovered.keys);
      if (hinted !== current) tx.set(accountsItem, hinted);
    }
    if (thorough) {
      for (const item of DISPOSABLE) tx.remove(item);
      repairs.push({
        what: 'the saved lists and the popup’s choices',
        problem:
          'you asked for a repair: they were cleared and will be fetched again; your keys, accounts, settings and pins were kept',
        at: now,
      });
    }
    if (repairs.length > 0) {
      const report = storageReportItem.parse(raw[storageReportItem.key]).value;
      const said = new Set(report.map((r) => `${r.what}\n${r.problem}`));
      const fresh = repairs.filter((r) => !said.has(`${r.what}\n${r.problem}`));
      tx.set(storageReportItem, [...report, ...fresh].slice(-20));
    }
    return repairs;
  });
}
