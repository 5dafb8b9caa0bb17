import { browser, type Browser } from 'wxt/browser';
import type { Dataset } from '../api/types';
import { accountsItem, type Account, snapshotOf, snapshotsItem } from '../storage/items';
import { getItems } from '../storage/store';
import { collectImage } from '../studio/collect';
import { markDatasetUsed } from '../studio/snapshot';
import { studioPath } from '../studio/route';
import { NEW_DATASET, TrayError } from '../studio/tray';
import { tellUser } from './feedback';
import { addSubmenu, type MenuEntry, menuText } from './menu-entry';

// Right-click an image on any page: "Add image to Ideogram dataset", then one of the datasets
// last used here (or most recent), or "New dataset…". The image goes to that dataset's tray.

export const COLLECT_PARENT = 'collect-image';
const COLLECT_TO = 'collect:';
const COLLECT_NEW = 'collect-new:';
const COLLECT_SETUP = 'collect-setup';
/** How many datasets the menu offers. */
export const MENU_DATASETS = 5;

/** The datasets to offer: last used here first, then the newest. */
export function menuDatasets(
  accounts: readonly Account[],
  snapshots: Parameters<typeof snapshotOf>[0],
): { account: Account; dataset: Dataset }[] {
  return accounts
    .flatMap((account) =>
      snapshotOf(snapshots, account.id).datasets.map((dataset) => ({ account, dataset })),
    )
    .sort(
      (a, b) =>
        (b.dataset.usedAt ?? 0) - (a.dataset.usedAt ?? 0) ||
        b.dataset.createdAt - a.dataset.createdAt,
    )
    .slice(0, MENU_DATASETS);
}

/** The submenu of "Add image to Ideogram dataset". */
export function buildCollectMenu(
  accounts: readonly Account[],
  snapshots: Parameters<typeof snapshotOf>[0],
): MenuEntry[] {
  if (accounts.length === 0) {
    return [
      { id: COLLECT_SETUP, title: 'Model Watch is not set up: open its options…', enabled: true },
    ];
  }
  const many = accounts.length > 1;
  const entries: MenuEntry[] = menuDatasets(accounts, snapshots).map(({ account, dataset }) => ({
    id: `${COLLECT_TO}${account.id}:${dataset.id}`,
    title: menuText(many ? `${dataset.name} (${account.label})` : dataset.name),
    enabled: true,
  }));
  for (const account of accounts) {
    entries.push({
      id: `${COLLECT_NEW}${account.id}`,
      title: menuText(many ? `New dataset in ${account.label}…` : 'New dataset…'),
      enabled: true,
    });
  }
  return entries;
}

export async function collectMenuEntries(): Promise<MenuEntry[]> {
  const [accounts, snapshots] = await getItems(accountsItem, snapshotsItem);
  return buildCollectMenu(accounts, snapshots);
}

/** Adds the image submenu, shown on images only (after the menus' `removeAll`). */
export function showCollectMenu(entries: readonly MenuEntry[]): void {
  addSubmenu({ id: COLLECT_PARENT, title: 'Add image to Ideogram dataset' }, 'image', entries);
}

export function isCollectItem(id: string | number): boolean {
  const text = String(id);
  return text === COLLECT_SETUP || text.startsWith(COLLECT_TO) || text.startsWith(COLLECT_NEW);
}

/** Where a menu item sends the image: an account's dataset, or its new dataset's tray. */
export function targetOf(id: string): { accountId: string; datasetId: string } | null {
  if (id.startsWith(COLLECT_NEW)) {
    return { accountId: id.slice(COLLECT_NEW.length), datasetId: NEW_DATASET };
  }
  if (!id.startsWith(COLLECT_TO)) return null;
  const rest = id.slice(COLLECT_TO.length);
  const colon = rest.indexOf(':');
  if (colon <= 0) return null;
  return { accountId: rest.slice(0, colon), datasetId: rest.slice(colon + 1) };
}

/**
 * The click. `access` is the site-access question, asked in the click's own turn (see
 * askSiteAccess), before the stored layout was awaited. It never fails silently: whatever goes
 * wrong (a tray the browser will not keep, storage refused) is told, and its promise resolves.
 */
export async function onCollectMenuClick(
  info: Browser.contextMenus.OnClickData,
  access: Promise<boolean>,
  now: () => number,
): Promise<void> {
  try {
    await collectFromMenu(info, access, now);
  } catch (error) {
    await tellUser({
      ok: false,
      title: 'The image was not added',
      body:
        error instanceof TrayError
          ? error.message
          : 'Something went wrong while adding it. Save the image and add the file in the studio.',
    }).catch(() => {});
  }
}

async function collectFromMenu(
  info: Browser.contextMenus.OnClickData,
  access: Promise<boolean>,
  now: () => number,
): Promise<void> {
  const id = String(info.menuItemId);
  if (id === COLLECT_SETUP) {
    await browser.runtime.openOptionsPage();
    return;
  }
  const target = targetOf(id);
  if (!target || !info.srcUrl) return;
  const [accounts] = await getItems(accountsItem);
  const account = accounts.find((a) => a.id === target.accountId);
  if (!account) {
    await tellUser({
      ok: false,
      title: 'That account is gone',
      body: 'Open the menu again for the current datasets.',
    });
    return;
  }
  const collected = await collectImage(
    {
      src: info.srcUrl,
      accountId: account.id,
      datasetId: target.datasetId,
      access: await access,
    },
    now(),
  );
  if (!collected.ok && !collected.waiting) {
    await tellUser({ ok: false, title: 'The image was not added', body: collected.problem });
    return;
  }
  if (target.datasetId !== NEW_DATASET) await markDatasetUsed(account, target.datasetId, now());
  if (target.datasetId === NEW_DATASET || !collected.ok) {
    // A new dataset needs its name; a waiting image needs the user's permission: both in the studio.
    await browser.tabs.create({
      url: browser.runtime.getURL(studioPath(account.id, target.datasetId)),
    });
    return;
  }
  const dataset = await getItems(snapshotsItem).then(
    ([snapshots]) =>
      snapshotOf(snapshots, account.id).datasets.find((d) => d.id === target.datasetId)?.name,
  );
  await tellUser({
    ok: true,
    title: `Added to ${dataset ?? 'the dataset'}’s tray`,
    body: 'It waits in Model Watch’s studio until you upload it.',
  });
}
