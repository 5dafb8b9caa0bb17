import { isKnownStatus, KNOWN_STATUSES, type Model } from '../api/types';
import type { PopupPrefs } from '../storage/choices';
import { matchText, primaryCopy, rankOf, type SearchText, searchTextOf } from '../models/pick';
import { formatDuration, timeAgo, statusLabel } from '../words/format';
import {
  currentRun,
  failedRun,
  outlookFact,
  outlookOf,
  type PastTraining,
  phaseLabel,
  STUCK_WORDS,
} from '../models/training';

// What the Models list shows, as pure functions of the stored models and the user's choices:
// shared by the popup and by the background, which prepares the popup's first screen with the
// very same code. Work that depends only on the models (search text, sort orders) is done once
// per list in `indexModels`, so that typing in the search box only filters and ranks.

export type Scope = PopupPrefs['scope'];
export type SortKey = PopupPrefs['sort'];

export interface ModelFilter {
  /** Selected statuses; none selected shows every status. */
  statuses: readonly string[];
  scope: Scope;
  query: string;
}

/** Needs attention first: training, being created, failed; then the settled ones. */
const STATUS_ORDER = ['TRAINING', 'CREATING', 'ERRORED', 'COMPLETED', 'DRAFT', 'ARCHIVED'];

// Created on first use: building an Intl collator costs milliseconds the first paint can skip.
let collator: Intl.Collator | undefined;
const compareText = (a: string, b: string) =>
  (collator ??= new Intl.Collator('en', { numeric: true, sensitivity: 'base' })).compare(a, b);

export interface ModelIndex<M extends Model = Model> {
  models: M[];
  /** Lower-cased name, id and URI of each model, for search (built on the first search). */
  text(): SearchText[];
  /** Positions of the models in a sort order (each order built when first asked for). */
  order(sort: SortKey): number[];
  /** The statuses present, known ones in the documented order, then any others. */
  statuses: string[];
}

function statusRank(status: string): number {
  const rank = STATUS_ORDER.indexOf(status);
  return rank === -1 ? STATUS_ORDER.length : rank;
}

/** Prepares a list of models for filtering; the costly parts wait until they are needed. */
export function indexModels<M extends Model>(models: M[]): ModelIndex<M> {
  const byName = (a: number, b: number) => compareText(models[a]!.name, models[b]!.name);
  const updated = (m: Model) => m.updatedAt ?? m.createdAt;
  const compare: Record<SortKey, (a: number, b: number) => number> = {
    updated: (a, b) => updated(models[b]!) - updated(models[a]!) || byName(a, b),
    name: byName,
    status: (a, b) =>
      statusRank(models[a]!.status) - statusRank(models[b]!.status) ||
      compareText(models[a]!.status, models[b]!.status) ||
      byName(a, b),
  };
  const orders: Partial<Record<SortKey, number[]>> = {};
  let text: SearchText[] | undefined;
  const present = new Set(models.map((m) => m.status));
  return {
    models,
    text: () => (text ??= models.map(searchTextOf)),
    order: (sort) => (orders[sort] ??= models.map((_, i) => i).sort(compare[sort])),
    statuses: [
      ...KNOWN_STATUSES.filter((s) => present.has(s)),
      ...[...present].filter((s) => !isKnownStatus(s)).sort(),
    ],
  };
}

function inScope(model: Model, scope: Scope): boolean {
  return scope === 'all' || (scope === 'mine' ? model.owned : !model.owned);
}

/** How well each model matches scope and search (0: not at all), the status filter aside. */
function matching(index: ModelIndex<Model>, scope: Scope, query: string): number[] {
  const q = query.trim().toLowerCase();
  if (q === '') return index.models.map((model) => (inScope(model, scope) ? 1 : 0));
  const text = index.text();
  return index.models.map((model, i) => (inScope(model, scope) ? matchText(text[i]!, q) : 0));
}

/** How many models of each status match the scope and the search: the counts on the filter. */
export function countByStatus(index: ModelIndex<Model>, filter: Omit<ModelFilter, 'statuses'>) {
  const counts = new Map<string, number>(index.statuses.map((s) => [s, 0]));
  const matches = matching(index, filter.scope, filter.query);
  index.models.forEach((model, i) => {
    if (matches[i]) counts.set(model.status, (counts.get(model.status) ?? 0) + 1);
  });
  return counts;
}

