import { fakeBrowser } from 'wxt/testing/fake-browser';

/**
 * WXT's fakeBrowser, reset, plus in-memory versions of the few APIs it leaves unimplemented and
 * the extension uses (permissions, openOptionsPage, storage access levels, openPopup).
 */
/** The fake's notifications, reachable by tests whatever the permission. */
export const realNotifications = fakeBrowser.notifications;

export function resetBrowser() {
  fakeBrowser.reset();
  const granted = new Set<string>();
  type Change = { permissions?: string[]; origins?: string[] };
  const added: ((p: Change) => void)[] = [];
  const removed: ((p: Change) => void)[] = [];
  // Origins are granted like permissions; what getAll lists tells them apart, as browsers do.
  const isOrigin = (p: string) => p.includes('://') || p === '<all_urls>';
  const calls = { openOptionsPage: 0, openPopup: 0, accessLevel: [] as string[] };
  const extras = {
    permissions: {
      contains: async ({
        permissions = [],
        origins = [],
      }: {
        permissions?: string[];
        origins?: string[];
      }) => [...permissions, ...origins].every((p) => granted.has(p)),
      request: async ({
        permissions = [],
        origins = [],
      }: {
        permissions?: string[];
        origins?: string[];
      }) => {
        for (const p of [...permissions, ...origins]) granted.add(p);
        for (const listener of added) listener({ permissions, origins });
        return true;
      },
      remove: async ({ permissions = [], origins = [] }: Change) => {
        for (const p of [...permissions, ...origins]) granted.delete(p);
        for (const listener of removed) listener({ permissions, origins });
        return true;
      },
      getAll: async () => ({
        permissions: [...granted].filter((p) => !isOrigin(p)),
        origins: [...granted].filter(isOrigin),
      }),
      onAdded: {
        addListener: (l: (p: Change) => void) => added.push(l),
        removeListener: (l: (p: Change) => void) => void added.splice(added.indexOf(l) >>> 0, 1),
        hasListener: (l: (p: Change) => void) => added.includes(l),
      },
      onRemoved: {
        addListener: (l: (p: Change) => void) => removed.push(l),
        removeListener: (l: (p: Change) => void) =>
          void removed.splice(removed.indexOf(l) >>> 0, 1),
        hasListener: (l: (p: Change) => void) => removed.includes(l),
      },
    },
  };
  Object.assign(fakeBrowser, extras);
  // As in the browser, the notifications API exists only while its permission is granted.
  const notifications = realNotifications;
  Object.defineProperty(fakeBrowser, 'notifications', {
    configurable: true,
    get: () => (granted.has('notifications') ? notifications : undefined),
  });
  Object.assign(fakeBrowser.runtime, {
    openOptionsPage: async () => {
      calls.openOptionsPage += 1;
    },
  });
  // Where the toolbar button is: in the Extensions menu until the user pins it (a new install).
  const toolbar = { isOnToolbar: false };
  Object.assign(fakeBrowser.action, {
    openPopup: async () => {
      calls.openPopup += 1;
    },
    getUserSettings: async () => ({ ...toolbar }),
  });
  Object.assign(fakeBrowser.storage.local, {
    setAccessLevel: async ({ accessLevel }: { accessLevel: string }) => {
      calls.accessLevel.push(accessLevel);
    },
  });
  // The right-click menu, kept as the list of items created.
  const menuItems: { id: string; parentId?: string; title?: string; enabled?: boolean }[] = [];
  const menuClicked = fakeEvent<(info: unknown, tab: unknown) => void>();
  Object.assign(fakeBrowser, {
    contextMenus: {
      create: (item: (typeof menuItems)[number]) => {
        menuItems.push(item);
        return item.id;
      },
      removeAll: async () => {
        menuItems.length = 0;
      },
      onClicked: menuClicked,
    },
  });
  // The address bar: what the background suggests, and its default line.
  const omnibox = {
    defaultSuggestion: '',
    onInputChanged: fakeEvent<(text: string, suggest: (s: unknown[]) => void) => void>(),
    onInputEntered: fakeEvent<(text: string) => void>(),
  };
  Object.assign(fakeBrowser, {
    omnibox: {
      setDefaultSuggestion: ({ description }: { description: string }) => {
        omnibox.defaultSuggestion = description;
      },
      onInputChanged: omnibox.onInputChanged,
      onInputEntered: omnibox.onInputEntered,
    },
  });
  // The page a script is injected into: the tests decide how it answers.
  const scripting = {
    injected: [] as { tabId: number; frameIds?: number[]; args: unknown[] }[],
    answer: (() => 'inserted') as () => unknown,
  };
  Object.assign(fakeBrowser, {
    scripting: {
      executeScript: async (options: {
        target: { tabId: number; frameIds?: number[] };
        args: unknown[];
      }) => {
        scripting.injected.push({ ...options.target, args: options.args });
        return [{ frameId: 0, result: scripting.answer() }];
      },
    },
  });
  // Chrome's offscreen document, standing in for the real one (covered end to end): it keeps
  // what it was asked to copy.
  const clipboard = { text: '' };
  let offscreenOpen = false;
  Object.assign(fakeBrowser, {
    offscreen: {
      hasDocument: async () => offscreenOpen,
      createDocument: async () => {
        offscreenOpen = true;
        fakeBrowser.runtime.onMessage.addListener(((
          message: { tag?: string; text?: string },
          _sender: unknown,
          respond: (r: unknown) => void,
        ) => {
          if (message?.tag !== 'model-watch-offscreen-copy') return false;
          clipboard.text = message.text ?? '';
          respond({ copied: true });
          return true;
        }) as never);
      },
    },
  });
  return {
    fakeBrowser,
    calls,
    granted,
    menuItems,
    menuClicked,
    omnibox,
    scripting,
    clipboard,
    toolbar,
  };
}

function fakeEvent<T extends (...args: never[]) => unknown>() {
  const listeners: T[] = [];
  return {
    addListener: (listener: T) => void listeners.push(listener),
    removeListener: (listener: T) => void listeners.splice(listeners.indexOf(listener), 1),
    hasListener: (listener: T) => listeners.includes(listener),
    async trigger(...args: Parameters<T>) {
      return Promise.all(listeners.map((listener) => listener(...args)));
    },
  };
}
