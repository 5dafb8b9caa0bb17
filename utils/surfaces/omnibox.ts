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

/** Chrome's descriptions are XML (`<match>`, `<dim>`, `<url>`); Firefox's are plain text. */
const xml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[c]};`,
  );

function highlight(name: string, query: string): string {
  const q = query.trim().toLowerCase();
  const at = q === '' ? -1 : name.toLowerCase().indexOf(q);
  if (at === -1) return xml(name);
  return `${xml(name.slice(0, at))}<match>${xml(name.slice(at, at + q.length))}</match>${xml(name.slice(at + q.length))}`;
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
