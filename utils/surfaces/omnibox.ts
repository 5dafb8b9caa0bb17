import { browser } from 'wxt/browser';
import type { Model } from '../api/types';
import { stateWords } from '../views/models';
import { copyFromBackground } from './clipboard';
import { tellUser } from './feedback';
import { type Preferences, rankModels, primaryCopy } from '../models/pick';
import { readBrowsingState } from './browsing-state';
import { recordRecent } from '../storage/changes';
import type { Mode } from '../storage/all-accounts';

export interface Suggestion {
  /** What Enter on the suggestion hands back: the URI, or the ID when there is none. */
  content: string;
  description: string;
}

/**
 * What XML 1.0 forbids in text: C0 controls other than tab, line feed and carriage return,
 * U+FFFE and U+FFFF, and a surrogate without its pair. Chrome drops a description that has one.
 */
const NOT_XML =
  // eslint-disable-next-line no-control-regex -- the control characters are what it finds
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Chrome's descriptions are XML (`<match>`, `<dim>`, `<url>`); Firefox's are plain text. */
const xml = (text: string) =>
  text
    .replace(NOT_XML, '')
    .replace(
      /[&<>"']/g,
      (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[c]};`,
    );

/**
 * Where `query` is found in `name`, ignoring case, as indexes into `name` itself: lower-casing can
 * change a text's length (`İ` becomes two characters), so the match is found in the lower-cased
 * text and mapped back to the characters of the name it came from.
 */
export function matchIn(name: string, query: string): [number, number] | null {
  const q = query.trim().toLowerCase();
  if (q === '') return null;
  let lowered = '';
  /** For each unit of `lowered`, the index in `name` of the character it came from. */
  const from: number[] = [];
  for (let i = 0; i < name.length;) {
    const char = String.fromCodePoint(name.codePointAt(i)!);
    const lower = char.toLowerCase();
    lowered += lower;
    for (let k = 0; k < lower.length; k++) from.push(i);
    i += char.length;
  }
  const at = lowered.indexOf(q);
  if (at === -1) return null;
  const last = from[at + q.length - 1]!;
  return [from[at]!, last + String.fromCodePoint(name.codePointAt(last)!).length];
}

function highlight(name: string, query: string): string {
  const found = matchIn(name, query);
  if (!found) return xml(name);
  const [start, end] = found;
  return `${xml(name.slice(0, start))}<match>${xml(name.slice(start, end))}</match>${xml(name.slice(end))}`;
}

/** One address-bar suggestion: name, status (the run's phase while it trains), what Enter copies. */
export function describe(model: Model, query: string, markup: boolean): string {
  const { text, isUri } = primaryCopy(model);
  const what = isUri ? text : `${text} (ID: no URI yet)`;
  const status = stateWords(model);
  return markup
    ? `${highlight(model.name, query)} <dim>· ${xml(status)} ·</dim> <url>${xml(what)}</url>`
    : `${model.name} · ${status} · ${what}`;
}

/** The suggestions for what was typed, from the stored models (no network call per keystroke). */
export function omniboxSuggestions(
  text: string,
  models: readonly Model[],
  prefs: Preferences,
  markup: boolean,
): Suggestion[] {
  return rankModels(models, text, prefs).map((model) => ({
    content: primaryCopy(model).text,
    description: describe(model, text, markup),
  }));
}

/** The first line, shown before any suggestion: what Enter does now. */
export function defaultSuggestion(
  text: string,
  mode: Mode,
  models: readonly Model[],
  markup: boolean,
): string {
  const say = (plain: string) => (markup ? xml(plain) : plain);
  if (mode === 'none') return say('Model Watch is not set up: press Enter to open its options');
  if (models.length === 0) return say('No models yet: press Enter to open Model Watch’s options');
  return text.trim() === ''
    ? say('Type a model’s name, ID or URI; Enter copies its URI')
    : say(`Enter copies the URI of the best match for “${text.trim()}”`);
}

const markup = !import.meta.env.FIREFOX;

export async function onOmniboxInput(text: string, suggest: (s: Suggestion[]) => void) {
  const { mode, models, prefs } = await readBrowsingState();
  browser.omnibox.setDefaultSuggestion({
    description: defaultSuggestion(text, mode, models, markup),
  });
  suggest(mode === 'none' ? [] : omniboxSuggestions(text, models, prefs, markup));
}

/** Enter: copies the chosen (or best matching) model's URI, or its ID when it has none. */
export async function onOmniboxEnter(text: string): Promise<void> {
  const { mode, models, prefs } = await readBrowsingState();
  if (mode === 'none' || models.length === 0) {
    await browser.runtime.openOptionsPage();
    return;
  }
  const model =
    models.find((m) => m.uri === text || m.id === text) ?? rankModels(models, text, prefs, 1)[0];
  if (!model) {
    await tellUser({ ok: false, title: 'No model matches', body: `Nothing matches “${text}”.` });
    return;
  }
  const { text: value, isUri } = primaryCopy(model);
  if (!(await copyFromBackground(value))) {
    await tellUser({
      ok: false,
      title: 'Could not copy',
      body: 'The browser refused the clipboard. Copy it from the Model Watch popup instead.',
    });
    return;
  }
  await recordRecent(model.id);
  await tellUser({
    ok: true,
    title: isUri ? `Copied the URI of ${model.name}` : `Copied the ID of ${model.name}`,
    body: isUri ? value : `${value} (it has no URI yet)`,
  });
}
