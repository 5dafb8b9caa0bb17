import { useRef } from 'preact/hooks';
import type { Dataset, DatasetDetail } from '../../utils/api/types';
import { useVisibleRows } from './virtual';
import { formatBytes, formatDate, plural } from '../../utils/words/format';
import {
  accountTag,
  datasetDetails,
  datasetErrors,
  multiAccount,
  type Listed,
  listedDatasets,
  modelsById,
  openDatasetKey,
} from './model';
import { openDataset, showModel } from './actions';

/** What training needs of a dataset: 15 to 100 images. */
export const TRAINING_RANGE = { min: 15, max: 100 } as const;

/** "24 images: ready to train" / "9 images: 6 more needed to train". */
export function readiness(fileCount: number): { text: string; ok: boolean } {
  const images = plural(fileCount, 'image');
  if (fileCount < TRAINING_RANGE.min) {
    const missing = TRAINING_RANGE.min - fileCount;
    return { text: `${images}: ${missing} more needed to train (15–100)`, ok: false };
  }
  if (fileCount > TRAINING_RANGE.max) {
    return { text: `${images}: over the 100 a training can use`, ok: false };
  }
  return { text: `${images}: within the 15–100 training needs`, ok: true };
}

const FILE_ROW = 22;
const FILES_HEIGHT = 180;

/** A dataset's files, drawn as they scroll into view: 50,000 files cost what a dozen do. */
function FileList({ detail }: { detail: DatasetDetail }) {
  const viewport = useRef<HTMLDivElement>(null);
  const { files } = detail;
  const { first, last, onScroll } = useVisibleRows(viewport, files.length, FILE_ROW, FILES_HEIGHT);
  return (
    // Focusable so that a keyboard can scroll a long list of files.
    <div
      ref={viewport}
      class="files"
      role="list"
      tabIndex={0}
      aria-label={`Files of ${detail.dataset.name}`}
      onScroll={onScroll}
    >
      <div
        class="files-spacer"
        role="presentation"
        style={{ height: `${files.length * FILE_ROW}px` }}
      >
        {files.slice(first, last).map((file, k) => (
          <div
            key={first + k}
            class="file"
            role="listitem"
            aria-posinset={first + k + 1}
            aria-setsize={files.length}
            style={{ top: `${(first + k) * FILE_ROW}px` }}
          >
            <span class="file-name" title={file.name ?? undefined}>
              {file.name ?? '(unnamed)'}
            </span>
            <span class="file-size">
              {file.sizeBytes === null ? '' : formatBytes(file.sizeBytes)}
            </span>
          </div>
        ))}
      </div>
    </div>
  );
}

function Detail({ detail }: { detail: DatasetDetail }) {
  const ready = readiness(detail.fileCount);
  const models = modelsById.value;
  return (
    <div class="dataset-detail">
      <p class={ready.ok ? 'ready' : 'not-ready'}>{ready.text}</p>
      <h4>Models trained from it</h4>
      {detail.modelIds.length === 0 ? (
        <p class="muted">None yet.</p>
      ) : (
        <ul class="trained">
          {detail.modelIds.map((id) => (
            <li key={id}>
              <button type="button" class="link" onClick={() => showModel(id)}>
                {models.get(id)?.name ?? id}
              </button>
            </li>
          ))}
        </ul>
      )}
      <h4>Files ({detail.files.length.toLocaleString('en')})</h4>
      <FileList detail={detail} />
    </div>
  );
}

function DatasetItem({ dataset }: { dataset: Listed<Dataset> }) {
  const key = `${dataset.accountId}:${dataset.id}`;
  const open = openDatasetKey.value === key;
  const detail = datasetDetails.value.get(key);
  const account = accountTag(dataset.accountId);
  return (
    <li class={`dataset${open ? ' open' : ''}`}>
      <button
        type="button"
        class="dataset-toggle"
        aria-expanded={open}
        aria-controls={`dataset-${key}`}
        onClick={() => void openDataset(dataset.accountId, open ? null : dataset.id)}
      >
        <span class="name">{dataset.name}</span>
        {account !== undefined && <span class="account-tag">{account}</span>}
        <span class="muted">created {formatDate(dataset.createdAt)}</span>
      </button>
      {open && (
        <div id={`dataset-${key}`} class="dataset-body" aria-live="polite">
          {(!detail || detail.state === 'loading') && <p class="muted">Loading its files…</p>}
          {detail?.state === 'error' && (
            <p class="message error">
              {detail.message}{' '}
              <button
                type="button"
                class="link"
                onClick={() => void openDataset(dataset.accountId, dataset.id)}
              >
                Try again
              </button>
            </p>
          )}
          {detail?.state === 'ready' && <Detail detail={detail.detail} />}
        </div>
      )}
    </li>
  );
}

/** The Datasets tab: each dataset opens to its files and the models trained from it. */
export function DatasetsView() {
  const datasets = [...listedDatasets.value].sort((a, b) => b.createdAt - a.createdAt);
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
  return (
    <>
      {banner}
      <ul class="datasets" aria-label="Datasets">
        {datasets.map((dataset) => (
          <DatasetItem key={`${dataset.accountId}:${dataset.id}`} dataset={dataset} />
        ))}
      </ul>
    </>
  );
}

function NoDatasets() {
  return (
    <div class="empty">
      <p>No datasets yet.</p>
      <p class="muted">
        A dataset holds the 15 to 100 images a custom model is trained on. Create one and upload
        images with Ideogram’s API; it appears here.
      </p>
    </div>
  );
}
