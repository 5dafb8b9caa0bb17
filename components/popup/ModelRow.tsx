import { TRAINING_BASES } from '../../utils/api/limits';
import { type Model, statusClass } from '../../utils/api/types';
import { primaryCopy, uriUnavailableReason } from '../../utils/models/pick';
import { detailParts } from '../../utils/views/models';
import { STATUS_PAGE_URL } from '../../utils/models/training';
import { copyPrimary, openModel } from './actions';
import {
  accountTag,
  datasetNames,
  baseOf,
  histories,
  type Listed,
  now,
  pinned,
  rowMenu,
  shortLabel,
} from './model';

/** A row's height: two lines of name and a line of details (popup.css keeps the same). */
export const ROW_HEIGHT = 60;

interface RowProps {
  model: Listed<Model>;
  position: number;
  total: number;
  active: boolean;
  highlighted: boolean;
  onFocusRow: () => void;
}

/** Opens a row's menu below `anchor` (its ⋯ button, or the row itself from the keyboard). */
export function openRowMenu(modelId: string, anchor: Element) {
  const box = anchor.getBoundingClientRect();
  rowMenu.value = {
    modelId,
    below: box.bottom + 4,
    above: box.top - 4,
    right: Math.max(8, window.innerWidth - box.right),
  };
}

/**
 * One model: its name on the full width (two lines, then an ellipsis, the whole name on hover),
 * one line of details that drops whole parts (least important first) rather than cut a word, and
 * one primary action, copying what a generate call takes. Everything else is in its menu (⋯) and
 * on keys. Names are text, never HTML.
 */
export function ModelRow({ model, position, total, active, highlighted, onFocusRow }: RowProps) {
  const dataset = model.datasetId
    ? datasetNames.value.get(`${model.accountId}:${model.datasetId}`)
    : undefined;
  const account = accountTag(model.accountId);
  const history = histories.value.get(model.accountId);
  const trained = baseOf(model.id);
  const base = trained ? TRAINING_BASES[trained].label : undefined;
  const parts = detailParts(
    model,
    now.value,
    { dataset, account: account && shortLabel(account), base },
    history,
  );
  const details = detailParts(model, now.value, { dataset, account, base }, history)
    .map((p) => p.text)
    .join(' · ');
  const primary = primaryCopy(model);
  const why = uriUnavailableReason(model);
  const isPinned = pinned.value.has(model.id);
  const descriptionId = `row-details-${position}`;
  return (
    <div
      role="listitem"
      class={`row${active ? ' active' : ''}${highlighted ? ' highlighted' : ''}`}
      style={{ top: `${position * ROW_HEIGHT}px` }}
      tabIndex={active ? 0 : -1}
      aria-posinset={position + 1}
      aria-setsize={total}
      aria-label={`${model.name}${isPinned ? ', pinned' : ''}`}
      aria-describedby={descriptionId}
      aria-keyshortcuts="Enter ArrowRight U I P Shift+F10"
      data-row={position}
      data-model-id={model.id}
      onFocus={(event) => {
        if (event.target === event.currentTarget) onFocusRow();
      }}
      onClick={(event) => {
        // The row itself (not its buttons or its link) opens the model's page.
        if (!(event.target as Element).closest('button, a')) void openModel(model);
      }}
    >
      <div class="row-text">
        <div class="name" title={model.name}>
          {isPinned && (
            <span class="pin-mark" aria-hidden="true" title="Pinned">
              ★{' '}
            </span>
          )}
          {model.name}
        </div>
        <div class="details" id={descriptionId} title={details}>
          {parts.map((part) =>
            part.kind === 'stuck' ? (
              <a
                key={part.kind}
                class="part stuck"
                href={STATUS_PAGE_URL}
                target="_blank"
                rel="noreferrer"
                title="Open Ideogram’s status page"
              >
                {part.text}
              </a>
            ) : (
              <span
                key={part.kind}
                class={`part ${part.kind}${part.kind === 'status' ? ` ${statusClass(model.status)}` : ''}`}
              >
                {part.kind === 'status' && <span class="dot" aria-hidden="true" />}
                {part.text}
              </span>
            ),
          )}
        </div>
      </div>
      <button
        type="button"
        class={`copy-primary${primary.isUri ? ' uri' : ' id'}`}
        aria-label={`Copy ${primary.isUri ? 'URI' : 'ID'} of ${model.name}`}
        title={
          primary.isUri
            ? `Copy its URI, for generate calls: ${primary.text}`
            : `Copy its ID: ${primary.text}. ${why}`
        }
        onClick={() => void copyPrimary(model)}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <rect x="8" y="8" width="12" height="12" rx="2" />
          <path d="M16 8V6a2 2 0 0 0-2-2H6a2 2 0 0 0-2 2v8a2 2 0 0 0 2 2h2" />
        </svg>
        {primary.isUri ? 'URI' : 'ID'}
      </button>
      <button
        type="button"
        class="more"
        aria-label={`More for ${model.name}`}
        title="More: copy ID or URI, as code, pin"
        aria-haspopup="menu"
        aria-expanded={rowMenu.value?.modelId === model.id}
        onClick={(event) => {
          if (rowMenu.value?.modelId === model.id) rowMenu.value = null;
          else openRowMenu(model.id, event.currentTarget);
        }}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <circle cx="5" cy="12" r="1.8" />
          <circle cx="12" cy="12" r="1.8" />
          <circle cx="19" cy="12" r="1.8" />
        </svg>
      </button>
    </div>
  );
}
