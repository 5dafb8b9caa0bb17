/** Longer pastes are not keys: they are whole files, logs or pages copied by mistake. */
export const MAX_KEY_LENGTH = 512;

export type CleanedKey =
  | {
      ok: true;
      key: string;
      /** What was removed around the key, to tell the user. */ note?: string;
    }
  | { ok: false; problem: string };

const PREFIX = /^(?:api[-_ ]?key|authorization|bearer)\s*[:=]?\s*/i;
const QUOTES = /^(["'`])(.*)\1$/s;

/**
 * Turns what was pasted into a key: trims it and strips a copied `Api-Key:` header name or
 * surrounding quotes. Refuses what cannot be a key, saying why. The problem never quotes the input.
 */
export function cleanKey(input: string): CleanedKey {
  let key = input.trim();
  if (key.length > MAX_KEY_LENGTH) {
    return {
      ok: false,
      problem: `That paste is ${key.length.toLocaleString('en')} characters long; an API key is far shorter. Copy only the key from Ideogram’s API page.`,
    };
  }
  const removed: string[] = [];
  for (let changed = true; changed;) {
    changed = false;
    const prefix = PREFIX.exec(key);
    if (prefix && prefix[0].length < key.length) {
      key = key.slice(prefix[0].length).trim();
      removed.push(`the “${prefix[0].trim()}” in front`);
      changed = true;
    }
    const quoted = QUOTES.exec(key);
    if (quoted) {
      key = quoted[2]!.trim();
      removed.push('the quotes around it');
      changed = true;
    }
  }
  if (key === '') return { ok: false, problem: 'Paste your Ideogram API key first.' };
  if (/\s/.test(key)) {
    return {
      ok: false,
      problem:
        'The key has spaces or line breaks inside it. Copy it again in one piece from Ideogram’s API page.',
    };
  }
  if (!/^[\x21-\x7e]+$/.test(key)) {
    return {
      ok: false,
      problem:
        'The key has characters an API key never has (accents, symbols or emoji). Copy it again from Ideogram’s API page.',
    };
  }
  return removed.length > 0
    ? { ok: true, key, note: `Removed ${[...new Set(removed)].join(' and ')}.` }
    : { ok: true, key };
}
