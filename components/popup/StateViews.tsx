import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { Account } from '../../utils/storage/items';
import type { SnapshotError } from '../../utils/storage/snapshot';
import { timeAgo } from '../../utils/words/format';
import { openOptions, refresh } from './actions';
import { waitWords } from '../../utils/words/wait';
import { useWaitClock } from './Header';
import { announcement, checkedAt, multiAccount, now, refreshing } from './model';

// The popup's states besides the lists: each sized to its content, each saying what to do next.

const DOCS_URL = 'https://developer.ideogram.ai/api-reference/api-reference/train-model';

export interface AccountError {
  account: Account;
  error: SnapshotError;
}

/** What to do about the errors, as a button: fix a key, or try again (nothing while offline). */
function ErrorAction({ errors }: { errors: AccountError[] }) {
  const wait = useWaitClock();
  if (errors.some((e) => e.error.kind === 'unauthorized')) {
    return (
      <button type="button" class="button small" onClick={openOptions}>
        {errors.length > 1 || multiAccount.value
          ? 'Check the keys in Options'
          : 'Check the key in Options'}
      </button>
    );
  }
  if (errors.every((e) => e.error.kind === 'offline')) return null;
  return (
    <button
      type="button"
      class={`button small${wait ? ' waiting' : ''}`}
      aria-disabled={refreshing.value || wait !== null}
      title={wait ? waitWords(wait.until) : undefined}
      onClick={() => void refresh(true)}
    >
      {wait ? `Try again in ${wait.left}` : 'Try again'}
    </button>
  );
}

/** Each failing account's message, named when there are several accounts. */
function ErrorLines({ errors }: { errors: AccountError[] }) {
  if (!multiAccount.value) return <>{errors[0]?.error.message}</>;
  if (errors.length === 1) {
    const { account, error } = errors[0]!;
    return (
      <>
        <strong title={account.label}>{account.label}:</strong> {error.message}
      </>
    );
  }
  return (
    <ul>
      {errors.map(({ account, error }) => (
        <li key={account.id}>
          <strong title={account.label}>{account.label}:</strong> {error.message}
        </li>
      ))}
    </ul>
  );
}

/** Over the last good list: what went wrong, and how old the list is. */
export function ErrorBanner({ errors }: { errors: AccountError[] }) {
  const checked = checkedAt.value;
  const age = checked === null ? '' : `Showing the list from ${timeAgo(checked, now.value)}.`;
  const offline = errors.every((e) => e.error.kind === 'offline');
  return (
    <div class={`banner ${offline ? 'offline' : 'error'}`} role="alert">
      <div class="banner-text">
        <ErrorLines errors={errors} /> {age}
      </div>
      <ErrorAction errors={errors} />
    </div>
  );
}

/** No list to show at all: the errors, and what to do. */
export function ErrorPanel({ errors }: { errors: AccountError[] }) {
  const offline = errors.every((e) => e.error.kind === 'offline');
  return (
    <div class="state-panel compact" role="alert">
      <h2>{offline ? 'You are offline' : 'Your models could not be loaded'}</h2>
      <div class="panel-text">
        <ErrorLines errors={errors} />
      </div>
      <ErrorAction errors={errors} />
    </div>
  );
}

/** While sample data is on: what it is, and the way to real data. */
export function SampleBanner() {
  return (
    <div class="banner sample">
      <p>
        <span class="sample-tag">Sample data</span> A built-in example.
      </p>
      <button type="button" class="button small" onClick={openOptions}>
        Use my API key
      </button>
    </div>
  );
}

/** Rows drawn as grey bars while the lists are read or fetched for the first time. */
export function SkeletonRows({ label = 'Loading the list…' }: { label?: string }) {
  return (
    <div class="skeleton" role="status" aria-label={label}>
      {[0, 1, 2, 3].map((i) => (
        <div key={i} class="skeleton-row" aria-hidden="true">
          <span class="bar name" style={{ width: `${[62, 48, 70, 55][i]}%` }} />
          <span class="bar details" style={{ width: `${[40, 52, 34, 46][i]}%` }} />
        </div>
      ))}
    </div>
  );
}

/** An account whose lists have not come yet: the first check is under way. */
export function LoadingPanel() {
  return (
    <div class="loading">
      <SkeletonRows label="Checking your models with Ideogram…" />
      <p class="loading-note muted">Checking your models with Ideogram…</p>
    </div>
  );
}

/** An account without custom models: what they are and how to make one. */
export function EmptyAccount() {
  return (
    <div class="state-panel compact">
      <h2>No custom models yet</h2>
      <p>
        A custom model is an Ideogram model trained on 15 to 100 of your own images (a product, a
        style, a character). Once you start training one with the API, it shows up here, and the
        badge counts it while it trains.
      </p>
      <p>
        <a href={DOCS_URL} target="_blank" rel="noreferrer">
          How to train a custom model
        </a>
      </p>
    </div>
  );
}

/** Confirmations and refusals of actions, shown briefly and read out by screen readers. */
export function Announcer() {
  const message = announcement.value;
  const faded = useSignal(false);
  useEffect(() => {
    faded.value = false;
    const timer = setTimeout(() => (faded.value = true), 3000);
    return () => clearTimeout(timer);
  }, [message?.at]);
  return (
    <div class="announcer" role="status" aria-live="polite" aria-atomic="true">
      {message && (
        <p class={`toast ${message.tone}${faded.value ? ' faded' : ''}`} key={message.at}>
          {message.text}
        </p>
      )}
    </div>
  );
}
