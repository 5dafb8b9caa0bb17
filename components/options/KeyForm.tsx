import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import type { ApiFailure } from '../../utils/api/errors';
import { failureMessage, sendMessage } from '../../utils/messaging/channel';
import type { SaveKeyResult } from '../../utils/messaging/protocol';

type Feedback =
  | { tone: 'ok' | 'info'; text: string }
  | {
      tone: 'error';
      text: string;
      /** The check failed: offer to keep the key anyway. */ canKeep: boolean;
    };

export function messageOf(error: ApiFailure): string {
  return error.kind === 'unauthorized'
    ? 'Ideogram rejected this key. Check that you copied all of it, or create a new one on Ideogram’s API page.'
    : error.message;
}

function feedbackFor(result: SaveKeyResult): Feedback | null {
  if (result.saved) {
    // "Key works: …" is the account's status line; this only adds what was cleaned up.
    const note = result.note ? ` ${result.note}` : '';
    if (result.check) return note ? { tone: 'info', text: note.trim() } : null;
    return { tone: 'info', text: `Key saved without a check.${note}` };
  }
  if ('problem' in result) return { tone: 'error', text: result.problem, canKeep: false };
  return { tone: 'error', text: messageOf(result.error), canKeep: true };
}

/**
 * Paste a key, show or hide it, save it (checked by the background), keep it anyway when the check
 * fails. For a new account (with an optional label) or a new key for `accountId`.
 */
export function KeyForm(props: {
  /** Set when replacing the key of this account. */
  accountId?: string;
  /** Ask for a label (adding an account). */
  withLabel: boolean;
  /** The label field's placeholder: the name an empty label will get. */
  defaultLabel?: string;
  onDone?: (result: Extract<SaveKeyResult, { saved: true }>) => void;
  onCancel?: () => void;
  /** Put the cursor in the key field (first run, and replacing a key). */
  autoFocus?: boolean;
  /** Told whenever the key field becomes empty or not (so a page keeps a half-typed form). */
  onDraft?: (typed: boolean) => void;
}) {
  const draft = useSignal('');
  const label = useSignal('');
  const shown = useSignal(false);
  const busy = useSignal(false);
  const feedback = useSignal<Feedback | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const idPart = props.accountId ?? 'new';
  useEffect(() => {
    if (props.autoFocus) input.current?.focus();
  }, []);
  const typed = draft.value.trim() !== '';
  useEffect(() => props.onDraft?.(typed), [typed]);

  async function save(check: boolean) {
    busy.value = true;
    feedback.value = check ? { tone: 'info', text: 'Checking the key with Ideogram…' } : null;
    try {
      const result = await sendMessage('saveKey', {
        key: draft.value,
        check,
        ...(props.withLabel ? { label: label.value } : {}),
        ...(props.accountId ? { accountId: props.accountId } : {}),
      });
      feedback.value = feedbackFor(result);
      if (result.saved) {
        // The key now lives in the background's storage only; the page lets go of it.
        draft.value = '';
        label.value = '';
        shown.value = false;
        props.onDone?.(result);
      } else {
        input.current?.focus();
      }
    } catch (error) {
      const text = failureMessage(error, 'Model Watch could not save the key.');
      feedback.value = { tone: 'error', text, canKeep: false };
    } finally {
      busy.value = false;
    }
  }

  return (
    <div class="key-form">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void save(true);
        }}
      >
        {props.withLabel && (
          <div class="field">
            <label for={`label-${idPart}`}>Label</label>
            <input
              id={`label-${idPart}`}
              type="text"
              maxLength={40}
              placeholder={props.defaultLabel}
              autocomplete="off"
              value={label.value}
              onInput={(event) => (label.value = event.currentTarget.value)}
            />
          </div>
        )}
        <div class="field">
          <label for={`key-${idPart}`}>API key</label>
          <div class="row">
            <input
              ref={input}
              id={`key-${idPart}`}
              class="key-input"
              // Preact's types want one literal; the attribute itself switches between the two.
              type={(shown.value ? 'text' : 'password') as 'text'}
              autocomplete="off"
              spellcheck={false}
              aria-describedby={`feedback-${idPart}`}
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
            {props.onCancel && (
              <button
                type="button"
                class="button"
                onClick={() => {
                  draft.value = '';
                  props.onDraft?.(false);
                  props.onCancel?.();
                }}
              >
                Cancel
              </button>
            )}
          </div>
        </div>
      </form>
      <div id={`feedback-${idPart}`} role="status" aria-live="polite">
        {feedback.value && <p class={`message ${feedback.value.tone}`}>{feedback.value.text}</p>}
      </div>
      {feedback.value?.tone === 'error' && feedback.value.canKeep && (
        <div class="row">
          <button type="button" class="button" disabled={busy.value} onClick={() => save(false)}>
            Keep this key anyway
          </button>
          <button type="button" class="button" onClick={() => input.current?.focus()}>
            Edit the key
          </button>
        </div>
      )}
    </div>
  );
}
