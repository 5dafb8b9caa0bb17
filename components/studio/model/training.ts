import { signal } from '@preact/signals';
import type { TrainingBase } from '../../../utils/api/types';
import { mayHaveBeenDone } from '../../../utils/api/errors';
import { failureMessage, MessageError, sendMessage } from '../../../utils/messaging/channel';
import type { TrainingCheck } from '../../../utils/messaging/protocol';
import { checkSettings, type SettingsInput } from '../../../utils/studio/rules';

// Starting a training of a dataset, one start at a time per dataset, and never a second billed
// one by accident: after a start that may have gone through, the dataset is held until the lists
// say whether it did; if they do not, starting again needs its own confirmation.

export const EMPTY_SETTINGS: SettingsInput = {
  trainingSteps: '',
  loraRank: '',
  ema: '',
  learningRate: '',
  batchSize: '',
};

/** Datasets whose training start is on its way (the button says so; a second click waits). */
export const starting = signal<ReadonlySet<string>>(new Set());
/** Datasets being checked for whether a start that may have gone through did. */
export const checking = signal<ReadonlySet<string>>(new Set());
/** What the lists said of each dataset's start in doubt, by `accountId:datasetId`. */
export const doubts = signal<ReadonlyMap<string, TrainingCheck>>(new Map());

export type TrainResult =
  | { ok: true; modelName: string }
  | { ok: false; message: string }
  /** Nothing was sent: an earlier start is in doubt (doubts says what the lists say). */
  | { ok: 'held' };

const keyOf = (accountId: string, datasetId: string) => `${accountId}:${datasetId}`;

const withKey = (set: ReadonlySet<string>, key: string, on: boolean) => {
  const next = new Set(set);
  if (on) next.add(key);
  else next.delete(key);
  return next;
};

function keepDoubt(key: string, check: TrainingCheck): void {
  const next = new Map(doubts.value);
  if (check.outcome === 'none') next.delete(key);
  else next.set(key, check);
  doubts.value = next;
}

/**
 * Asks whether a start of the dataset that may have gone through did (when it opens, and right
 * after such a start); its Train button is held meanwhile.
 */
export async function checkStart(accountId: string, datasetId: string): Promise<void> {
  const key = keyOf(accountId, datasetId);
  if (checking.value.has(key)) return;
  checking.value = withKey(checking.value, key, true);
  try {
    keepDoubt(key, await sendMessage('checkTrainingStart', { accountId, datasetId }));
  } catch {
    // The lists could not be read: a doubt already known stays, and holds the button.
  } finally {
    checking.value = withKey(checking.value, key, false);
  }
}

/** The failure of a request that may have reached Ideogram and been done all the same. */
const maybeDone = (error: unknown) =>
  error instanceof MessageError &&
  error.failure.kind !== 'internal' &&
  mayHaveBeenDone(error.failure);

export async function startTraining(
  accountId: string,
  datasetId: string,
  name: string,
  base: TrainingBase,
  input: SettingsInput,
  again = false,
): Promise<TrainResult> {
  const key = keyOf(accountId, datasetId);
  if (starting.value.has(key)) return { ok: false, message: 'A training is already starting.' };
  const checked = checkSettings(input, base);
  if (!checked.ok) return { ok: false, message: 'Fix the advanced settings first.' };
  starting.value = withKey(starting.value, key, true);
  try {
    const answer = await sendMessage('startTraining', {
      accountId,
      datasetId,
      name,
      base,
      settings: checked.settings,
      ...(again && { again: true }),
    });
    if (answer.outcome === 'started') {
      keepDoubt(key, { outcome: 'none' });
      return { ok: true, modelName: answer.training.modelName };
    }
    keepDoubt(key, answer);
    return { ok: 'held' };
  } catch (error) {
    // The button says "Checking whether the training started…" meanwhile.
    if (maybeDone(error)) await checkStart(accountId, datasetId);
    return { ok: false, message: failureMessage(error, 'The training could not be started.') };
  } finally {
    starting.value = withKey(starting.value, key, false);
  }
}
