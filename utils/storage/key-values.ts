// Values that could be API keys, wherever in stored data they are: the keys are the one thing
// that cannot be fetched again, so repairs and migrations look for them in any shape.

/** Looks like an API key on its own (a value pasted where the keys' record belongs). */
export const looksLikeKey = (raw: unknown): raw is string =>
  typeof raw === 'string' && /^[\x21-\x7e]{8,512}$/.test(raw.trim());

/**
 * Every value in `raw` that could be a key: the value itself, or the strings inside an array or
 * object, a few levels deep (`["key"]`, `{ "acct-1": { "key": "…" } }`). Bounded, so a huge or
 * deeply nested value costs little.
 */
export function keysIn(raw: unknown, depth = 0): string[] {
  if (looksLikeKey(raw)) return [raw.trim()];
  if (depth >= 3 || typeof raw !== 'object' || raw === null) return [];
  const values = Array.isArray(raw) ? raw : Object.values(raw);
  return values.slice(0, 100).flatMap((value) => keysIn(value, depth + 1));
}

/** Version 1's one key: its text, or the first key inside whatever shape it was stored in. */
export const legacyKeyOf = (raw: unknown): string =>
  typeof raw === 'string' ? raw.trim() : (keysIn(raw)[0] ?? '');
