import { readiness } from '../../utils/views/datasets';
import { plural, shortDate } from '../../utils/words/format';
import { openDataset, openStudio } from './actions';
import {
  accountTag,
  datasetErrors,
  type ListedDataset,
  listedDatasets,
  modelsOfDataset,
  multiAccount,
  now,
  openDatasetKey,
  trayWaiting,
  waitingForLists,
} from './model';
import { SkeletonRows } from './StateViews';
import { lazyView } from '../lazy';

// Opened by a click, not on the first paint: loaded just after it (see PopupApp).
export const DatasetPage = lazyView(() => import('./DatasetPage').then((m) => m.DatasetPage));

function DatasetRow({ dataset }: { dataset: ListedDataset }) {
  const key = `${dataset.accountId}:${dataset.id}`;
  const ready = readiness(dataset.fileCount);
  const trained = modelsOfDataset.value.get(key)?.length ?? 0;
  const account = accountTag(dataset.accountId);
  const waiting = trayWaiting.value.get(key) ?? 0;
  const parts = [
    { kind: `readiness ${ready.tone}`, text: ready.text },
    ...(waiting > 0 ? [{ kind: 'waiting', text: `${waiting} waiting to upload` }] : []),
    ...(trained > 0 ? [{ kind: 'models', text: plural(trained, 'model') }] : []),
    ...(account ? [{ kind: 'owner', text: account }] : []),
    { kind: 'date', text: `created ${shortDate(dataset.createdAt, now.value)}` },
  ];
  return (
    <li>
      <button
        type="button"
        class="dataset-row"
        data-dataset-id={dataset.id}
        onClick={() => void openDataset(dataset.accountId, dataset.id)}
      >
        <span class="name" title={dataset.name}>
          {dataset.name}
        </span>
        <span class="details" title={parts.map((p) => p.text).join(' · ')}>
          {parts.map((p) => (
            <span key={p.kind} class={`part ${p.kind}`}>
              {p.text}
            </span>
          ))}
        </span>
      </button>
    </li>
  );
}

function NoDatasets() {
  return (
    <div class="state-panel compact">
      <h2>No datasets yet</h2>
      <p>
        A dataset holds the 15 to 100 images a custom model is trained on. Create one, add images
        and train in Model Watch’s studio.
      </p>
      <button type="button" class="button primary" onClick={() => openStudio()}>
        Open the studio
      </button>
    </div>
  );
}

/** The Datasets tab: each dataset's images and readiness at a glance; one opens to its page. */
export function DatasetsView() {
  const datasets = listedDatasets.value;
  const open = openDatasetKey.value
    ? datasets.find((d) => `${d.accountId}:${d.id}` === openDatasetKey.value)
    : undefined;
  if (open) return <DatasetPage dataset={open} />;
  if (waitingForLists.value) return <SkeletonRows />;
  const errors = datasetErrors.value;
  const banner = errors.length > 0 && (
    <div class="banner error" role="alert">
      <div class="banner-text">
        {errors.map(({ account, error }) => (
          <p key={account.id}>
            {multiAccount.value && <strong>{account.label}: </strong>}
            {error.message}
          </p>
        ))}
      </div>
    </div>
  );
  if (datasets.length === 0) {
    return (
      <>
        {banner}
        {errors.length === 0 && <NoDatasets />}
      </>
    );
  }
  const waiting = [...trayWaiting.value.values()].reduce((sum, n) => sum + n, 0);
  return (
    <>
      {banner}
      <div class="studio-bar">
        <span>
          {waiting > 0
            ? `${plural(waiting, 'image')} waiting to upload`
            : 'Add images, train a model'}
        </span>
        <button type="button" class="button small" onClick={() => openStudio()}>
          Open the studio
        </button>
      </div>
      <ul class="datasets" aria-label="Datasets">
        {datasets.map((dataset) => (
          <DatasetRow key={`${dataset.accountId}:${dataset.id}`} dataset={dataset} />
        ))}
      </ul>
    </>
  );
}
