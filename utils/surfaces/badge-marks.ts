import type { ApiErrorKind } from '../api/errors';

// What each state of an account looks like on the toolbar button: a mark of at most four
// characters, its colour, and the tooltip's first words. A problem is never shown as a count.

export const BADGE_COLORS = {
  training: '#2563eb',
  sample: '#7c3aed',
  notSetUp: '#6b7280',
  keyRejected: '#dc2626',
  offline: '#475569',
  rateLimited: '#b45309',
  apiError: '#c2410c',
} as const;

export type ErrorMark = { text: string; color: string; headline: string };

export function errorMark(kind: ApiErrorKind): ErrorMark {
  const err = (headline: string): ErrorMark => ({
    text: 'ERR',
    color: BADGE_COLORS.apiError,
    headline,
  });
  switch (kind) {
    case 'unauthorized':
      return {
        text: 'KEY',
        color: BADGE_COLORS.keyRejected,
        headline: 'Ideogram rejected the API key. Open Options to fix it.',
      };
    case 'offline':
      return { text: 'OFF', color: BADGE_COLORS.offline, headline: 'You are offline.' };
    case 'network':
      return {
        text: 'OFF',
        color: BADGE_COLORS.offline,
        headline: 'Cannot reach api.ideogram.ai.',
      };
    case 'rate_limited':
      return {
        text: 'WAIT',
        color: BADGE_COLORS.rateLimited,
        headline: 'Ideogram is limiting requests.',
      };
    // A 403 refuses one endpoint or model, not the key: the key stays, other calls go on.
    case 'forbidden':
      return err('Ideogram refused access to part of the API.');
    case 'payment':
      return err('Ideogram asks for payment.');
    case 'throttled':
      return err('The browser is holding back requests for a while.');
    case 'storage':
      return err('The browser could not save the latest lists.');
    default:
      return err('Ideogram’s API had a problem.');
  }
}

/** How bad an error is for the badge: the worst one is shown when several accounts fail. */
export const SEVERITY: Record<string, number> = { KEY: 4, WAIT: 3, ERR: 2, OFF: 1 };
