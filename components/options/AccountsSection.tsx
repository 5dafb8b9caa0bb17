import { useSignal } from '@preact/signals';
import { accountLabel } from '../../utils/accounts/labels';
import { sendMessage } from '../../utils/messaging/channel';
import { AccountCard } from './AccountCard';
import { DataNotices } from './DataNotices';
import { KeyForm } from './KeyForm';
import { attempt, optionsState } from './model';
import { Problem } from './Problem';

export const KEY_PAGE_URL = 'https://ideogram.ai/manage-api';

/**
 * The keys: one account per key (personal, a team's, a client's), each checked when saved. Also
 * where a failed update of older stored data is reported, and where sample data is offered.
 */
export function AccountsSection() {
  const { mode, keyAccounts } = optionsState;
  const accounts = keyAccounts.value;
  const adding = useSignal(false);
  const problem = useSignal('');
  // A key being typed stays, even when another tab saves the first account meanwhile.
  const typing = useSignal(false);
  const showForm = accounts.length === 0 || adding.value || typing.value;
  return (
    <section class="card" aria-labelledby="key-heading">
      <h2 id="key-heading">
        {accounts.length === 0
          ? 'Connect to Ideogram'
          : accounts.length > 1
            ? 'Accounts'
            : 'Account'}
      </h2>
      <p class="muted">
        Model Watch reads your custom models and datasets with an Ideogram API key. Find or create
        one on{' '}
        <a href={KEY_PAGE_URL} target="_blank" rel="noreferrer">
          Ideogram’s API page
        </a>
        . Add several (your own, a team’s, a client’s) to watch them side by side.
      </p>

      <DataNotices />

      {accounts.map((account) => (
        <AccountCard key={account.id} account={account} />
      ))}

      {showForm ? (
        <div class="add-account">
          {accounts.length > 0 && <h3>Add an account</h3>}
          <KeyForm
            autoFocus={accounts.length === 0 || adding.value}
            withLabel={accounts.length > 0 || adding.value}
            defaultLabel={accountLabel('', accounts)}
            onDone={() => (adding.value = false)}
            onDraft={(typed) => (typing.value = typed)}
            {...(accounts.length > 0 ? { onCancel: () => (adding.value = false) } : {})}
          />
        </div>
      ) : (
        <p>
          <button type="button" class="button" onClick={() => (adding.value = true)}>
            Add another key
          </button>
        </p>
      )}

      {mode.value === 'none' && (
        <p class="sample-offer">
          No key at hand?{' '}
          <button
            type="button"
            class="button"
            onClick={() => void attempt(problem, () => sendMessage('startSample'))}
          >
            Try with sample data
          </button>
        </p>
      )}
      {mode.value === 'sample' && (
        <p class="message info">
          <span class="sample-tag">Sample data</span> Model Watch is showing a built-in sample
          account; nothing is fetched from Ideogram. Saving a key ends it.{' '}
          <button
            type="button"
            class="button link"
            onClick={() => void attempt(problem, () => sendMessage('stopSample'))}
          >
            Stop sample data
          </button>
        </p>
      )}

      <Problem text={problem.value} />

      <details class="what-happens">
        <summary>What Model Watch does with your keys</summary>
        <ul>
          <li>
            They are kept only in this browser’s local extension storage: never synced to your
            browser account, never in any page.
          </li>
          <li>
            Each is sent only to <code>https://api.ideogram.ai</code>, as the <code>Api-Key</code>{' '}
            header, to read that account’s models and datasets. Nothing is ever created, changed or
            deleted.
          </li>
          <li>
            They never appear in logs, error messages or the toolbar button, and nothing is sent to
            anyone else.
          </li>
          <li>Removing an account forgets its key at once, with everything fetched with it.</li>
        </ul>
      </details>
    </section>
  );
}
