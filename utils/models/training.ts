import { type Model, type TrainingRun } from '../api/types';
import { formatDuration, statusLabel } from '../words/format';

// A training seen from inside: the phase the model's run is in (only its detail says), and how
// long the user's own past trainings took, to say how far along this one is. Pure: the popup's
// rows, the badge's tooltip, the address bar and the notifications all say the same.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Where people look when a training takes much longer than it should. */
export const STATUS_PAGE_URL = 'https://status.ideogram.ai';

/** No estimate from fewer past trainings than this: nothing rather than a guess. */
export const MIN_HISTORY = 3;
/** The past trainings an estimate looks at: the most recent ones. */
export const HISTORY_WINDOW = 10;
/** A training running this many times its usual time is "taking longer than usual". */
export const STUCK_FACTOR = 2;
/** Without a history to compare with, a training this old is. */
export const STUCK_WITHOUT_HISTORY = 24 * HOUR;

/** A run phase in words (as a status is); an empty one says so. */
export function phaseLabel(phase: string): string {
  return statusLabel(phase) || 'Unknown phase';
}

/** Phases after which a run is over: the model's own status says how it ended. */
const DONE_PHASES = new Set(['COMPLETED', 'FAILED']);

/** The statuses of a model still being made, as the lists say. */
const MAKING = new Set(['CREATING', 'TRAINING']);

/**
 * A model the lists still call training whose latest run failed (Ideogram's run says so before
 * the model's status does, if it ever does): the run is the more specific source, so the model is
 * kept as failed, ERRORED, its time the run's. Its detail is read again at every check (the
 * lists' status differs from the stored one), so a run that resumed shows again. Any other model
 * is returned as it is.
 */
export function withRunOutcome(model: Model): Model {
  const run = model.runs?.at(-1);
  if (!model.owned || !MAKING.has(model.status) || run?.phase !== 'FAILED') return model;
  return { ...model, status: 'ERRORED', updatedAt: run.updatedAt ?? model.updatedAt };
}

/** The run that failed, for a model whose latest run did. */
export function failedRun(model: Model): TrainingRun | null {
  const run = model.runs?.at(-1);
  return run?.phase === 'FAILED' ? run : null;
}

/**
 * The run a model of the user's is in now: its latest run while the model is being created or
 * trained and the run is not over. Null when its detail was never read (or failed), so the
 * phase falls back to the list's status.
 */
export function currentRun(model: Model): TrainingRun | null {
  if (!model.owned || (model.status !== 'TRAINING' && model.status !== 'CREATING')) return null;
  const run = model.runs?.at(-1);
  return run && !DONE_PHASES.has(run.phase) ? run : null;
}

/** One of the user's trainings that finished: how long it took, with how many steps. */
export interface PastTraining {
  modelId: string;
  duration: number;
  steps: number | null;
  finishedAt: number;
}

/**
 * The user's finished trainings, newest first: from each completed model's last completed run
 * (its own times), or, when its detail has none, from what the extension saw.
 */
