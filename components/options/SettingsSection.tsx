import { useSignal } from '@preact/signals';
import { browser } from 'wxt/browser';
import { sendMessage } from '../../utils/messaging/channel';
import { INTERVAL_BOUNDS, type Settings } from '../../utils/storage/settings';
import { attempt, optionsState } from './model';
import { Problem } from './Problem';

type IntervalKey = keyof typeof INTERVAL_BOUNDS;

function IntervalField(props: {
  id: IntervalKey;
  label: string;
  save: (changes: Partial<Settings>) => Promise<boolean>;
}) {
  const { min, max } = INTERVAL_BOUNDS[props.id];
  const stored = optionsState.settings.value[props.id];
  const draft = useSignal<string | null>(null);
  const problem = useSignal('');

  async function commit(text: string) {
    const value = Number(text);
    if (text.trim() === '' || !Number.isInteger(value) || value < min || value > max) {
      problem.value = `Enter a whole number of minutes from ${min} to ${max}.`;
      return;
    }
    problem.value = '';
    if (await props.save({ [props.id]: value })) draft.value = null;
  }

  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <div class="row">
        <input
          id={props.id}
          type="number"
          inputMode="numeric"
          min={min}
          max={max}
          step={1}
          aria-invalid={problem.value !== ''}
          aria-describedby={`${props.id}-help`}
          value={draft.value ?? String(stored)}
          onInput={(event) => (draft.value = event.currentTarget.value)}
          onChange={(event) => void commit(event.currentTarget.value)}
        />
        <span>minutes</span>
      </div>
      <p id={`${props.id}-help`} class={problem.value ? 'message error' : 'hint'}>
        {problem.value || `From ${min} to ${max}.`}
      </p>
    </div>
  );
}

/** Refresh pace, badge and notification settings, each saved as soon as it changes. */
export function SettingsSection() {
  const settings: Settings = optionsState.settings.value;
  const status = useSignal('');
  const problem = useSignal('');

  async function save(changes: Partial<Settings>): Promise<boolean> {
    const saved = await attempt(problem, () => sendMessage('saveSettings', changes));
    status.value = saved ? 'Saved.' : '';
    return saved;
  }

  async function toggleNotifications(box: HTMLInputElement) {
    if (!box.checked) return save({ notify: false });
    // Asked here, in the click, because browsers only grant permissions to a user gesture.
    const granted = await browser.permissions.request({ permissions: ['notifications'] });
    if (granted) return save({ notify: true });
    box.checked = false;
    status.value = '';
    problem.value = 'Notifications need your browser’s permission, which was not given.';
  }

  return (
    <section class="card" aria-labelledby="settings-heading">
      <h2 id="settings-heading">Settings</h2>
      <IntervalField
        id="activeMinutes"
        label="Check interval while a model is being created or trained"
        save={save}
      />
      <IntervalField id="idleMinutes" label="Check interval when nothing is training" save={save} />
      <div class="field">
        <label class="check">
          <input
            type="checkbox"
            checked={settings.countCreating}
            onChange={(event) => void save({ countCreating: event.currentTarget.checked })}
          />
          The badge also counts models being created (not only those training)
        </label>
      </div>
      <div class="field">
        <label class="check">
          <input
            type="checkbox"
            checked={settings.notify}
            onChange={(event) => void toggleNotifications(event.currentTarget)}
          />
          Notify me when one of my models finishes training or fails
        </label>
      </div>
      <p class="hint" role="status" aria-live="polite">
        {status.value}
      </p>
      <Problem text={problem.value} />
    </section>
  );
}
