import { signal } from '@preact/signals';
import { failureMessage, sendMessage } from '../../../utils/messaging/channel';
import { checkSettings, type SettingsInput } from '../../../utils/studio/rules';

// Starting a training of a dataset, one start at a time per dataset.

export const EMPTY_SETTINGS: SettingsInput = {
  trainingSteps: '',
  loraRank: '',
  ema: '',
  learningRate: '',
};

/** Datasets whose training start is on its way (the button says so; a second click waits). */
export const starting = signal<ReadonlySet<string>>(new Set());

export type TrainResult = { ok: true; modelName: string } | { ok: false; message: string };

export async function startTraining(
  accountId: string,
  datasetId: string,
  name: string,
  input: SettingsInput,
): Promise<TrainResult> {
  const key = `${accountId}:${datasetId}`;
  if (starting.value.has(key)) return { ok: false, message: 'A training is already starting.' };
  const checked = checkSettings(input);
  if (!checked.ok) return { ok: false, message: 'Fix the advanced settings first.' };
  starting.value = new Set([...starting.value, key]);
  try {
    const started = await sendMessage('startTraining', {
      accountId,
      datasetId,
      name,
      settings: checked.settings,
    });
    return { ok: true, modelName: started.modelName };
  } catch (error) {
    return { ok: false, message: failureMessage(error, 'The training could not be started.') };
  } finally {
    const next = new Set(starting.value);
    next.delete(key);
    starting.value = next;
  }
}
