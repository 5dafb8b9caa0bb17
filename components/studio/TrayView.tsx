import { useSignal } from '@preact/signals';
import { useRef } from 'preact/hooks';
import { MAX_IMAGES } from '../../utils/api/limits';
import { plural } from '../../utils/words/format';
import { addFiles } from './model/adding';
import { filesKnown } from './model/detail';
import { notAdded, overLimit, tray, trayError, trayImages } from './model/tray';
import { sendable, shownUpload, upload, uploadTray } from './model/upload';
import { TrayItemRow } from './TrayItemRow';

// The open dataset's tray: files dropped or picked, the upload and its summary, and what waits.

export function TrayView() {
  const picker = useRef<HTMLInputElement>(null);
  const dragging = useSignal(false);
  const items = tray.value;
  const { room, over } = overLimit.value;
  const state = shownUpload.value;
  const elsewhere = upload.value?.running === true && state === null;
  const toSend = sendable.value.length;
  const blocked = toSend === 0 || upload.value?.running === true || !filesKnown.value;
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
        Drop images here or pick them: JPEG, PNG or WebP, ZIPs of them, and captions named like
        their image (<code>sunset.txt</code> captions <code>sunset.jpg</code>; a <code>.json</code>{' '}
        sidecar holds an Ideogram 4.0 structured caption). Right-click an image on any page to add
        it here too. They stay in this browser until uploaded or removed.
      </p>
      <div class="tray-actions">
        <button type="button" class="button" onClick={() => picker.current?.click()}>
          Add images…
        </button>
        <input
          ref={picker}
          type="file"
          multiple
          accept="image/jpeg,image/png,image/webp,.jpg,.jpeg,.png,.webp,.zip,.txt,.json"
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
            : toSend > 0
              ? `Upload ${plural(toSend, 'file')}`
              : 'Upload'}
        </button>
      </div>
      {elsewhere && (
        <p class="muted">Another dataset’s upload is running: this one can start once it ends.</p>
      )}
      {!elsewhere && toSend > 0 && !filesKnown.value && (
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
              <TrayItemRow key={item.id} item={item} over={over.has(item.id)} />
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
