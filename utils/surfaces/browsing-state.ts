import { accountsItem, snapshotsItem } from '../storage/items';
import { pinsItem, recentsItem } from '../storage/choices';
import { allModels, modeOf } from '../storage/all-accounts';
import { getItems } from '../storage/store';

/** Every account's models, with the pins and recents, as stored now. */
export async function readBrowsingState() {
  const [accounts, snapshots, pins, recents] = await getItems(
    accountsItem,
    snapshotsItem,
    pinsItem,
    recentsItem,
  );
  return {
    mode: modeOf(accounts),
    models: allModels(accounts, snapshots),
    prefs: { pins, recents },
  };
}
