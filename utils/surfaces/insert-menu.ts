import { browser, type Browser } from 'wxt/browser';
import type { Model } from '../api/types';
import { readBrowsingState } from './browsing-state';
import { tellUser } from './feedback';
import { insertModel } from './insert-in-page';
import { addSubmenu, type MenuEntry, menuText } from './menu-entry';
import { menuModels, type Preferences } from '../models/pick';
import type { Mode } from '../storage/all-accounts';

export const MENU_PARENT = 'insert-model';
export const MENU_SETUP = 'insert-setup';
const MENU_MODEL = 'insert:';

/** The submenu of "Insert Ideogram model", from the stored models, pins and recents. */
export function buildInsertMenu(
  mode: Mode,
  models: readonly Model[],
  prefs: Preferences,
): MenuEntry[] {
  if (mode === 'none') {
    return [
      { id: MENU_SETUP, title: 'Model Watch is not set up: open its options…', enabled: true },
    ];
  }
  if (models.length === 0) {
    return [{ id: MENU_SETUP, title: 'No models yet: open Model Watch’s options…', enabled: true }];
  }
  const ready = menuModels(models, prefs);
  if (ready.length === 0) {
    return [{ id: 'insert-none', title: 'No model is ready to use yet', enabled: false }];
  }
  const pinned = new Set(prefs.pins);
  return ready.map((model) => ({
    id: `${MENU_MODEL}${model.id}`,
    title: menuText(
      `${pinned.has(model.id) ? '★ ' : ''}${model.name}${model.uri ? '' : ' (no URI: inserts its ID)'}`,
    ),
    enabled: true,
  }));
}

/** The submenu for what is stored now. */
export async function insertMenuEntries(): Promise<MenuEntry[]> {
  const { mode, models, prefs } = await readBrowsingState();
  return buildInsertMenu(mode, models, prefs);
}

/** Adds the model submenu, shown on editable fields only (after the menus' `removeAll`). */
export function showInsertMenu(entries: readonly MenuEntry[]): void {
  addSubmenu({ id: MENU_PARENT, title: 'Insert Ideogram model' }, 'editable', entries);
}

/** The right-click menu's click: insert the model chosen, or open the options to set up. */
export async function onInsertMenuClick(
  info: Browser.contextMenus.OnClickData,
  tab: Browser.tabs.Tab | undefined,
): Promise<void> {
  const id = String(info.menuItemId);
  if (id === MENU_SETUP) {
    await browser.runtime.openOptionsPage();
    return;
  }
  if (!id.startsWith(MENU_MODEL) || tab?.id === undefined) return;
  const modelId = id.slice(MENU_MODEL.length);
  const model = (await readBrowsingState()).models.find((m) => m.id === modelId);
  if (!model) {
    await tellUser({
      ok: false,
      title: 'That model is no longer listed',
      body: 'It may have been deleted. Open the menu again for the current list.',
    });
    return;
  }
  await insertModel(model, tab.id, info.frameId ?? 0);
}
