import { useEffect, useRef } from 'preact/hooks';
import { generateSnippet, SNIPPET_LABELS, type SnippetLanguage } from '../../utils/words/snippets';
import { modelsById, rowMenu } from './model';
import { copyText } from './actions';
import { noUriReason } from './view-logic';

const LANGUAGES: SnippetLanguage[] = ['curl', 'javascript', 'python'];

/**
 * A row's "More" menu: copy the ID or URI, or a ready-to-paste generate request in curl,
 * JavaScript or Python. The requests hold a placeholder for the key, never the key itself.
 */
export function RowMenu() {
  const open = rowMenu.value;
  const menu = useRef<HTMLDivElement>(null);
  const model = open ? modelsById.value.get(open.modelId) : undefined;

  useEffect(() => {
    menu.current
      ?.querySelector<HTMLElement>('[role="menuitem"]:not([aria-disabled="true"])')
      ?.focus();
  }, [open?.modelId]);

  if (!open || !model) return null;
  const reason = model.uri ? undefined : noUriReason(model);

  function close() {
    const id = rowMenu.value?.modelId;
    rowMenu.value = null;
    document.querySelector<HTMLElement>(`[data-model-id="${CSS.escape(id ?? '')}"] .more`)?.focus();
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

  const item = (label: string, action: () => void, disabledReason?: string) => (
    <button
      type="button"
      role="menuitem"
      aria-disabled={disabledReason !== undefined}
      title={disabledReason}
      onClick={() => {
        if (disabledReason) return;
        action();
        close();
      }}
    >
      {label}
    </button>
  );

  return (
    <>
      <div class="menu-backdrop" onClick={close} />
      <div
        ref={menu}
        class="menu"
        role="menu"
        aria-label={`Copy ${model.name}`}
        style={{
          top: `${Math.min(open.top, window.innerHeight - 190)}px`,
          right: `${open.right}px`,
        }}
        onKeyDown={onKeyDown}
      >
        {item('Copy model ID', () => void copyText(model.id, 'ID', model))}
        {item('Copy model URI', () => void copyText(model.uri!, 'URI', model), reason)}
        <div class="menu-separator" role="separator" />
        {LANGUAGES.map((language) =>
          item(
            SNIPPET_LABELS[language],
            () =>
              void copyText(
                generateSnippet(language, model.uri!),
                `${SNIPPET_LABELS[language].replace('Copy as ', '')} request`,
                model,
              ),
            reason,
          ),
        )}
      </div>
    </>
  );
}
