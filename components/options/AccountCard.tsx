import { useSignal } from '@preact/signals';
import { sendMessage } from '../../utils/messaging/channel';
import { type Account, snapshotOf } from '../../utils/storage/items';
import { messageOf, KeyForm } from './KeyForm';
import { attempt, countsOf, optionsState } from './model';
import { Problem } from './Problem';
import { keyWorksSentence } from './words';

/** One account: its label and status, and renaming, replacing its key, removing it. */
export function AccountCard({ account }: { account: Account }) {
  const action = useSignal<'none' | 'rename' | 'replace' | 'remove'>('none');
  const newLabel = useSignal(account.label);
  const problem = useSignal('');
  const snapshot = snapshotOf(optionsState.snapshots.value, account.id);
  const status = snapshot.error
    ? { tone: 'error', text: messageOf(snapshot.error) }
    : snapshot.checkedAt === null
      ? { tone: 'info', text: 'Checking its models…' }
      : { tone: 'ok', text: keyWorksSentence(countsOf(account.id)) };
  const headingId = `account-${account.id}`;

  const actions: { id: 'rename' | 'replace' | 'remove'; label: string; aria: string }[] = [
    { id: 'rename', label: 'Rename', aria: `Rename ${account.label}` },
    { id: 'replace', label: 'Replace key', aria: `Replace key of ${account.label}` },
    { id: 'remove', label: 'Remove', aria: `Remove ${account.label}` },
  ];

  // Every card the same: its label (whole on hover), which key it holds (the last four
  // characters, stored when the key was saved: the page never reads a key), its status, and the
  // same three actions in the same place.
  return (
    <article class="account" aria-labelledby={headingId}>
      <div class="account-head">
        <h3 id={headingId} title={account.label}>
          {account.label}
        </h3>
        {account.keyHint && (
          <span class="key-hint" title="The last four characters of the key this account uses">
            key <code>····{account.keyHint}</code>
          </span>
        )}
      </div>
      <p class={`message ${status.tone}`} role="status">
        {status.text}
      </p>
      <div class="row account-actions">
        {actions.map((a) => (
          <button
            key={a.id}
            type="button"
            class={`button${a.id === 'remove' ? ' danger' : ''}`}
            aria-label={a.aria}
            aria-pressed={action.value === a.id}
            onClick={() => {
              newLabel.value = account.label;
              action.value = action.value === a.id ? 'none' : a.id;
            }}
          >
            {a.label}
          </button>
        ))}
      </div>
      <Problem text={problem.value} />
      {action.value === 'rename' && (
        <form
          class="row"
          onSubmit={(event) => {
            event.preventDefault();
            void attempt(problem, () =>
              sendMessage('renameAccount', { id: account.id, label: newLabel.value }),
            ).then((ok) => ok && (action.value = 'none'));
          }}
        >
          <label class="visually-hidden" for={`rename-${account.id}`}>
            New label
          </label>
          <input
            id={`rename-${account.id}`}
            type="text"
            maxLength={40}
            value={newLabel.value}
            onInput={(event) => (newLabel.value = event.currentTarget.value)}
          />
          <button type="submit" class="button primary">
            Save label
          </button>
          <button type="button" class="button" onClick={() => (action.value = 'none')}>
            Cancel
          </button>
        </form>
      )}
      {action.value === 'replace' && (
        <KeyForm
          autoFocus
          accountId={account.id}
          withLabel={false}
          onDone={() => (action.value = 'none')}
          onCancel={() => (action.value = 'none')}
        />
      )}
      {action.value === 'remove' && (
        <div class="confirm" role="group" aria-label="Confirm removal">
          <p>Remove {account.label}: its key, and the lists fetched with it, from this browser?</p>
          <div class="row">
            <button
              type="button"
              class="button danger"
              onClick={() =>
                void attempt(problem, () => sendMessage('removeAccount', { id: account.id }))
              }
            >
              Remove
            </button>
            <button type="button" class="button" onClick={() => (action.value = 'none')}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </article>
  );
}
