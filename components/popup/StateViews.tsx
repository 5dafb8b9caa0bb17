import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { SnapshotError } from '../../utils/storage';
import { timeAgo } from '../../utils/format';
import { announcement, now, refresh, refreshing, state } from './model';

const DOCS_URL = 'https://developer.ideogram.ai/api-reference/api-reference/train-model';

function openOptions() {
  void browser.runtime.openOptionsPage();
  window.close();
}

/** What to do about an error, as a button. */
function ErrorAction({ error }: { error: SnapshotError }) {
  if (error.kind === 'unauthorized' || error.kind === 'forbidden') {
    return (
      <button type="button" class="button small" onClick={openOptions}>
        Check the key in Options
      </button>
    );
  }
  if (error.kind === 'offline') return null;
  return (
    <button
      type="button"
      class="button small"
      disabled={refreshing.value}
      onClick={() => void refresh(true)}
    >
      Try again
    </button>
  );
}

/** Over the last good list: what went wrong, and how old the list is. */
export function ErrorBanner({ error }: { error: SnapshotError }) {
  const checked = state.snapshot.value.checkedAt;
  const age = checked === null ? '' : ` Showing the list from ${timeAgo(checked, now.value)}.`;
  return (
    <div class={`banner ${error.kind === 'offline' ? 'offline' : 'error'}`} role="alert">
      <p>
        {error.message}
        {age}
      </p>
      <ErrorAction error={error} />
    </div>
  );
}

/** No list to show at all: the error, and what to do. */
export function ErrorPanel({ error }: { error: SnapshotError }) {
  return (
    <div class="state-panel" role="alert">
      <h2>{error.kind === 'offline' ? 'You are offline' : 'Your models could not be loaded'}</h2>
      <p>{error.message}</p>
      <ErrorAction error={error} />
    </div>
  );
}

/** While sample data is on: what it is, and the way to real data. */
export function SampleBanner() {
  return (
    <div class="banner sample">
      <p>
        <span class="sample-tag">Sample data</span> A built-in account; nothing is fetched from
        Ideogram.
      </p>
      <button type="button" class="button small" onClick={openOptions}>
        Use my API key
      </button>
    </div>
  );
}

export function LoadingPanel() {
  return (
    <div class="state-panel" role="status">
      <p>Loading your models…</p>
    </div>
  );
}

/** An account without custom models: what they are and how to make one. */
export function EmptyAccount() {
  return (
    <div class="state-panel">
      <h2>No custom models yet</h2>
      <p>
        A custom model is Ideogram trained on your own images: a dataset of 15 to 100 pictures of a
        product, a style or a character. Create a dataset, upload the images, then start training
        with the API. It shows up here as soon as it starts, and the badge counts it while it
        trains.
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
    const timer = setTimeout(() => (faded.value = true), 2500);
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
