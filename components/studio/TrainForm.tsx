import { useSignal } from '@preact/signals';
import { useRef } from 'preact/hooks';
import { TRAINING_BASES } from '../../utils/api/limits';
import type { TrainingBase } from '../../utils/api/types';
import {
  checkSettings,
  imageCountProblem,
  modelNameProblem,
  type SettingsInput,
} from '../../utils/studio/rules';
import { imagesInDataset } from './model/detail';
import { account, dataset } from './model/route';
import {
  checking,
  checkStart,
  doubts,
  EMPTY_SETTINGS,
  starting,
  startTraining,
} from './model/training';
import { AdvancedSettings, BaseChoice, baseFor } from './TrainSettings';

/** A time of today as the browser's clock shows it: `10:02`. */
const clock = (at: number) =>
  new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/**
 * Train a model from the dataset: a name checked as Ideogram checks it, optional advanced
 * settings (empty: Ideogram's default, shown), a confirmation that it is billed, and one start at
 * a time.
 */
export function TrainForm() {
  const a = account.value!;
  const d = dataset.value!;
  const name = useSignal('');
  const settings = useSignal<SettingsInput>(EMPTY_SETTINGS);
  const nameProblem = useSignal<string | null>(null);
  const result = useSignal<{ ok: boolean; text: string } | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const count = imagesInDataset.value;
  const countProblem = count === null ? null : imageCountProblem(count);
  // What was clicked here, else what was chosen last for the dataset: the form, the request and
  // the confirmation all follow the radio shown.
  const chosen = useSignal<{ key: string; base: TrainingBase } | null>(null);
  const base = chosen.value?.key === `${a.id}:${d.id}` ? chosen.value.base : baseFor(a.id, d.id);
  const checked = checkSettings(settings.value, base);
  const key = `${a.id}:${d.id}`;
  const isChecking = checking.value.has(key);
  const busy = starting.value.has(key) || isChecking;
  const doubt = doubts.value.get(key);
  const unsure = doubt?.outcome === 'unsure' ? doubt : null;
  const found = doubt?.outcome === 'found' ? doubt : null;

  const ask = (event: Event) => {
    event.preventDefault();
    if (busy) return;
    nameProblem.value = modelNameProblem(name.value);
    if (nameProblem.value || countProblem || !checked.ok) return;
    dialog.current?.showModal();
  };
  const start = async () => {
    dialog.current?.close();
    if (busy) return;
    result.value = null;
    const started = await startTraining(
      a.id,
      d.id,
      name.value.trim(),
      base,
      settings.value,
      unsure !== null,
    );
    if (started.ok === 'held') return;
    result.value =
      started.ok === true
        ? {
            ok: true,
            text: `Training “${started.modelName}” started. It is listed in Model Watch as Creating, then Training; you are told when it finishes.`,
          }
        : { ok: false, text: started.message };
    if (started.ok === true) name.value = '';
  };

  return (
    <section aria-labelledby="train-title" class="panel train">
      <h3 id="train-title">Train a model</h3>
      <form onSubmit={ask} noValidate>
        <label for="model-name">Model name</label>
        <input
          id="model-name"
          type="text"
          maxLength={40}
          value={name.value}
          aria-invalid={nameProblem.value !== null}
          aria-describedby="model-name-hint model-name-problem"
          onInput={(e) => {
            name.value = e.currentTarget.value;
            if (nameProblem.value) nameProblem.value = modelNameProblem(name.value);
          }}
        />
        <p id="model-name-hint" class="muted">
          5 to 30 characters: letters, digits, spaces and hyphens.
        </p>
        <p id="model-name-problem" class="message error">
          {nameProblem.value ?? ''}
        </p>
        <BaseChoice
          accountId={a.id}
          datasetId={d.id}
          base={base}
          choose={(next) => (chosen.value = { key: `${a.id}:${d.id}`, base: next })}
        />
        <AdvancedSettings base={base} settings={settings} checked={checked} />
        {countProblem && <p class="message warn">{countProblem}</p>}
        {unsure && (
          <div class="message warn doubt" role="alert">
            <p>
              The start of “{unsure.name}” at {clock(unsure.at)} may have gone through: no model of
              that name is listed yet. It can take a minute to appear; starting again may bill a
              second training.
            </p>
            <button
              type="button"
              class="button"
              aria-disabled={isChecking}
              onClick={() => void checkStart(a.id, d.id)}
            >
              Look again
            </button>
          </div>
        )}
        {found && (
          <p class="message ok" role="status">
            “{found.modelName}” did start: it is listed in Model Watch, which tells you when it
            finishes. Nothing more was sent.
          </p>
        )}
        <button
          type="submit"
          class="button primary"
          aria-disabled={busy || countProblem !== null || !checked.ok}
        >
          {isChecking
            ? 'Checking whether the training started…'
            : busy
              ? 'Starting training…'
              : unsure
                ? 'Start again…'
                : 'Start training…'}
        </button>
      </form>
      {result.value && (
        <p
          class={`message ${result.value.ok ? 'ok' : 'error'}`}
          role={result.value.ok ? 'status' : 'alert'}
        >
          {result.value.text}
        </p>
      )}
      <dialog ref={dialog} aria-labelledby="confirm-title" class="confirm">
        <h3 id="confirm-title">
          {unsure ? 'Start a second training?' : `Start training “${name.value.trim()}”?`}
        </h3>
        {unsure && (
          <p>
            The start of “{unsure.name}” at {clock(unsure.at)} may already be training, and billed.
            Starting “{name.value.trim()}” now may bill a second training.
          </p>
        )}
        <p>
          {a.sample
            ? 'Sample data: the training is simulated, and nothing is billed.'
            : `Training is billed to the Ideogram account of “${a.label}”.`}{' '}
          It trains on {TRAINING_BASES[base].label} with the {count ?? ''} images of “{d.name}” and
          takes from about an hour to most of a day.
        </p>
        <div class="dialog-actions">
          <button type="button" class="button" onClick={() => dialog.current?.close()}>
            Cancel
          </button>
          <button type="button" class="button primary" onClick={() => void start()}>
            {unsure ? 'Start a second training' : 'Start training'}
          </button>
        </div>
      </dialog>
    </section>
  );
}
