import { browser, type Browser } from 'wxt/browser';
import type { Model } from '../api/types';
import { readBrowsingState } from './browsing-state';
import { collectMenuEntries, showCollectMenu } from './collect-menu';
import { tellUser } from './feedback';
import { insertModel } from './insert-in-page';
import { menuModels, type Preferences } from './pick';
import type { Mode } from '../storage/layout';

export const MENU_PARENT = 'insert-model';
export const MENU_SETUP = 'insert-setup';
const MENU_MODEL = 'insert:';

export interface MenuEntry {
  id: string;
  title: string;
  enabled: boolean;
}

/** Menu titles treat `&` as an access-key marker and `%s` as the selected text. */
export function menuText(text: string): string {
  return text.replace(/&/g, '&&').replace(/%s/g, '% s');
}

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

/** Replaces the menu with these entries; it appears on editable fields only. */
export async function showInsertMenu(entries: MenuEntry[]): Promise<void> {
  const menus = browser.contextMenus;
  await menus.removeAll();
  menus.create({ id: MENU_PARENT, title: 'Insert Ideogram model', contexts: ['editable'] });
  for (const entry of entries) {
    menus.create({
      id: entry.id,
      parentId: MENU_PARENT,
      title: entry.title,
      enabled: entry.enabled,
      contexts: ['editable'],
    });
  }
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

/** Rebuilds the right-click menus (insert a model; add an image) when what it shows changed (not at every refresh). */
export function createMenuSyncer() {
  let shown = '';
  let running: Promise<void> = Promise.resolve();
  return {
    sync(force: boolean): Promise<void> {
      running = running.then(async () => {
        const [entries, collect] = await Promise.all([insertMenuEntries(), collectMenuEntries()]);
        const text = JSON.stringify([entries, collect]);
        if (!force && text === shown) return;
        shown = text;
        await showInsertMenu(entries);
        showCollectMenu(collect);
      });
      return running.catch(() => {});
    },
  };
}
