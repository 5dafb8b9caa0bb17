import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { datasetNameProblem } from '../../utils/studio/rules';
import { readiness } from '../../utils/views/datasets';
import { studioHash } from '../../utils/studio/route';
import { NEW_DATASET, trayCounts } from '../../utils/studio/tray';
import { failureMessage } from '../../utils/messaging/channel';
import { plural } from '../../utils/words/format';
import { createDataset } from './model/new-dataset';
import { accounts, account, go, route, snapshot } from './model/route';
import { DatasetView } from './DatasetView';

// The studio: an account's datasets, a new one, and a dataset's page (files, models, tray, upload,
// training). A full page, opened from the popup's Datasets tab and the options page.

export function StudioApp() {
  const a = account.value;
  const datasetId = route.value.datasetId;
  useEffect(() => {
    document.title =
      datasetId === null
        ? 'Model Watch studio'
        : `Model Watch studio: ${datasetId === NEW_DATASET ? 'new dataset' : 'dataset'}`;
  }, [datasetId]);
  if (!a) {
    return (
      <main class="studio">
        <h1>Model Watch studio</h1>
        <p class="message info">
          Add an Ideogram API key (or try sample data) in Model Watch’s options first:{' '}
          <a href="options.html">open the options</a>.
        </p>
      </main>
    );
  }
  return (
    <main class="studio">
      <header class="studio-header">
        <h1>
          <a href="#" onClick={(e) => (e.preventDefault(), go(a.id))}>
            Model Watch studio
          </a>
        </h1>
        <AccountPicker />
      </header>
      {a.sample && (
        <p class="message info">
          <span class="sample-tag">Sample data</span> Uploads and trainings here are simulated:
          nothing is sent to Ideogram and nothing is billed.
        </p>
      )}
      {datasetId === null ? (
        <DatasetList />
      ) : datasetId === NEW_DATASET ? (
        <NewDataset />
      ) : (
        <DatasetView />
      )}
    </main>
  );
}

function AccountPicker() {
  const all = accounts.value;
  if (all.length < 2) return null;
  return (
    <label class="account-picker">
      Account{' '}
      <select value={account.value?.id} onChange={(e) => go(e.currentTarget.value)}>
        {all.map((a) => (
          <option key={a.id} value={a.id}>
            {a.label}
          </option>
        ))}
      </select>
    </label>
  );
}

function DatasetList() {
  const a = account.value!;
  const datasets = snapshot.value?.datasets ?? [];
  const waiting = useSignal<Map<string, number>>(new Map());
  useEffect(() => {
    void trayCounts()
      .then((counts) => (waiting.value = counts))
      .catch(() => {});
  }, [a.id]);
  const newWaiting = waiting.value.get(`${a.id}:${NEW_DATASET}`) ?? 0;
  return (
    <section aria-labelledby="datasets-title">
      <div class="section-head">
        <h2 id="datasets-title">Datasets</h2>
        <button type="button" class="button primary" onClick={() => go(a.id, NEW_DATASET)}>
          New dataset
        </button>
      </div>
      {newWaiting > 0 && (
        <p class="message info">
          {plural(newWaiting, 'image')} collected for a new dataset:{' '}
          <a href="#" onClick={(e) => (e.preventDefault(), go(a.id, NEW_DATASET))}>
            name it
          </a>
          .
        </p>
      )}
      {datasets.length === 0 ? (
        <p class="empty">
          No datasets yet. Make one, add 15 to 100 images, and train a model from it.
        </p>
      ) : (
        <ul class="dataset-cards">
          {datasets.map((d) => {
            const n = waiting.value.get(`${a.id}:${d.id}`) ?? 0;
            return (
              <li key={d.id}>
                <a class="dataset-card" href={studioHash(a.id, d.id)}>
                  <span class="name" title={d.name}>
                    {d.name}
                  </span>
                  <span class="facts">
                    {readiness(d.fileCount).text}
                    {n > 0 && (
                      <span class="waiting"> · {plural(n, 'image')} waiting to upload</span>
                    )}
                  </span>
                </a>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function NewDataset() {
  const a = account.value!;
  const name = useSignal('');
  const problem = useSignal<string | null>(null);
  const busy = useSignal(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy.value) return;
    const wrong = datasetNameProblem(name.value);
    problem.value = wrong;
    if (wrong) return;
    busy.value = true;
    try {
      const id = await createDataset(a.id, name.value);
      go(a.id, id);
    } catch (error) {
      // What was typed stays; the message says what failed.
      problem.value = failureMessage(error, 'The dataset could not be created.');
    } finally {
      busy.value = false;
    }
  };
  return (
    <section aria-labelledby="new-title">
      <p>
        <a href="#" onClick={(e) => (e.preventDefault(), go(a.id))}>
          ← All datasets
        </a>
      </p>
      <h2 id="new-title">New dataset</h2>
      <NewWaiting />
      <form class="new-dataset" onSubmit={(e) => void submit(e)} noValidate>
        <label for="dataset-name">Name</label>
        <input
          ref={input}
          id="dataset-name"
          type="text"
          maxLength={100}
          value={name.value}
          aria-invalid={problem.value !== null}
          aria-describedby="dataset-name-problem"
          onInput={(e) => (name.value = e.currentTarget.value)}
        />
        <button type="submit" class="button primary" aria-disabled={busy.value}>
          {busy.value ? 'Creating…' : 'Create dataset'}
        </button>
        <p id="dataset-name-problem" class="message error" role="alert">
          {problem.value ?? ''}
        </p>
      </form>
    </section>
  );
}

function NewWaiting() {
  const a = account.value!;
  const count = useSignal(0);
  useEffect(() => {
    void trayCounts()
      .then((counts) => (count.value = counts.get(`${a.id}:${NEW_DATASET}`) ?? 0))
      .catch(() => {});
  }, [a.id]);
  if (count.value === 0) return null;
  return (
    <p class="message info">
      {plural(count.value, 'image')} you collected will go to this dataset once it is created.
    </p>
  );
}
