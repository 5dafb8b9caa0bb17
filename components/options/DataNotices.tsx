import { useSignal } from '@preact/signals';
import { sendMessage } from '../../utils/messaging/channel';
import { SCHEMA_VERSION } from '../../utils/storage/items';
import { attempt, optionsState } from './model';
import { Problem } from './Problem';

/**
 * What the background found in the saved data, said once: data written by a newer version of
 * Model Watch (after a rollback), an upgrade that could not finish, and damaged items it repaired.
 */
export function DataNotices() {
  const { newerLayout, migrationError, storageReport } = optionsState;
  const problem = useSignal('');
  const report = storageReport.value;
  return (
    <>
      {newerLayout.value !== null && (
        <div class="message warn" role="alert">
          <strong>Your saved data comes from a newer version of Model Watch</strong> (layout{' '}
          {newerLayout.value}; this version knows {SCHEMA_VERSION}). It reads your keys and accounts
          as far as it can and leaves them exactly as they are, so nothing is lost when you update
          again. Until then, keys and accounts cannot be changed here.
        </div>
      )}
      {migrationError.value && (
        <div class="message error" role="alert">
          {migrationError.value.message}{' '}
          <button
            type="button"
            class="button link"
            onClick={() => void attempt(problem, () => sendMessage('retryMigration'))}
          >
            Try again
          </button>
        </div>
      )}
      {report.length > 0 && (
        <div class="message warn repair-report" role="status">
          <p>
            <strong>Model Watch found damaged saved data and repaired it.</strong> Your API keys
            were kept.
          </p>
          <ul>
            {report.map((r, i) => (
              <li key={i}>
                {r.what.charAt(0).toUpperCase() + r.what.slice(1)}: {r.problem}.
              </li>
            ))}
          </ul>
          <button
            type="button"
            class="button"
            onClick={() => void attempt(problem, () => sendMessage('dismissStorageReport'))}
          >
            OK
          </button>
        </div>
      )}
      <Problem text={problem.value} />
    </>
  );
}
