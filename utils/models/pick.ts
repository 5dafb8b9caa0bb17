import type { Model } from '../api/types';

// Choosing models for the browsing features: the address-bar suggestions and the right-click menu.
// Pure functions of the stored snapshot, pins and recents: no network call per keystroke.

/** Finished, and usable in a generate call. */
export function isReady(model: Model): boolean {
  return model.status === 'COMPLETED' && model.available;
}

export interface Preferences {
  pins: readonly string[];
  recents: readonly string[];
}

/** A model's searchable text, lower-cased (the popup keeps these, to search 10,000 models fast). */
export interface SearchText {
  name: string;
  uri: string;
  id: string;
}

export const searchTextOf = (model: Model): SearchText => ({
  name: model.name.toLowerCase(),
  uri: model.uri?.toLowerCase() ?? '',
  id: model.id.toLowerCase(),
});

/**
 * How well a model matches what was typed, or 0 when it does not. Exact IDs and URIs first, then
 * names that start with it, then words that start with it, then anywhere in name, URI or ID.
 */
export function matchScore(model: Model, query: string): number {
  return matchText(searchTextOf(model), query.trim().toLowerCase());
}

/** matchScore on lower-cased text and a trimmed, lower-cased query. */
export function matchText({ name, uri, id }: SearchText, q: string): number {
  if (q === '') return 1;
  if (id === q || uri === q) return 100;
  if (name === q) return 90;
  if (name.startsWith(q)) return 70;
  if (name.split(/[\s\-_]+/).some((word) => word.startsWith(q))) return 50;
  if (name.includes(q)) return 35;
  if (uri.includes(q)) return 25;
  if (id.includes(q)) return 15;
  return 0;
}

/**
 * How a matching model ranks: match quality first, then pinned, recently used, and usable with a
 * URI (what a person searching most likely wants to copy).
 */
export function rankOf(model: Model, match: number, pinned: boolean, recent: number): number {
  return (
    match * 10 +
    (pinned ? 40 : 0) +
    (recent === -1 ? 0 : 20 - recent * 2) +
    (primaryCopy(model).isUri ? 8 : 0)
  );
}

/**
 * The models that match `query`, best first: match quality, then pinned, recently used, ready to
 * use, and recently finished.
 */
export function rankModels(
  models: readonly Model[],
  query: string,
  { pins, recents }: Preferences,
  limit = 6,
): Model[] {
  const pinned = new Set(pins);
  const scored: { model: Model; score: number }[] = [];
  for (const model of models) {
    const match = matchScore(model, query);
    if (match === 0) continue;
    scored.push({
      model,
      score: rankOf(model, match, pinned.has(model.id), recents.indexOf(model.id)),
    });
  }
  scored.sort(
    (a, b) =>
      b.score - a.score ||
      (b.model.updatedAt ?? b.model.createdAt) - (a.model.updatedAt ?? a.model.createdAt),
  );
  return scored.slice(0, limit).map((s) => s.model);
}

/**
 * What copying or inserting a model gives: its URI when a generate call can use it, else its ID
 * (a model without a URI, or one Ideogram says cannot be used now, such as an archived one).
 */
export function primaryCopy(model: Model): { text: string; isUri: boolean } {
  return model.uri && model.available
    ? { text: model.uri, isUri: true }
    : { text: model.id, isUri: false };
}

/** Why a model's URI is not offered, in words; null when it is. */
export function uriUnavailableReason(model: Model): string | null {
  if (model.uri && model.available) return null;
  if (model.status === 'CREATING') return 'No URI yet: the model is still being created.';
  if (model.status === 'TRAINING') return 'No URI yet: the model is still training.';
  if (model.status === 'ERRORED') return 'No URI: training failed.';
  if (model.uri) {
    return model.status === 'ARCHIVED'
      ? 'Not usable: the model is archived, so a generate call cannot use its URI.'
      : 'Not usable now: Ideogram says a generate call cannot use this model.';
  }
  return 'No URI: the model is not in Ideogram’s model registry. Copy its ID instead.';
}

/**
 * The models offered by the right-click menu: pinned ready ones, then recently used ready ones,
 * then the most recently finished, up to `limit`.
 */
export function menuModels(models: readonly Model[], prefs: Preferences, limit = 10): Model[] {
  const ready = models.filter(isReady);
  const byId = new Map(ready.map((m) => [m.id, m]));
  const chosen = new Map<string, Model>();
  for (const id of [...prefs.pins, ...prefs.recents]) {
    const model = byId.get(id);
    if (model) chosen.set(id, model);
  }
  const latest = [...ready].sort(
    (a, b) => (b.updatedAt ?? b.createdAt) - (a.updatedAt ?? a.createdAt),
  );
  for (const model of latest) {
    if (chosen.size >= limit) break;
    chosen.set(model.id, model);
  }
  return [...chosen.values()].slice(0, limit);
}