/**
 * The models to list, in order. Without a search: pinned models first, each group in the chosen
 * order. With one, ranked: the best match first (exact ID or URI, name start, word start, the
 * rest), pinned and usable ones first within the same quality, the chosen order breaking ties.
 */
export function visibleModels<M extends Model>(
  index: ModelIndex<M>,
  filter: ModelFilter,
  sort: SortKey,
  pinned: ReadonlySet<string> = new Set(),
): M[] {
  const matches = matching(index, filter.scope, filter.query);
  const statuses = new Set(filter.statuses);
  const keep = (i: number) =>
    matches[i]! > 0 && (statuses.size === 0 || statuses.has(index.models[i]!.status));
  if (filter.query.trim() === '') {
    const first: M[] = [];
    const rest: M[] = [];
    for (const i of index.order(sort)) {
      if (!keep(i)) continue;
      const model = index.models[i]!;
      (pinned.has(model.id) ? first : rest).push(model);
    }
    return first.length === 0 ? rest : [...first, ...rest];
  }
  const ranked: { at: number; rank: number }[] = [];
  index.order(sort).forEach((i, at) => {
    if (!keep(i)) return;
    const model = index.models[i]!;
    ranked.push({ at, rank: rankOf(model, matches[i]!, pinned.has(model.id), -1) });
  });
  ranked.sort((a, b) => b.rank - a.rank || a.at - b.at);
  const order = index.order(sort);
  return ranked.map((r) => index.models[order[r.at]!]!);
}

/** The time fact of a row: how long it has trained, or when it finished. */
export function timeFact(model: Model, now: number): string {
  switch (model.status) {
    case 'TRAINING':
      return `for ${formatDuration(now - model.createdAt)}`;
    case 'CREATING':
      return `started ${timeAgo(model.createdAt, now)}`;
    case 'COMPLETED':
      return model.updatedAt === null
        ? `created ${timeAgo(model.createdAt, now)}`
        : `finished ${timeAgo(model.updatedAt, now)}`;
    case 'ERRORED':
      return `failed ${timeAgo(model.updatedAt ?? model.createdAt, now)}`;
    default:
      return `updated ${timeAgo(model.updatedAt ?? model.createdAt, now)}`;
  }
}

/** The status in words, with "not usable" when a finished model cannot be used now. */
export function statusWords(model: Model): string {
  if (model.status === 'ERRORED' && failedRun(model)) return 'Training failed';
  const label = statusLabel(model.status);
  return model.status === 'COMPLETED' && !model.available ? `${label}, not usable` : label;
}

/** Where a model is: its run's phase while it trains (when its detail was read), else its status. */
export function stateWords(model: Model): string {
  const run = currentRun(model);
  return run ? phaseLabel(run.phase) : statusWords(model);
}

/** A part of a row's details line; the first ones matter most, the last give way first. */
export interface DetailPart {
  /** `stuck`: the training takes longer than usual (the row links it to Ideogram's status). */
  kind: 'status' | 'stuck' | 'time' | 'dataset' | 'owner' | 'base';
  text: string;
}

/**
 * The details line of a row, most important first: status (the run's phase while it trains),
 * whether it takes longer than usual, whose (Shared, and the account when several are shown:
 * two rows of the same name must be told apart, and it is short), time (with what is left, from
 * the user's past trainings), dataset. The last ones give way first when the line is full.
 */
export function detailParts(
  model: Model,
  now: number,
  names: { dataset?: string | undefined; account?: string | undefined; base?: string | undefined },
  history: readonly PastTraining[] = [],
): DetailPart[] {
  const outlook = outlookOf(model, history, now);
  // (An account's label arrives already shortened at a word: the row's title has the whole.)
  const parts: DetailPart[] = [{ kind: 'status', text: stateWords(model) }];
  if (outlook?.kind === 'stuck') parts.push({ kind: 'stuck', text: STUCK_WORDS });
  const whose = [model.owned ? null : 'Shared', names.account ?? null].filter(Boolean);
  if (whose.length > 0) parts.push({ kind: 'owner', text: whose.join(', ') });
  parts.push({ kind: 'time', text: outlook ? outlookFact(outlook) : timeFact(model, now) });
  if (names.dataset) parts.push({ kind: 'dataset', text: names.dataset });
  // The base Model Watch trained it on ("Ideogram 4.0"), when it knows: the first to give way.
  if (names.base) parts.push({ kind: 'base', text: names.base });
  return parts;
}

export { primaryCopy };
