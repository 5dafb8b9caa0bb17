import { TRAINING_DEFAULTS } from '../api/limits';

// How a model's life is scripted over time: the steps of its status, and the phases of its
// training runs. The sample account's models move on it (./api.ts), and so do the fake API's of
// the tests (tests/fake-api), which answer with what it gives at the moment a request comes.

const MINUTE = 60_000;

/** One step of a model's life: from `at` on, the model has this status. */
export interface Step {
  at: number;
  status: string;
  /** The registry URI from this step on (null: not registered). Defaults to the previous step's. */
  uri?: string | null;
  /** Defaults to `status === 'COMPLETED'`. */
  available?: boolean;
}

/** What a training run is set to, in the API's own names (any may be null, as documented). */
export interface RunSettings {
  training_steps?: number | null;
  lora_rank?: number | null;
  num_chips?: number | null;
  ema?: number | null;
  learning_rate?: number | null;
}

/** One training run: its phases over time, and its settings. */
export interface Run extends RunSettings {
  id: string;
  /** Ordered by `at`; the first is the run's creation. Phases past the clock are not shown yet. */
  phases: { at: number; phase: string }[];
}

/** How many chips Ideogram's trainer reports using, when a run says (an observed value). */
const CHIPS = 8;

/** The settings a run shows when the training left them to Ideogram. */
export const DEFAULT_RUN_SETTINGS: Required<RunSettings> = {
  training_steps: TRAINING_DEFAULTS.trainingSteps,
  lora_rank: TRAINING_DEFAULTS.loraRank,
  ema: TRAINING_DEFAULTS.ema,
  learning_rate: TRAINING_DEFAULTS.learningRate,
  num_chips: CHIPS,
};

/** A model's status, URI and availability at `now`, walking its steps. */
export function stateAt(timeline: readonly Step[], now: number) {
  let status = timeline[0]?.status ?? 'CREATING';
  let uri: string | null = null;
  let available: boolean | undefined;
  let since = timeline[0]?.at ?? now;
  for (const step of timeline) {
    if (step.at > now) break;
    status = step.status;
    if (step.uri !== undefined) uri = step.uri;
    available = step.available;
    since = step.at;
  }
  return {
    status,
    uri,
    available: available ?? status === 'COMPLETED',
    since,
    createdAt: timeline[0]?.at ?? now,
  };
}

/**
 * The run a model's steps imply, or none before it trains: it starts when the model starts
 * training and moves through PREPARING_DATA, QUEUED, TRAINING and FINALIZING to COMPLETED when the
 * model completes (it stays in its phase when the model fails).
 */
export function derivedRuns(
  id: string,
  timeline: readonly Step[],
  settings: RunSettings = {},
): Run[] {
  const start = timeline.find((s) => s.status === 'TRAINING')?.at;
  if (start === undefined) return [];
  const end = timeline.find(
    (s) => s.at > start && (s.status === 'COMPLETED' || s.status === 'ERRORED'),
  );
  const run = { id: `${id}-run-1`, ...DEFAULT_RUN_SETTINGS, ...settings };
  if (!end) {
    return [
      {
        ...run,
        phases: [
          { at: start, phase: 'PREPARING_DATA' },
          { at: start + 2 * MINUTE, phase: 'QUEUED' },
          { at: start + 6 * MINUTE, phase: 'TRAINING' },
        ],
      },
    ];
  }
  // A known end: the phases take the same shares of the time as on the real service, roughly.
  const span = end.at - start;
  const phases = [
    { at: start, phase: 'PREPARING_DATA' },
    { at: start + span * 0.05, phase: 'QUEUED' },
    { at: start + span * 0.1, phase: 'TRAINING' },
  ];
  // A finished training is finalized, then completed; a failed one's run says FAILED when the
  // model errs (the 2026-10-07 API's phase).
  if (end.status === 'COMPLETED') {
    phases.push(
      { at: start + span * 0.95, phase: 'FINALIZING' },
      { at: end.at, phase: 'COMPLETED' },
    );
  } else phases.push({ at: end.at, phase: 'FAILED' });
  return [{ ...run, phases }];
}

/** A run as it shows at `now`: its phase and times; null before it was created. */
export function runAt(run: Run, now: number) {
  const shown = run.phases.filter((p) => p.at <= now);
  const latest = shown.at(-1);
  if (!latest) return null;
  return { phase: latest.phase, createdAt: shown[0]!.at, updatedAt: latest.at };
}

/** `My Model 2` → `my-model-2`, as registry URIs spell names. */
export const slugOf = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

/** A model trained now: CREATING, then TRAINING, then COMPLETED and registered. */
export function trainedTimeline(
  name: string,
  at: number,
  times: { creating: number; training: number },
): Step[] {
  const trainingAt = at + times.creating;
  return [
    { at, status: 'CREATING', uri: null },
    { at: trainingAt, status: 'TRAINING' },
    {
      at: trainingAt + times.training,
      status: 'COMPLETED',
      uri: `model/${slugOf(name)}/version/1`,
    },
  ];
}

/** A new id shaped like Ideogram's: a UUID's 16 bytes in URL-safe base64, 22 characters. */
export function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const base64 = btoa(String.fromCharCode(...bytes));
  return base64.replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}
