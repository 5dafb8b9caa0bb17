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

/**
 * How well a model matches what was typed, or 0 when it does not. Exact IDs and URIs first, then
 * names that start with it, then words that start with it, then anywhere in name, URI or ID.
 */
export function matchScore(model: Model, query: string): number {
  const q = query.trim().toLowerCase();
  if (q === '') return 1;
  const name = model.name.toLowerCase();
  const uri = model.uri?.toLowerCase() ?? '';
  const id = model.id.toLowerCase();
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
    const recent = recents.indexOf(model.id);
    const score =
      match * 10 +
      (pinned.has(model.id) ? 40 : 0) +
      (recent === -1 ? 0 : 20 - recent * 2) +
      (isReady(model) ? 8 : 0);
    scored.push({ model, score });
  }
  scored.sort(
    (a, b) =>
      b.score - a.score ||
      (b.model.updatedAt ?? b.model.createdAt) - (a.model.updatedAt ?? a.model.createdAt),
  );
  return scored.slice(0, limit).map((s) => s.model);
}

/** What copying or inserting a model gives: its URI, or its ID when it has none. */
export function valueOf(model: Model): { text: string; isUri: boolean } {
  return model.uri ? { text: model.uri, isUri: true } : { text: model.id, isUri: false };
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
