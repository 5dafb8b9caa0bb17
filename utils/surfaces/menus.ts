import { browser, type Browser } from 'wxt/browser';
import { askSiteAccess } from '../studio/collect';
import {
  collectMenuEntries,
  isCollectItem,
  onCollectMenuClick,
  showCollectMenu,
  targetOf,
} from './collect-menu';
import { insertMenuEntries, onInsertMenuClick, showInsertMenu } from './insert-menu';

// The right-click menus, together: one place builds both (insert a model on editable fields; add
// an image to a dataset) and routes a click to the one it belongs to.

/** Rebuilds both menus when what they show changed (not at every refresh). */
export function createMenuSyncer() {
  let shown = '';
  let running: Promise<void> = Promise.resolve();
  return {
    sync(force: boolean): Promise<void> {
      running = running.then(async () => {
        const [insert, collect] = await Promise.all([insertMenuEntries(), collectMenuEntries()]);
        const text = JSON.stringify([insert, collect]);
        if (!force && text === shown) return;
        shown = text;
        await browser.contextMenus.removeAll();
        showInsertMenu(insert);
        showCollectMenu(collect);
      });
      return running.catch(() => {});
    },
  };
}

/**
 * A click on either menu. Runs synchronously up to the site-access question (browsers allow it
 * only in the click's own turn), then leaves the rest to `ready`: the stored layout made current.
 */
export function onMenuClick(
  info: Browser.contextMenus.OnClickData,
  tab: Browser.tabs.Tab | undefined,
  ready: (work: () => Promise<void>) => Promise<void>,
  now: () => number,
): void {
  if (isCollectItem(info.menuItemId)) {
    const access = targetOf(String(info.menuItemId))
      ? askSiteAccess(info.srcUrl)
      : Promise.resolve(false);
    void ready(() => onCollectMenuClick(info, access, now));
    return;
  }
  void ready(() => onInsertMenuClick(info, tab));
}
