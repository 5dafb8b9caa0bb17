import {
  accountsItem,
  allModels,
  modeOf,
  pinsItem,
  recentsItem,
  snapshotsItem,
} from '../storage/items';

/** Every account's models, with the pins and recents, as stored now. */
export async function readBrowsingState() {
  const [accounts, snapshots, pins, recents] = await Promise.all([
    accountsItem.getValue(),
    snapshotsItem.getValue(),
    pinsItem.getValue(),
    recentsItem.getValue(),
  ]);
  return {
    mode: modeOf(accounts),
    models: allModels(accounts, snapshots),
    prefs: { pins, recents },
  };
}
