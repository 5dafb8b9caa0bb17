import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { type DatasetDetail, statusClass } from '../../utils/api/types';
import { formatBytes, shortDate, statusLabel } from '../../utils/words/format';
import { copyDatasetId, openDataset, showModel } from './actions';
import { readCaption } from '../../utils/views/captions';
import { readiness } from '../../utils/views/datasets';
import {
  accountTag,
  datasetDetails,
  type ListedDataset,
  modelsById,
  modelsOfDataset,
  now,
} from './model';
import { useVisibleRows } from './virtual';

// One dataset, open in the Datasets tab: its readiness, the models trained from it, its files.

const FILE_ROW = 22;
/** A row with its caption's first line under the file's name. */
const CAPTIONED_ROW = 40;
const FILES_HEIGHT = 176;

/** A file's whole caption, over the list: readable text, and a structured one's JSON. */
function CaptionView(props: { name: string; caption: string; close: () => void }) {
  const read = readCaption(props.caption);
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => closeButton.current?.focus(), []);
  return (
    <div
      class="caption-view"
      role="dialog"
      aria-modal="true"
      aria-label={`Caption of ${props.name}`}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          props.close();
          return;
        }
        if (event.key !== 'Tab') return;
        // Focus stays in the view while it is open.
        const items = [...event.currentTarget.querySelectorAll<HTMLElement>('button, summary')];
        const [first, last] = [items[0], items.at(-1)];
        const at = document.activeElement;
        if (!event.shiftKey && at === last) {
          event.preventDefault();
          first?.focus();
        } else if (event.shiftKey && at === first) {
          event.preventDefault();
          last?.focus();
        }
      }}
    >
      <div class="caption-head">
        <strong class="caption-file" title={props.name}>
          {props.name}
        </strong>
        <button ref={closeButton} type="button" class="button small" onClick={props.close}>
          Close
        </button>
      </div>
      <p class="caption-text">{read.text}</p>
      {read.json !== null && (
        <details class="caption-json">
          <summary>The whole caption (JSON)</summary>
          <pre>{read.json}</pre>
        </details>
      )}
    </div>
  );
}

/** A dataset's files, drawn as they scroll into view: 50,000 files cost what a dozen do. */
function FileList({ detail }: { detail: DatasetDetail }) {
  const viewport = useRef<HTMLDivElement>(null);
  const { files } = detail;
  const open = useSignal<number | null>(null);
  /** The caption button that opened the view: focus goes back to it (or to the list). */
  const opener = useRef<HTMLElement | null>(null);
  const close = () => {
    open.value = null;
    const back = opener.current?.isConnected ? opener.current : viewport.current;
    requestAnimationFrame(() => back?.focus());
  };
  const captioned = files.some((f) => f.caption);
  const row = captioned ? CAPTIONED_ROW : FILE_ROW;
  const { first, last, onScroll } = useVisibleRows(viewport, files.length, row, FILES_HEIGHT);
  const shown = open.value === null ? undefined : files[open.value];
  return (
    <>
      {/* Focusable so that a keyboard can scroll a long list of files. */}
      <div
        ref={viewport}
        class={captioned ? 'files captioned' : 'files'}
        role="list"
        tabIndex={0}
        aria-label={`Files of ${detail.dataset.name}`}
        onScroll={onScroll}
      >
        <div class="files-spacer" role="presentation" style={{ height: `${files.length * row}px` }}>
          {files.slice(first, last).map((file, k) => (
            <div
              key={first + k}
              class="file"
              role="listitem"
              aria-posinset={first + k + 1}
              aria-setsize={files.length}
              style={{ top: `${(first + k) * row}px` }}
            >
              <span class="file-name" title={file.name ?? undefined}>
                {file.name ?? '(unnamed)'}
              </span>
              <span class="file-size">
                {file.sizeBytes === null ? '' : formatBytes(file.sizeBytes)}
              </span>
              {file.caption && (
                <button
                  type="button"
                  class="file-caption"
                  title="Show the whole caption"
                  onClick={(event) => {
                    opener.current = event.currentTarget;
                    open.value = first + k;
                  }}
                >
                  {readCaption(file.caption).text}
                </button>
              )}
            </div>
          ))}
        </div>
      </div>
      {shown?.caption && (
        <CaptionView name={shown.name ?? '(unnamed)'} caption={shown.caption} close={close} />
      )}
    </>
  );
}

/** The models trained from a dataset, aligned as a list; each opens in the Models tab. */
function TrainedModels({ ids }: { ids: string[] }) {
  const models = modelsById.value;
  if (ids.length === 0) return <p class="muted">None yet.</p>;
  return (
    <ul class="trained">
      {ids.map((id) => {
        const model = models.get(id);
        const status = model?.status ?? '';
        return (
          <li key={id}>
            <button type="button" class="trained-model" onClick={() => showModel(id)}>
              <span class="trained-name" title={model?.name ?? id}>
                {model?.name ?? id}
              </span>
              {model && (
                <span class={`trained-status ${statusClass(status)}`}>
                  <span class="dot" aria-hidden="true" />
                  {statusLabel(status)}
                </span>
              )}
            </button>
          </li>
        );
      })}
    </ul>
  );
}

/** One dataset, open: readiness, the models trained from it, its files. */
export function DatasetPage({ dataset }: { dataset: ListedDataset }) {
  const key = `${dataset.accountId}:${dataset.id}`;
  const detail = datasetDetails.value.get(key);
  const back = useRef<HTMLButtonElement>(null);
  useEffect(() => back.current?.focus(), []);
  const count = detail?.state === 'ready' ? detail.detail.fileCount : dataset.fileCount;
  const ready = readiness(count, detail?.state === 'ready' ? detail.detail.files : undefined);
  const trained =
    detail?.state === 'ready'
      ? detail.detail.modelIds
      : (modelsOfDataset.value.get(key) ?? []).map((m) => m.id);
  const account = accountTag(dataset.accountId);
  return (
    <section class="dataset-page" aria-labelledby="dataset-title">
      <button
        ref={back}
        type="button"
        class="back"
        onClick={() => void openDataset(dataset.accountId, null)}
      >
        ← All datasets
      </button>
      <div class="dataset-head">
        <h2 id="dataset-title">{dataset.name}</h2>
        <button
          type="button"
          class="button small"
          title={dataset.id}
          onClick={() => void copyDatasetId(dataset)}
        >
          Copy ID
        </button>
      </div>
      <p class="dataset-facts">
        <span class={`readiness ${ready.tone}`}>{ready.text}</span>
        <span class="muted"> · created {shortDate(dataset.createdAt, now.value)}</span>
        {account && (
          <span class="muted" title={account}>
            {' '}
            · {account}
          </span>
        )}
      </p>
      {detail?.state === 'error' && (
        <p class="message error" role="alert">
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
      <h3>Models trained from it</h3>
      <TrainedModels ids={trained} />
      <h3>
        Files
        {detail?.state === 'ready' && ` (${detail.detail.files.length.toLocaleString('en')})`}
      </h3>
      {(!detail || detail.state === 'loading') && (
        <p class="muted" role="status">
          Loading its files…
        </p>
      )}
      {detail?.state === 'ready' && <FileList detail={detail.detail} />}
    </section>
  );
}
