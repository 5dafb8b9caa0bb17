import { browser, type Browser } from 'wxt/browser';
import type { Model } from '../api/types';
import { tellUser } from './feedback';
import { menuModels, type Preferences, valueOf } from './pick';
import {
  accountsItem,
  allModels,
  type Mode,
  modeOf,
  pinsItem,
  recentsItem,
  recordRecent,
  snapshotsItem,
} from '../storage/items';

export const MENU_PARENT = 'insert-model';
export const MENU_SETUP = 'insert-setup';
const MENU_MODEL = 'insert:';

export interface MenuEntry {
  id: string;
  title: string;
  enabled: boolean;
}

/** Menu titles treat `&` as an access-key marker and `%s` as the selected text. */
function menuText(text: string): string {
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

/**
 * Runs in the page, in the frame that was right-clicked: inserts `text` at the cursor of the
 * focused field. Self-contained, since it is serialised into the page.
 */
export function insertAtCursor(text: string): 'inserted' | 'no-field' {
  const field = document.activeElement as HTMLElement | null;
  const isTextField =
    field instanceof HTMLTextAreaElement ||
    (field instanceof HTMLInputElement && /^(text|search|url|email|tel|)$/.test(field.type));
  if (isTextField) {
    const input = field as HTMLInputElement | HTMLTextAreaElement;
    if (input.readOnly || input.disabled) return 'no-field';
    // The editing command keeps the page's undo history and the input events its scripts expect.
    if (document.execCommand('insertText', false, text)) return 'inserted';
    const start = input.selectionStart ?? input.value.length;
    input.setRangeText(text, start, input.selectionEnd ?? start, 'end');
    input.dispatchEvent(
      new InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }),
    );
    return 'inserted';
  }
  if (field?.isContentEditable) {
    if (document.execCommand('insertText', false, text)) return 'inserted';
    const selection = getSelection();
    if (!selection || selection.rangeCount === 0) return 'no-field';
    const range = selection.getRangeAt(0);
    range.deleteContents();
    range.insertNode(document.createTextNode(text));
    range.collapse(false);
    return 'inserted';
  }
  return 'no-field';
}

/** Inserts the model's URI (its ID when it has none) into the field right-clicked in `tab`. */
export async function insertModel(model: Model, tabId: number, frameId = 0): Promise<void> {
  const { text, isUri } = valueOf(model);
  let outcome: 'inserted' | 'no-field' | 'refused';
  try {
    const [result] = await browser.scripting.executeScript({
      target: { tabId, frameIds: [frameId] },
      func: insertAtCursor,
      args: [text],
    });
    outcome = (result?.result as 'inserted' | 'no-field' | undefined) ?? 'no-field';
  } catch {
    // The browser's own pages and the extension stores do not let extensions in.
    outcome = 'refused';
  }
  if (outcome === 'refused') {
    await tellUser({
      ok: false,
      title: 'Model Watch cannot insert here',
      body: 'This page does not let extensions in (browser pages and extension stores never do). Copy the URI from the Model Watch popup instead.',
    });
    return;
  }
  if (outcome === 'no-field') {
    await tellUser({
      ok: false,
      title: 'No text field to insert into',
      body: 'Click into a text field first, then choose the model again.',
    });
    return;
  }
  await recordRecent(model.id);
  if (!isUri) {
    await tellUser({
      ok: true,
      title: `Inserted the ID of ${model.name}`,
      body: 'It has no URI yet (it is not in the model registry), so its model ID was inserted.',
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
