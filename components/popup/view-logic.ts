import { isKnownStatus, KNOWN_STATUSES, type Model } from '../../utils/api/types';
import { formatDuration, timeAgo } from '../../utils/words/format';
import type { PopupPrefs } from '../../utils/storage/choices';

// What the Models view shows, as pure functions of the snapshot and the user's choices. Work that
// depends only on the snapshot (search text, sort orders) is done once per snapshot in
// `indexModels`, so that typing in the search box only filters.

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
  haystacks(): string[];
  /** Positions of the models in a sort order (each order built when first asked for). */
  order(sort: SortKey): number[];
  /** The statuses present, known ones in the documented order, then any others. */
  statuses: string[];
}

function statusRank(status: string): number {
  const rank = STATUS_ORDER.indexOf(status);
  return rank === -1 ? STATUS_ORDER.length : rank;
}

/** Prepares a snapshot's models for filtering; the costly parts wait until they are needed. */
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
  let haystacks: string[] | undefined;
  const present = new Set(models.map((m) => m.status));
  return {
    models,
    haystacks: () =>
      (haystacks ??= models.map((m) => `${m.name}\n${m.id}\n${m.uri ?? ''}`.toLowerCase())),
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

/** Positions of the models matching scope and search (the status filter aside). */
function matching(index: ModelIndex<Model>, scope: Scope, query: string): boolean[] {
  const needle = query.trim().toLowerCase();
  if (needle === '') return index.models.map((model) => inScope(model, scope));
  const haystacks = index.haystacks();
  return index.models.map((model, i) => inScope(model, scope) && haystacks[i]!.includes(needle));
}

/** How many models of each status match the scope and the search: the counts on the toggles. */
export function countByStatus(index: ModelIndex<Model>, filter: Omit<ModelFilter, 'statuses'>) {
  const counts = new Map<string, number>(index.statuses.map((s) => [s, 0]));
  const matches = matching(index, filter.scope, filter.query);
  index.models.forEach((model, i) => {
    if (matches[i]) counts.set(model.status, (counts.get(model.status) ?? 0) + 1);
  });
  return counts;
}

/** The models to list, in order. `pinned` models come first, each group in the chosen order. */
export function visibleModels<M extends Model>(
  index: ModelIndex<M>,
  filter: ModelFilter,
  sort: SortKey,
  pinned: ReadonlySet<string> = new Set(),
): M[] {
  const matches = matching(index, filter.scope, filter.query);
  const statuses = new Set(filter.statuses);
  const first: M[] = [];
  const rest: M[] = [];
  for (const i of index.order(sort)) {
    const model = index.models[i]!;
    if (!matches[i] || (statuses.size > 0 && !statuses.has(model.status))) continue;
    (pinned.has(model.id) ? first : rest).push(model);
  }
  return first.length === 0 ? rest : [...first, ...rest];
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

/** Why a model has no URI, for the disabled button's tooltip. */
export function noUriReason(model: Model): string {
  if (model.status === 'TRAINING' || model.status === 'CREATING') {
    return 'No URI yet: the model is still training.';
  }
  if (model.status === 'ERRORED') return 'No URI: training failed.';
  return 'No URI: the model is not in Ideogram’s model registry. Copy its ID instead.';
}
