import { useSignal } from '@preact/signals';
import { useEffect, useMemo, useRef } from 'preact/hooks';
import { statusClass } from '../../utils/api/types';
import { stateWords } from '../../utils/views/models';
import { MAX_IMAGES } from '../../utils/studio/rules';
import type { TrayItem } from '../../utils/studio/tray';
import { siteOf } from '../../utils/studio/collect';
import { formatBytes, plural } from '../../utils/words/format';
import {
  account,
  addFiles,
  allowAndFetch,
  dataset,
  datasetModels,
  detail,
  detailError,
  go,
  imagesInDataset,
  loadDetail,
  loadTray,
  notAdded,
  overLimit,
  removeItems,
  setCaption,
  tray,
  trayError,
  trayImages,
  filesKnown,
  shownUpload,
  upload,
  uploadTray,
} from './model';
import { readiness } from '../../utils/views/datasets';
import { TrainForm } from './TrainForm';

export function DatasetView() {
  const a = account.value!;
  const d = dataset.value;
  useEffect(() => {
    detail.value = null;
    // A running upload goes on (and shows again on its dataset); a finished one's summary goes.
    if (!upload.value?.running) upload.value = null;
    notAdded.value = [];
    void loadTray();
    if (d) void loadDetail(a.id, d.id);
  }, [a.id, d?.id]);
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
      <p class="facts">{readiness(imagesInDataset.value ?? undefined).text}</p>
      <div class="columns">
        <div>
          <Tray />
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
              {f.caption && <span class="caption">{f.caption}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
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

function Tray() {
  const picker = useRef<HTMLInputElement>(null);
  const dragging = useSignal(false);
  const items = tray.value;
  const { room, over } = overLimit.value;
  const state = shownUpload.value;
  const elsewhere = upload.value?.running === true && state === null;
  const sendable = items.filter((i) => i.blob !== null && !over.has(i.id)).length;
  const blocked = sendable === 0 || upload.value?.running === true || !filesKnown.value;
  return (
    <section
      aria-labelledby="tray-title"
      class={`panel tray${dragging.value ? ' dragging' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        dragging.value = true;
      }}
      onDragLeave={() => (dragging.value = false)}
      onDrop={(e) => {
        e.preventDefault();
        dragging.value = false;
        void addFiles([...(e.dataTransfer?.files ?? [])]);
      }}
    >
      <h3 id="tray-title">Waiting to upload</h3>
      <p class="muted">
        Drop images here or pick them: JPEG, PNG or WebP, ZIPs of them, and <code>.txt</code>{' '}
        captions named like their image (<code>sunset.txt</code> captions <code>sunset.jpg</code>).
        Right-click an image on any page to add it here too. They stay in this browser until
        uploaded or removed.
      </p>
      <div class="tray-actions">
        <button type="button" class="button" onClick={() => picker.current?.click()}>
          Add images…
        </button>
        <input
          ref={picker}
          type="file"
          multiple
          accept="image/jpeg,image/png,image/webp,.jpg,.jpeg,.png,.webp,.zip,.txt"
          class="visually-hidden"
          aria-label="Add images"
          tabIndex={-1}
          onChange={(e) => {
            const files = [...(e.currentTarget.files ?? [])];
            e.currentTarget.value = '';
            void addFiles(files);
          }}
        />
        <button
          type="button"
          class="button primary"
          aria-disabled={blocked}
          onClick={() => {
            if (!blocked) void uploadTray();
          }}
        >
          {state?.running
            ? `Uploading ${state.sent} of ${state.total}…`
            : sendable > 0
              ? `Upload ${plural(sendable, 'file')}`
              : 'Upload'}
        </button>
      </div>
      {elsewhere && (
        <p class="muted">Another dataset’s upload is running: this one can start once it ends.</p>
      )}
      {!elsewhere && sendable > 0 && !filesKnown.value && (
        <p class="muted">Reading the dataset’s files first, so no name is sent twice…</p>
      )}
      {state?.running && (
        <progress max={state.total} value={state.sent} aria-label="Upload progress" />
      )}
      {state && !state.running && <UploadSummary />}
      {trayError.value && (
        <p class="message error" role="alert">
          {trayError.value}
        </p>
      )}
      {notAdded.value.length > 0 && (
        <div class="message warn" role="alert">
          Not added:
          <ul>
            {notAdded.value.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      {over.size > 0 && (
        <p class="message warn">
          A dataset holds {MAX_IMAGES} images at most: {plural(room, 'more image')} fit, so{' '}
          {plural(over.size, 'file')} marked below will not be sent. Remove some here or from the
          dataset.
        </p>
      )}
      {items.length === 0 ? (
        <p class="empty">Nothing waiting.</p>
      ) : (
        <>
          <p class="muted" aria-live="polite">
            {plural(trayImages.value, 'image')} waiting
          </p>
          <ul class="tray-items" aria-label="Images waiting to upload">
            {items.map((item) => (
              <TrayRow key={item.id} item={item} over={over.has(item.id)} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function UploadSummary() {
  const state = shownUpload.value!;
  return (
    <div class={`message ${state.error || state.failed.length > 0 ? 'warn' : 'ok'}`} role="status">
      <p>
        {plural(state.uploaded, 'file')} uploaded
        {state.failed.length > 0 && `, ${plural(state.failed.length, 'file')} refused`}
        {state.left > 0 && `; ${state.left} still waiting in the tray`}.
      </p>
      {state.error && <p>{state.error}</p>}
      {state.failed.length > 0 && (
        <ul aria-label="Files Ideogram refused">
          {state.failed.map((f) => (
            <li key={f.name}>
              <strong>{f.name}</strong>: {f.problem}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function TrayRow({ item, over }: { item: TrayItem; over: boolean }) {
  const thumb = useMemo(
    () => (item.blob && item.kind === 'image' ? URL.createObjectURL(item.blob) : null),
    // Once per item: the tray is read again on every change, with new Blob objects.
    [item.id, item.blob === null],
  );
  useEffect(() => () => void (thumb && URL.revokeObjectURL(thumb)), [thumb]);
  // The caption as typed while the field has focus; otherwise the stored one (a .txt added later
  // shows at once). Saved after a short pause and when the field is left.
  const draft = useSignal<string | null>(null);
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const save = (text: string) => {
    clearTimeout(pending.current);
    if (text !== item.caption) void setCaption(item.id, text);
  };
  const access = useSignal<string | null>(null);
  return (
    <li class={`tray-item${over ? ' over' : ''}${item.problem ? ' failed' : ''}`}>
      <div class="thumb" aria-hidden="true">
        {thumb ? <img src={thumb} alt="" /> : <span>{item.kind === 'zip' ? 'ZIP' : '…'}</span>}
      </div>
      <div class="tray-body">
        <span class="file-name" title={item.name}>
          {item.name}
        </span>
        <span class="muted">
          {item.kind === 'zip' && item.zip
            ? `ZIP: ${plural(item.zip.images, 'image')}, ${plural(item.zip.captions, 'caption')}`
            : item.blob
              ? formatBytes(item.size)
              : `From ${item.source ? siteOf(item.source.url) : 'a page'}`}
        </span>
        {item.kind === 'image' && item.blob && (
          <label class="caption-field">
            <span class="visually-hidden">Caption of {item.name}</span>
            <textarea
              rows={2}
              placeholder="Caption (optional)"
              value={draft.value ?? item.caption}
              onFocus={() => (draft.value = item.caption)}
              onInput={(e) => {
                const text = e.currentTarget.value;
                draft.value = text;
                clearTimeout(pending.current);
                pending.current = setTimeout(() => save(text), 400);
              }}
              onBlur={() => {
                if (draft.value !== null) save(draft.value);
                draft.value = null;
              }}
            />
          </label>
        )}
        {over && <span class="message warn">Over the {MAX_IMAGES}-image limit: not sent.</span>}
        {item.problem && <span class="message error">{item.problem}</span>}
        {!item.blob && (
          <span class="message info">
            Model Watch needs your permission to fetch images from{' '}
            {item.source ? siteOf(item.source.url) : 'this site'}.{' '}
            <button
              type="button"
              class="button small"
              onClick={() => {
                void allowAndFetch(item).then((problem) => (access.value = problem));
              }}
            >
              Allow and fetch
            </button>
            {access.value && <span role="alert"> {access.value}</span>}
          </span>
        )}
      </div>
      <button
        type="button"
        class="button small"
        aria-label={`Remove ${item.name}`}
        onClick={() => void removeItems([item.id])}
      >
        Remove
      </button>
    </li>
  );
}
