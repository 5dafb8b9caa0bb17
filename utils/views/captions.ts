// A dataset file's caption as a person reads it. Ideogram keeps a plain caption (from a `.txt`
// sidecar) as it is, and an Ideogram 4.0 structured caption (a `.json` sidecar, the shape the
// describe endpoint gives) as a JSON string: that one reads as its main description first, then
// what else it names, with the whole JSON kept for who wants it.

export interface ReadCaption {
  /** What to show: the text itself, or a structured caption's description and parts. */
  text: string;
  /** For a structured caption: its JSON, indented; null for plain text. */
  json: string | null;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const words = (value: unknown): string =>
  typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : '';

/**
 * Whether a caption's text is meant as JSON: an object, as a `.json` sidecar holds (`{"…` or
 * `{}`), not text that happens to start with a brace (`{brand} mug on marble`).
 */
export const looksLikeJson = (text: string): boolean => /^\s*\{\s*("|\})/.test(text);

/** A JSON caption's text as an object, or null when it is not one. */
export function parseJsonCaption(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) ? value : null;
  } catch {
    return null;
  }
}

/**
 * A caption, readable: plain text as it is; a structured caption as its high-level description,
 * then its elements (texts quoted) and its style, each part a sentence of its own.
 */
export function readCaption(caption: string): ReadCaption {
  const parsed = looksLikeJson(caption) ? parseJsonCaption(caption) : null;
  if (!parsed) return { text: caption.trim(), json: null };
  const parts: string[] = [];
  const main = words(parsed.high_level_description);
  if (main) parts.push(main);
  const scene = isRecord(parsed.compositional_deconstruction)
    ? parsed.compositional_deconstruction
    : {};
  const background = words(scene.background);
  if (background) parts.push(`Background: ${background}`);
  const elements = Array.isArray(scene.elements) ? scene.elements.filter(isRecord) : [];
  const named = elements.flatMap((element) => {
    const [shown, desc] = [words(element.text), words(element.desc)];
    if (shown) return [desc ? `“${shown}” (${desc})` : `“${shown}”`];
    return desc ? [desc] : [];
  });
  if (named.length > 0) parts.push(`Elements: ${named.join('; ')}`);
  const style = isRecord(parsed.style_description) ? parsed.style_description : {};
  const styled = ['art_style', 'medium', 'photo', 'lighting', 'aesthetics']
    .map((key) => words(style[key]))
    .filter(Boolean);
  if (styled.length > 0) parts.push(`Style: ${styled.join(', ')}`);
  const text = parts.map((p) => (/[.!?]$/.test(p) ? p : `${p}.`)).join(' ');
  return { text: text || 'A structured caption.', json: JSON.stringify(parsed, null, 2) };
}
