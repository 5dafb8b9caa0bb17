import { useEffect, useRef } from 'preact/hooks';
import { uriUnavailableReason } from '../../utils/models/pick';
import { SNIPPET_LABELS, type SnippetLanguage } from '../../utils/words/snippets';
import { copyId, copyUri, openModel, showDataset, togglePin } from './actions';
import { copySnippet } from './snippet';
import { modelsById, pinned, rowMenu } from './model';

const LANGUAGES: SnippetLanguage[] = ['curl', 'javascript', 'python'];

/**
 * A row's menu: copy the URI or the ID (each with its key), pin, show its dataset, or copy a
 * ready-to-paste generate request in curl, JavaScript or Python. The requests hold a placeholder
 * for the key, never the key itself. An item that cannot act says why, where it is.
 */
export function RowMenu() {
  const open = rowMenu.value;
  const menu = useRef<HTMLDivElement>(null);
  const model = open ? modelsById.value.get(open.modelId) : undefined;

  useEffect(() => {
    const el = menu.current;
    if (!el || !open) return;
    // Under its button when it fits, else above it: never over the row it belongs to.
    const height = el.offsetHeight;
    const top =
      open.below + height <= window.innerHeight - 4 ? open.below : Math.max(4, open.above - height);
    el.style.top = `${top}px`;
    el.style.visibility = 'visible';
    el.querySelector<HTMLElement>('[role="menuitem"]:not([aria-disabled="true"])')?.focus();
  }, [open?.modelId]);

  if (!open || !model) return null;
  const reason = uriUnavailableReason(model) ?? undefined;
  const isPinned = pinned.value.has(model.id);

  function close() {
    const id = rowMenu.value?.modelId;
    rowMenu.value = null;
    document.querySelector<HTMLElement>(`[data-model-id="${CSS.escape(id ?? '')}"]`)?.focus();
  }

  function onKeyDown(event: KeyboardEvent) {
    const items = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    const next = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: items.length - 1 }[event.key];
    if (next !== undefined) {
      event.preventDefault();
      items[(next + items.length) % items.length]?.focus();
    } else if (event.key === 'Escape' || event.key === 'Tab') {
      event.preventDefault();
      close();
    }
  }

  const item = (label: string, action: () => void, extra: { key?: string; why?: string } = {}) => (
    <button
      type="button"
      role="menuitem"
      aria-disabled={extra.why !== undefined}
      aria-keyshortcuts={extra.key === '→' ? 'ArrowRight' : extra.key}
      title={extra.why}
      onClick={() => {
        action();
        // An item that cannot act leaves the menu open: its reason is said in the popup.
        if (!extra.why) close();
      }}
    >
      <span>{label}</span>
      {extra.key && <kbd aria-hidden="true">{extra.key}</kbd>}
    </button>
  );

  return (
    <>
      <div class="menu-backdrop" onClick={close} />
      <div
        ref={menu}
        class="menu"
        role="menu"
        aria-label={`More for ${model.name}`}
        // Placed once measured (above): hidden until then, so it never flashes in the wrong place.
        style={{ top: `${open.below}px`, right: `${open.right}px`, visibility: 'hidden' }}
        onKeyDown={onKeyDown}
      >
        {item('Details and training runs', () => void openModel(model), { key: '→' })}
        {item(
          'Copy model URI',
          () => void copyUri(model),
          reason ? { key: 'U', why: reason } : { key: 'U' },
        )}
        {item('Copy model ID', () => void copyId(model), { key: 'I' })}
        {item(isPinned ? 'Unpin' : 'Pin to the top', () => togglePin(model.id), { key: 'P' })}
        {model.datasetId !== null &&
          item('Show its dataset', () => showDataset(model.accountId, model.datasetId!))}
        <div class="menu-separator" role="separator" />
        {LANGUAGES.map((language) =>
          item(
            SNIPPET_LABELS[language],
            () => void copySnippet(model, language),
            reason ? { why: reason } : {},
          ),
        )}
      </div>
    </>
  );
}
