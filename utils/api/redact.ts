// A server's words can carry a key: a gateway that echoes the request ("bad key <the key>") puts
// it into an error, a name or a caption. Every text that comes from outside passes through here
// before it is stored or shown, with every key it must not carry hidden.

/**
 * Shorter "keys" are not Ideogram keys (they are far longer); hiding them would blank ordinary
 * words in every text, so they are left as they are.
 */
export const MIN_HIDDEN_KEY_LENGTH = 8;

/** How a key is shown where it must not be: its last four characters, as the options page shows it. */
export const maskedKey = (key: string): string => `····${key.slice(-4)}`;

/** A function that hides these keys in a text; the longest first, so no key hides half of another. */
export function keyHider(keys: Iterable<string>): (text: string) => string {
  const hidden = [...new Set(keys)]
    .filter((key) => key.length >= MIN_HIDDEN_KEY_LENGTH)
    .sort((a, b) => b.length - a.length);
  if (hidden.length === 0) return (text) => text;
  return (text) => {
    let out = text;
    for (const key of hidden) if (out.includes(key)) out = out.split(key).join(maskedKey(key));
    return out;
  };
}

/** A parsed JSON value with `hide` applied to every string in it (property names are left). */
export function hideInValue(value: unknown, hide: (text: string) => string): unknown {
  if (typeof value === 'string') return hide(value);
  if (Array.isArray(value)) return value.map((v) => hideInValue(v, hide));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = hideInValue(v, hide);
    return out;
  }
  return value;
}
