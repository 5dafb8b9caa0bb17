import { useSignal } from '@preact/signals';
import { useRef } from 'preact/hooks';
import type { ApiFailure } from '../../utils/api/errors';
import { MessageError, sendMessage } from '../../utils/messaging';
import type { SaveKeyResult } from '../../utils/protocol';
import { optionsState } from './model';
import { keyWorksSentence } from './words';

export const KEY_PAGE_URL = 'https://ideogram.ai/manage-api';

type Feedback =
  | { tone: 'ok' | 'info'; text: string }
  | {
      tone: 'error';
      text: string;
      /** The check failed: offer to keep the key anyway. */ canKeep: boolean;
    };

function feedbackFor(result: SaveKeyResult): Feedback | null {
  if (result.saved) {
    // "Key works: …" is the saved key's status line; this only adds what was cleaned up.
    const note = result.note ? ` ${result.note}` : '';
    if (result.check) return note ? { tone: 'info', text: note.trim() } : null;
    return { tone: 'info', text: `Key saved without a check.${note}` };
  }
  if ('problem' in result) return { tone: 'error', text: result.problem, canKeep: false };
  return { tone: 'error', text: messageOf(result.error), canKeep: true };
}

function messageOf(error: ApiFailure): string {
  return error.kind === 'unauthorized'
    ? 'Ideogram rejected this key. Check that you copied all of it, or create a new one on Ideogram’s API page.'
    : error.message;
}

/** The key form: paste, show or hide, save (checked by the background), keep anyway, remove. */
export function KeySection() {
  const { connection, snapshot, counts } = optionsState;
  const draft = useSignal('');
  const shown = useSignal(false);
  const busy = useSignal(false);
  const feedback = useSignal<Feedback | null>(null);
  const replacing = useSignal(false);
  const confirmingRemove = useSignal(false);
  const input = useRef<HTMLInputElement>(null);

  async function save(check: boolean) {
    busy.value = true;
    feedback.value = check ? { tone: 'info', text: 'Checking the key with Ideogram…' } : null;
    try {
      const result = await sendMessage('saveKey', { key: draft.value, check });
      feedback.value = feedbackFor(result);
      if (result.saved) {
        // The key now lives in the background's storage only; the page lets go of it.
        draft.value = '';
        shown.value = false;
        replacing.value = false;
      } else {
        input.current?.focus();
      }
    } catch (error) {
      const text =
        error instanceof MessageError ? error.message : 'Model Watch could not save the key.';
      feedback.value = { tone: 'error', text, canKeep: false };
    } finally {
      busy.value = false;
    }
  }

  async function remove() {
    busy.value = true;
    try {
      await sendMessage('removeKey');
      feedback.value = { tone: 'info', text: 'Key removed, with everything fetched with it.' };
    } finally {
      busy.value = false;
      confirmingRemove.value = false;
    }
  }

  const mode = connection.value.mode;
  const hasKey = mode === 'key';
  const showForm = !hasKey || replacing.value;
  const current = snapshot.value;
  const status = current.error
    ? { tone: 'error', text: messageOf(current.error) }
    : current.checkedAt === null
      ? { tone: 'info', text: 'Checking your models…' }
      : { tone: 'ok', text: keyWorksSentence(counts.value) };

  return (
    <section class="card" aria-labelledby="key-heading">
      <h2 id="key-heading">API key</h2>
      <p class="muted">
        Model Watch reads your custom models and datasets with an Ideogram API key. Find or create
        one on{' '}
        <a href={KEY_PAGE_URL} target="_blank" rel="noreferrer">
          Ideogram’s API page
        </a>
        .
      </p>

      {hasKey && !replacing.value && (
        <div class="saved-key">
          <p>
            <strong>A key is saved.</strong>
          </p>
          <p class={`message ${status.tone}`} role="status">
            {status.text}
          </p>
          <div class="row">
            <button type="button" class="button" onClick={() => (replacing.value = true)}>
              Replace key
            </button>
            {!confirmingRemove.value && (
              <button
                type="button"
                class="button danger"
                onClick={() => (confirmingRemove.value = true)}
              >
                Remove key
              </button>
            )}
          </div>
          {confirmingRemove.value && (
            <div class="confirm" role="group" aria-label="Confirm removal">
              <p>Remove the key, and the lists fetched with it, from this browser?</p>
              <div class="row">
                <button type="button" class="button danger" disabled={busy.value} onClick={remove}>
                  Remove
                </button>
                <button
                  type="button"
                  class="button"
                  onClick={() => (confirmingRemove.value = false)}
                >
                  Cancel
                </button>
              </div>
            </div>
          )}
        </div>
      )}

      {showForm && (
        <form
          class="key-form"
          onSubmit={(event) => {
            event.preventDefault();
            void save(true);
          }}
        >
          <label for="api-key">API key</label>
          <div class="row">
            <input
              ref={input}
              id="api-key"
              name="api-key"
              // Preact's types want one literal; the attribute itself switches between the two.
              type={(shown.value ? 'text' : 'password') as 'text'}
              autocomplete="off"
              spellcheck={false}
              aria-describedby="key-feedback"
              aria-invalid={feedback.value?.tone === 'error'}
              value={draft.value}
              onInput={(event) => (draft.value = event.currentTarget.value)}
            />
            <button
              type="button"
              class="button"
              aria-pressed={shown.value}
              onClick={() => (shown.value = !shown.value)}
            >
              {shown.value ? 'Hide' : 'Show'}
            </button>
            <button type="submit" class="button primary" disabled={busy.value}>
              Save
            </button>
            {replacing.value && (
              <button type="button" class="button" onClick={() => (replacing.value = false)}>
                Cancel
              </button>
            )}
          </div>
        </form>
      )}

      <div id="key-feedback" role="status" aria-live="polite">
        {feedback.value && <p class={`message ${feedback.value.tone}`}>{feedback.value.text}</p>}
      </div>
      {feedback.value?.tone === 'error' && feedback.value.canKeep && showForm && (
        <div class="row">
          <button type="button" class="button" disabled={busy.value} onClick={() => save(false)}>
            Keep this key anyway
          </button>
          <button type="button" class="button" onClick={() => input.current?.focus()}>
            Edit the key
          </button>
        </div>
      )}

      {mode === 'none' && (
        <p class="sample-offer">
          No key at hand?{' '}
          <button type="button" class="button" onClick={() => sendMessage('startSample')}>
            Try with sample data
          </button>
        </p>
      )}
      {mode === 'sample' && (
        <p class="message info">
          <span class="sample-tag">Sample data</span> Model Watch is showing a built-in sample
          account; nothing is fetched from Ideogram. Saving a key ends it.{' '}
          <button type="button" class="button link" onClick={() => sendMessage('stopSample')}>
            Stop sample data
          </button>
        </p>
      )}

      <details class="what-happens">
        <summary>What Model Watch does with your key</summary>
        <ul>
          <li>
            It is kept only in this browser’s local extension storage: never synced to your browser
            account, never in any page.
          </li>
          <li>
            It is sent only to <code>https://api.ideogram.ai</code>, as the <code>Api-Key</code>{' '}
            header, to read your models and datasets. Nothing is ever created, changed or deleted.
          </li>
          <li>
            It never appears in logs, error messages or the toolbar button, and nothing is sent to
            anyone else.
          </li>
          <li>Remove key forgets it at once, with everything fetched with it.</li>
        </ul>
      </details>
    </section>
  );
}
