import type { Signal } from '@preact/signals';
import { TRAINING_BASES, TRAINING_DEFAULTS, TRAINING_LIMITS } from '../../utils/api/limits';
import type { TrainingBase } from '../../utils/api/types';
import { sendMessage } from '../../utils/messaging/channel';
import type { SettingsCheck, SettingsInput } from '../../utils/studio/rules';
import { baseChoices } from './model/route';

// The training form's choice of base (Ideogram 4.0 or 3.0, remembered per dataset) and the
// advanced settings the chosen base's endpoint documents, with their defaults and limits.

/** The base a new dataset's form starts on: the newest family (see the README's reasons). */
export const DEFAULT_BASE: TrainingBase = 'v4';

/** The base chosen for a dataset: the one chosen last, else the default. */
export const baseFor = (accountId: string, datasetId: string): TrainingBase =>
  baseChoices.value[`${accountId}:${datasetId}`] ?? DEFAULT_BASE;

/** Ideogram 4.0 documents no default for these: the field says the trainer picks. */
const UNDOCUMENTED = 'Ideogram’s default';

const FIELDS: {
  key: Exclude<keyof SettingsInput, 'batchSize'>;
  label: string;
  hint: string;
  placeholder: (base: TrainingBase) => string;
  step: string;
}[] = [
  {
    key: 'trainingSteps',
    label: 'Training steps',
    hint: '100 to 10,000, in hundreds',
    placeholder: () => String(TRAINING_DEFAULTS.trainingSteps),
    step: '100',
  },
  {
    key: 'loraRank',
    label: 'LoRA rank',
    hint: '64 or 128; higher holds more, trains longer',
    placeholder: () => String(TRAINING_DEFAULTS.loraRank),
    step: '64',
  },
  {
    key: 'ema',
    label: 'EMA decay',
    hint: 'between 0 and 1, usually 0.99 to 0.9999',
    placeholder: (base) => (base === 'v4' ? UNDOCUMENTED : String(TRAINING_DEFAULTS.ema)),
    step: 'any',
  },
  {
    key: 'learningRate',
    label: 'Learning rate',
    hint: 'above 0, usually 0.00001 to 0.0001',
    placeholder: (base) => (base === 'v4' ? UNDOCUMENTED : String(TRAINING_DEFAULTS.learningRate)),
    step: 'any',
  },
];

/**
 * Ideogram 4.0 or 3.0, as radio buttons. The form follows the choice at once (`choose`); it is
 * also remembered for the dataset, best effort.
 */
export function BaseChoice(props: {
  accountId: string;
  datasetId: string;
  base: TrainingBase;
  choose: (base: TrainingBase) => void;
}) {
  return (
    <fieldset class="base-choice">
      <legend>Base model</legend>
      {(['v4', 'v3'] as const).map((base) => (
        <label key={base} class="check">
          <input
            type="radio"
            name="training-base"
            value={base}
            checked={props.base === base}
            onChange={() => {
              props.choose(base);
              void sendMessage('chooseTrainingBase', {
                accountId: props.accountId,
                datasetId: props.datasetId,
                base,
              }).catch(() => {});
            }}
          />
          <span>
            <strong>{TRAINING_BASES[base].label}</strong>
            <span class="muted">
              {base === 'v4'
                ? ' · the newest; its models generate at a resolution (1K or 2K)'
                : ' · its models generate at an aspect ratio, like those trained before 4.0'}
            </span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

/** The advanced settings of the chosen base; empty fields take Ideogram's defaults. */
export function AdvancedSettings(props: {
  base: TrainingBase;
  settings: Signal<SettingsInput>;
  checked: SettingsCheck;
}) {
  const { base, settings, checked } = props;
  const problemOf = (key: keyof SettingsInput) => (checked.ok ? undefined : checked.problems[key]);
  const batchProblem = problemOf('batchSize');
  return (
    <details>
      <summary>Advanced settings (optional)</summary>
      <p class="muted">
        Leave a field empty for Ideogram’s default, shown in it. These are the settings{' '}
        {TRAINING_BASES[base].label}’s advanced training documents.
      </p>
      <div class="settings-grid">
        {FIELDS.map((f) => {
          const problem = problemOf(f.key);
          return (
            <div key={f.key} class="setting">
              <label for={`setting-${f.key}`}>{f.label}</label>
              <input
                id={`setting-${f.key}`}
                type="number"
                inputMode="decimal"
                step={f.step}
                placeholder={f.placeholder(base)}
                value={settings.value[f.key]}
                aria-invalid={problem !== undefined}
                aria-describedby={`setting-${f.key}-hint`}
                onInput={(e) =>
                  (settings.value = { ...settings.value, [f.key]: e.currentTarget.value })
                }
              />
              <span id={`setting-${f.key}-hint`} class={problem ? 'message error' : 'muted'}>
                {problem ?? f.hint}
              </span>
            </div>
          );
        })}
        {base === 'v4' && (
          <div class="setting">
            <label for="setting-batchSize">Batch size</label>
            <select
              id="setting-batchSize"
              value={settings.value.batchSize}
              aria-invalid={batchProblem !== undefined}
              aria-describedby="setting-batchSize-hint"
              onChange={(e) =>
                (settings.value = { ...settings.value, batchSize: e.currentTarget.value })
              }
            >
              <option value="">Let the trainer choose</option>
              {TRAINING_LIMITS.batchSizes.map((size) => (
                <option key={size} value={String(size)}>
                  {size}
                </option>
              ))}
            </select>
            <span id="setting-batchSize-hint" class={batchProblem ? 'message error' : 'muted'}>
              {batchProblem ?? 'images per step; larger is faster per image, needs more memory'}
            </span>
          </div>
        )}
      </div>
    </details>
  );
}