export function pastTrainings(models: readonly Model[]): PastTraining[] {
  const past: PastTraining[] = [];
  for (const model of models) {
    if (!model.owned || model.status !== 'COMPLETED') continue;
    const run = model.runs?.findLast((r) => r.phase === 'COMPLETED' && r.updatedAt !== null);
    if (run && run.updatedAt! > run.createdAt) {
      past.push({
        modelId: model.id,
        duration: run.updatedAt! - run.createdAt,
        steps: run.steps,
        finishedAt: run.updatedAt!,
      });
      continue;
    }
    const seen = model.observed;
    if (seen && seen.finishedAt > seen.startedAt) {
      past.push({
        modelId: model.id,
        duration: seen.finishedAt - seen.startedAt,
        steps: null,
        finishedAt: seen.finishedAt,
      });
    }
  }
  return past.sort((a, b) => b.finishedAt - a.finishedAt);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * How long a training of `steps` steps usually takes for this user: the median of their recent
 * trainings, each scaled by its steps when both are known. Null with too little to go on.
 */
export function usualDuration(
  history: readonly PastTraining[],
  steps: number | null,
): number | null {
  const recent = history.slice(0, HISTORY_WINDOW);
  if (recent.length < MIN_HISTORY) return null;
  return median(
    recent.map((past) =>
      steps !== null && steps > 0 && past.steps !== null && past.steps > 0
        ? (past.duration * steps) / past.steps
        : past.duration,
    ),
  );
}

/** How a training is going, against the user's own history. */
export type Outlook =
  /** No estimate (too little history, or the run is not known): how long it has run. */
  | { kind: 'running'; elapsed: number }
  /** Within its usual time: what is left. */
  | { kind: 'left'; elapsed: number; usual: number; left: number }
  /** Past its usual time, not yet twice it. */
  | { kind: 'over'; elapsed: number; usual: number }
  /** Twice its usual time (or a day without a history): worth a look at Ideogram's status. */
  | { kind: 'stuck'; elapsed: number; usual: number | null };

/** The outlook of a model of the user's in training (null for any other model). */
export function outlookOf(
  model: Model,
  history: readonly PastTraining[],
  now: number,
): Outlook | null {
  if (!model.owned || model.status !== 'TRAINING') return null;
  const run = currentRun(model);
  // Without its run (its detail not read, or failed) the time would count from the model's
  // creation, which may be days before this training: how long, and no judgement on it.
  if (!run) return { kind: 'running', elapsed: Math.max(0, now - model.createdAt) };
  const elapsed = Math.max(0, now - run.createdAt);
  const usual = usualDuration(history, run.steps);
  if (usual === null) {
    return elapsed > STUCK_WITHOUT_HISTORY
      ? { kind: 'stuck', elapsed, usual: null }
      : { kind: 'running', elapsed };
  }
  if (elapsed > STUCK_FACTOR * usual) return { kind: 'stuck', elapsed, usual };
  if (elapsed < usual) return { kind: 'left', elapsed, usual, left: usual - elapsed };
  return { kind: 'over', elapsed, usual };
}

/**
 * A duration as an estimate says it: to the minute under 10 minutes, to 5 minutes under an hour,
 * to 10 minutes under 5 hours, to half an hour beyond.
 */
export function roughDuration(ms: number): string {
  const step =
    ms < 10 * MINUTE ? MINUTE : ms < HOUR ? 5 * MINUTE : ms < 5 * HOUR ? 10 * MINUTE : 30 * MINUTE;
  return formatDuration(Math.max(step, Math.round(ms / step) * step));
}

/** The row's time fact for a model in training: "about 50 min left", or how long so far. */
export function outlookFact(outlook: Outlook): string {
  switch (outlook.kind) {
    case 'left':
      return `about ${roughDuration(outlook.left)} left`;
    case 'over':
      return `${formatDuration(outlook.elapsed)} so far; usually about ${roughDuration(outlook.usual)}`;
    case 'stuck':
    case 'running':
      return `for ${formatDuration(outlook.elapsed)}`;
  }
}

/** The words a warning of a long training says. */
export const STUCK_WORDS = 'Taking longer than usual';

/**
 * One sentence for the tooltip and the notification: "training for 1 h 10 min, about 50 min
 * left (usually about 2 h)". `phase` is the run's phase in words, or the status's.
 */
export function outlookSentence(phase: string, outlook: Outlook): string {
  const doing = `${phase.toLowerCase()} for ${formatDuration(outlook.elapsed)}`;
  switch (outlook.kind) {
    case 'running':
      return doing;
    case 'left':
      return `${doing}, about ${roughDuration(outlook.left)} left (usually about ${roughDuration(outlook.usual)})`;
    case 'over':
      return `${doing}; usually about ${roughDuration(outlook.usual)}`;
    case 'stuck':
      return outlook.usual === null
        ? `${doing}: taking longer than usual`
        : `${doing}: taking longer than usual (usually about ${roughDuration(outlook.usual)})`;
  }
}

/**
 * What a notification of a long training says: "Training for 4 h 10 min; it usually takes
 * about 2 h." (or, without a history, that it is longer than a training usually takes).
 */
export function stuckMessage(phase: string, outlook: Extract<Outlook, { kind: 'stuck' }>): string {
  const doing = `${phase} for ${formatDuration(outlook.elapsed)}`;
  return outlook.usual === null
    ? `${doing}, longer than a training usually takes.`
    : `${doing}; it usually takes about ${roughDuration(outlook.usual)}.`;
}
