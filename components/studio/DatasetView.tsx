import { statusClass } from '../../utils/api/types';
import { stateWords } from '../../utils/views/models';
import { readCaption } from '../../utils/views/captions';
import { readiness } from '../../utils/views/datasets';
import { formatBytes } from '../../utils/words/format';
import { detail, detailError, imagesInDataset } from './model/detail';
import { account, dataset, datasetModels, go } from './model/route';
import { TrainForm } from './TrainForm';
import { TrayView } from './TrayView';

// A dataset's page: its tray and the training form beside its files and the models trained from
// it. What it shows is opened with the route (./model/open.ts).

export function DatasetView() {
  const a = account.value!;
  const d = dataset.value;
  if (!d) {
    return (
      <section>
        <p>
          <a href="#" onClick={(e) => (e.preventDefault(), go(a.id))}>
            ← All datasets
          </a>
        </p>
        <p class="message warn" role="alert">
          This dataset is not in the account’s list (it may have been deleted, or the list is not
          fetched yet).
        </p>
      </section>
    );
  }
  return (
    <section aria-labelledby="dataset-title" class="dataset-page">
      <p>
        <a href="#" onClick={(e) => (e.preventDefault(), go(a.id))}>
          ← All datasets
        </a>
      </p>
      <h2 id="dataset-title">{d.name}</h2>
      <p class="facts">{readiness(imagesInDataset.value ?? undefined, detail.value?.files).text}</p>
      <div class="columns">
        <div>
          <TrayView />
          <TrainForm />
        </div>
        <div>
          <Files />
          <Models />
        </div>
      </div>
    </section>
  );
}

function Files() {
  const files = detail.value?.files ?? [];
  return (
    <section aria-labelledby="files-title" class="panel">
      <h3 id="files-title">In the dataset</h3>
      {detailError.value && (
        <p class="message error" role="alert">
          {detailError.value}
        </p>
      )}
      {detail.value === null && !detailError.value ? (
        <p class="muted">Reading its files…</p>
      ) : files.length === 0 ? (
        <p class="muted">No images yet.</p>
      ) : (
        <ul class="files" aria-label="Files in the dataset">
          {files.map((f, i) => (
            <li key={`${f.name}-${i}`}>
              <span class="file-name">{f.name ?? 'Unnamed file'}</span>
              {f.sizeBytes !== null && <span class="muted"> {formatBytes(f.sizeBytes)}</span>}
              {f.caption && <Caption caption={f.caption} />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** A file's caption: its text, or a structured caption read as text with its JSON a click away. */
function Caption({ caption }: { caption: string }) {
  const read = readCaption(caption);
  if (read.json === null) return <span class="caption">{read.text}</span>;
  return (
    <span class="caption">
      {read.text}
      <details class="caption-json">
        <summary>JSON</summary>
        <pre>{read.json}</pre>
      </details>
    </span>
  );
}

function Models() {
  const models = datasetModels.value;
  return (
    <section aria-labelledby="models-title" class="panel">
      <h3 id="models-title">Models trained from it</h3>
      {models.length === 0 ? (
        <p class="muted">None yet.</p>
      ) : (
        <ul class="files" aria-label="Models trained from the dataset">
          {models.map((m) => (
            <li key={m.id}>
              <span class="file-name">{m.name}</span>{' '}
              <span class={`status ${statusClass(m.status)}`}>{stateWords(m)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
