import { serveMessages } from './messaging';
import { currentApi, refreshLists } from './refresh';

/** Wires the background's listeners. Everything here runs synchronously at worker start. */
export function startBackground(): void {
  serveMessages({
    async refresh() {
      const api = await currentApi();
      if (!api) return { error: null };
      return { error: await refreshLists(api) };
    },
  });
}
