import { popupPrefsItem, pinsItem } from '../storage/choices';
import { firstScreenItem } from '../storage/first-screen-item';
import { accountsItem, snapshotsItem } from '../storage/items';
import { getRaw } from '../storage/store';
import { write } from '../storage/writer';
import { computeFirstScreen } from '../views/first-screen';

// Keeps the popup's first screen (utils/views/first-screen.ts) up to date: after any change of
// what it shows, once, however many changes came at once. It is written only when it changed.

/** The stored items the first screen is made of. */
export const FIRST_SCREEN_INPUTS = new Set([
  accountsItem.key,
  snapshotsItem.key,
  popupPrefsItem.key,
  pinsItem.key,
]);

export function createFirstScreenKeeper() {
  let running: Promise<void> | null = null;
  let again = false;

  const once = () =>
    write(async (tx) => {
      const [accounts, snapshots, prefs, pins] = await Promise.all([
        tx.get(accountsItem),
        tx.get(snapshotsItem),
        tx.get(popupPrefsItem),
        tx.get(pinsItem),
      ]);
      const next =
        accounts.length === 0 ? null : computeFirstScreen(accounts, snapshots, prefs, pins);
      const stored = (await getRaw([firstScreenItem.key]))[firstScreenItem.key];
      const encoded = next === null ? undefined : firstScreenItem.encode(next);
      if (encoded === stored) return;
      if (next === null) tx.remove(firstScreenItem);
      else tx.set(firstScreenItem, next);
    });

  return {
    /** Brings the first screen up to date (a call while one runs is folded into a second run). */
    update(): Promise<void> {
      if (running) {
        again = true;
        return running;
      }
      running = (async () => {
        try {
          do {
            again = false;
            await once();
          } while (again);
        } finally {
          running = null;
        }
      })();
      return running.catch(() => undefined);
    },
  };
}
