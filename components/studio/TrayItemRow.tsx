import { useSignal } from '@preact/signals';
import { useEffect, useMemo, useRef } from 'preact/hooks';
import { siteOf } from '../../utils/studio/collect';
import { MAX_IMAGES } from '../../utils/api/limits';
import type { TrayItem } from '../../utils/studio/tray';
import { formatBytes, plural } from '../../utils/words/format';
import { allowAndFetch, removeItems, setCaption } from './model/tray';

// One item waiting in the tray: its thumbnail, name and size, its caption to edit, and why it
// would not be sent (over the limit, refused last time, waiting for access to its site).

export function TrayItemRow({ item, over }: { item: TrayItem; over: boolean }) {
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
