import { fakeBrowser } from 'wxt/testing/fake-browser';

/**
 * WXT's fakeBrowser, reset, plus in-memory versions of the few APIs it leaves unimplemented and
 * the extension uses (permissions, openOptionsPage, storage access levels, openPopup).
 */
export function resetBrowser() {
  fakeBrowser.reset();
  const granted = new Set<string>();
  const added: ((p: { permissions?: string[] }) => void)[] = [];
  const calls = { openOptionsPage: 0, openPopup: 0, accessLevel: [] as string[] };
  const extras = {
    permissions: {
      contains: async ({ permissions = [] }: { permissions?: string[] }) =>
        permissions.every((p) => granted.has(p)),
      request: async ({ permissions = [] }: { permissions?: string[] }) => {
        for (const p of permissions) granted.add(p);
        for (const listener of added) listener({ permissions });
        return true;
      },
      remove: async ({ permissions = [] }: { permissions?: string[] }) => {
        for (const p of permissions) granted.delete(p);
        return true;
      },
      getAll: async () => ({ permissions: [...granted], origins: [] }),
      onAdded: {
        addListener: (l: (p: { permissions?: string[] }) => void) => added.push(l),
        removeListener: () => {},
        hasListener: () => false,
      },
      onRemoved: { addListener: () => {}, removeListener: () => {}, hasListener: () => false },
    },
  };
  Object.assign(fakeBrowser, extras);
  Object.assign(fakeBrowser.runtime, {
    openOptionsPage: async () => {
      calls.openOptionsPage += 1;
    },
  });
  Object.assign(fakeBrowser.action, {
    openPopup: async () => {
      calls.openPopup += 1;
    },
  });
  Object.assign(fakeBrowser.storage.local, {
    setAccessLevel: async ({ accessLevel }: { accessLevel: string }) => {
      calls.accessLevel.push(accessLevel);
    },
  });
  return { fakeBrowser, calls, granted };
}
