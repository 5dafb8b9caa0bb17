import { browser } from 'wxt/browser';

// One entry of a right-click submenu and its text: the leaf both menus (insert a model, add an
// image) are built from.

export interface MenuEntry {
  id: string;
  title: string;
  enabled: boolean;
}

/** Menu titles treat `&` as an access-key marker and `%s` as the selected text. */
export function menuText(text: string): string {
  return text.replace(/&/g, '&&').replace(/%s/g, '% s');
}

/** Adds a parent item and its entries, shown in one context (after the menus' `removeAll`). */
export function addSubmenu(
  parent: { id: string; title: string },
  context: 'editable' | 'image',
  entries: readonly MenuEntry[],
): void {
  const menus = browser.contextMenus;
  menus.create({ ...parent, contexts: [context] });
  for (const { id, title, enabled } of entries) {
    menus.create({ id, parentId: parent.id, title, enabled, contexts: [context] });
  }
}
