import type { Model } from '../api/types';
import {
  currentRun,
  outlookOf,
  outlookSentence,
  type PastTraining,
  pastTrainings,
  phaseLabel,
} from '../models/training';
import { BADGE_COLORS, errorMark, type ErrorMark, SEVERITY } from './badge-marks';
import { type Account, snapshotOf } from '../storage/items';
import type { Settings } from '../storage/settings';
import type { Snapshot } from '../storage/snapshot';

/** What the toolbar button shows: the badge's text and colour, and the button's tooltip. */
export interface BadgeView {
  text: string;
  color: string;
  title: string;
}

export interface BadgeInput {
  accounts: Account[];
  snapshots: Record<string, Snapshot>;
  settings: Pick<Settings, 'countCreating'>;
  /** Moving an older version's data failed (the options page says what to do). */
  migrationFailed?: boolean;
  /** The clock the tooltip's "training for 42 min" reads. */
  now: number;
}

const NAME = 'Model Watch for Ideogram';
const MAX_NAMES = 5;

/** The user's own models the badge counts: TRAINING, and CREATING when the setting says so. */
export function countedModels(models: Model[], countCreating: boolean): Model[] {
  return models.filter(
    (m) => m.owned && (m.status === 'TRAINING' || (countCreating && m.status === 'CREATING')),
  );
}

/** "99+" past 99: the badge has room for about four characters. */
export function capCount(count: number): string {
  return count > 99 ? '99+' : String(count);
}

function trainingSentence(models: Model[], countCreating: boolean): string {
  const what = countCreating ? 'training or being created' : 'training';
  if (models.length === 0) return `No models ${what}.`;
  return `${models.length} ${models.length === 1 ? 'model' : 'models'} ${what}.`;
}

/**
 * One line per model counted (the first five): its phase, how long, and what is left when the
 * user's past trainings say ("Brand v2: training for 42 min, about 1 h 20 min left").
 */
export function trainingLines(
  counted: readonly { model: Model; history: readonly PastTraining[] }[],
  now: number,
): string[] {
  const lines = counted.slice(0, MAX_NAMES).map(({ model, history }) => {
    const run = currentRun(model);
    const outlook = outlookOf(model, history, now) ?? {
      kind: 'running' as const,
      elapsed: Math.max(0, now - model.createdAt),
    };
    const doing = run
      ? phaseLabel(run.phase)
      : model.status === 'CREATING'
        ? 'Being created'
        : 'Training';
    return `${model.name}: ${outlookSentence(doing, outlook)}`;
  });
  if (counted.length > MAX_NAMES) lines.push(`and ${counted.length - MAX_NAMES} more`);
  return lines;
}

/**
 * The models an account counts, each with the account's past trainings, read only when one is
 * training (the badge is drawn on every stored change).
 */
function withHistory(models: readonly Model[], counted: readonly Model[]) {
  const history = counted.some((m) => m.status === 'TRAINING') ? pastTrainings(models) : [];
  return counted.map((model) => ({ model, history }));
}

function clock(ms: number): string {
  return new Date(ms).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

/** Decides what the toolbar button shows. Pure: the same state always gives the same badge. */
export function renderBadge({
  accounts,
  snapshots,
  settings,
  migrationFailed,
  now,
}: BadgeInput): BadgeView {
  if (accounts.length === 0) {
    return {
      text: '?',
      color: BADGE_COLORS.notSetUp,
      title: migrationFailed
        ? `${NAME}: could not move your saved key to its new layout. Open Options.`
        : `${NAME}: not set up. Click to add your Ideogram API key, or try it with sample data.`,
    };
  }
  if (accounts.length === 1)
    return renderOne(accounts[0]!, snapshotOf(snapshots, accounts[0]!.id), settings, now);
  return renderMany(accounts, snapshots, settings, now);
}

function renderOne(
  account: Account,
  snapshot: Snapshot,
  settings: BadgeInput['settings'],
  now: number,
): BadgeView {
  const counted = countedModels(snapshot.models, settings.countCreating);
  const lines = trainingLines(withHistory(snapshot.models, counted), now);

  const checked =
    snapshot.checkedAt === null ? '' : ` Last checked at ${clock(snapshot.checkedAt)}.`;

  const first = trainingSentence(counted, settings.countCreating);
  const more = lines.length > 0 ? `\n${lines.join('\n')}` : '';
  if (snapshot.error && !account.sample) {
    const mark = errorMark(snapshot.error.kind);
    const lastKnown = snapshot.checkedAt === null ? '' : `\nLast known: ${first}${checked}${more}`;
    // The error's own sentence says it all (the mark's headline would only repeat it).
    return {
      text: mark.text,
      color: mark.color,
      title: `${NAME}: ${snapshot.error.message}${lastKnown}`,
    };
  }
  if (snapshot.checkedAt === null) {
    return {
      text: '…',
      color: BADGE_COLORS.notSetUp,
      title: `${NAME}: checking your models…`,
    };
  }
  if (account.sample) {
    return {
      text: counted.length > 0 ? `S${capCount(counted.length)}` : 'S',
      color: BADGE_COLORS.sample,
      title: `${NAME}, sample data (S): ${first}${checked}${more}`,
    };
  }
  return {
    text: counted.length > 0 ? capCount(counted.length) : '',
    color: BADGE_COLORS.training,
    title: `${NAME}: ${first}${checked}${more}`,
  };
}

/**
 * Several accounts: the total in training, each account's count in the tooltip, and any account
 * in trouble named. When some accounts fail, the count stays (with a "!"), in the colour of the
 * worst problem; when all fail, the worst problem's mark.
 */
function renderMany(
  accounts: Account[],
  snapshots: Record<string, Snapshot>,
  settings: BadgeInput['settings'],
  now: number,
): BadgeView {
  const models: ReturnType<typeof withHistory> = [];
  let total = 0;
  let worst: ErrorMark | null = null;
  let failing = 0;
  const lines: string[] = [];
  // Two keys of one Ideogram user (a key rotation) see the same models: each is counted once,
  // under the first account that lists it.
  const seen = new Set<string>();
  for (const account of accounts) {
    const snapshot = snapshotOf(snapshots, account.id);
    const counted = countedModels(snapshot.models, settings.countCreating).filter(
      (m) => !seen.has(m.id),
    );
    for (const m of counted) seen.add(m.id);
    total += counted.length;
    models.push(...withHistory(snapshot.models, counted));
    const count = `${counted.length} training`;
    if (snapshot.error) {
      const mark = errorMark(snapshot.error.kind);
      failing += 1;
      if (!worst || SEVERITY[mark.text]! > SEVERITY[worst.text]!) worst = mark;
      lines.push(`${account.label}: ${mark.headline} Last known: ${count}.`);
    } else if (snapshot.checkedAt === null) {
      lines.push(`${account.label}: checking…`);
    } else {
      lines.push(`${account.label}: ${count}.`);
    }
  }
  const what = settings.countCreating ? 'training or being created' : 'training';
  const modelLines = trainingLines(models, now);
  const named = modelLines.length > 0 ? `\n${modelLines.join('\n')}` : '';
  const title = `${NAME}: ${total} ${total === 1 ? 'model' : 'models'} ${what} in ${accounts.length} accounts.\n${lines.join('\n')}${named}`;
  if (worst && failing === accounts.length) return { text: worst.text, color: worst.color, title };
  if (worst) return { text: `${total > 0 ? capCount(total) : ''}!`, color: worst.color, title };
  return { text: total > 0 ? capCount(total) : '', color: BADGE_COLORS.training, title };
}
