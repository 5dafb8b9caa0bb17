// Noticing that the connection came back. A service worker gets no `online` event, and its
// alarms fire at most every 30 s: while an account is offline, the worker also looks at
// `navigator.onLine` every few seconds for as long as it runs, and checks at once when it is
// back. (Firefox's background page does get the event; it is used where it fires.)

/** How often the worker looks while offline. */
export const ONLINE_POLL_MS = 2000;

export interface ConnectionDeps {
  isOnline: () => boolean;
  /** Calls `listener` when the browser announces it is back online (where it does). */
  onOnline: (listener: () => void) => void;
  /** Calls `tick` every `ms` until the returned function is called. */
  every: (ms: number, tick: () => void) => () => void;
}

/** Watches for the connection to come back while `watch()` says it is gone; then `onBack`. */
export function createConnectionWatch(deps: ConnectionDeps, onBack: () => void) {
  let stop: (() => void) | null = null;
  const back = () => {
    stop?.();
    stop = null;
    onBack();
  };
  deps.onOnline(back);
  return {
    /** Starts looking (again) for the connection; idempotent. */
    watch() {
      if (stop !== null) return;
      stop = deps.every(ONLINE_POLL_MS, () => {
        if (deps.isOnline()) back();
      });
    },
    get watching() {
      return stop !== null;
    },
  };
}
