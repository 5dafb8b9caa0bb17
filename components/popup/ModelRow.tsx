import type { Model } from '../../utils/api/types';
import { accountTag, datasetNames, type Listed, now, pinned, rowMenu } from './model';
import { announce, copyText, showDataset, togglePin } from './actions';
import { isKnownStatus, statusLabel } from '../../utils/api/types';
import { noUriReason, timeFact } from './view-logic';

export const ROW_HEIGHT = 62;

interface RowProps {
  model: Listed<Model>;
  position: number;
  total: number;
  active: boolean;
  highlighted: boolean;
  onFocusRow: () => void;
}

/** One model: its facts on two lines, and the copy buttons. Names are text, never HTML. */
export function ModelRow({ model, position, total, active, highlighted, onFocusRow }: RowProps) {
  const statusClass = isKnownStatus(model.status) ? model.status.toLowerCase() : 'unknown';
  const datasetName = model.datasetId
    ? datasetNames.value.get(`${model.accountId}:${model.datasetId}`)
    : undefined;
  const account = accountTag(model.accountId);
  const uriReason = model.uri ? null : noUriReason(model);
  const pinnedHere = pinned.value.has(model.id);
  return (
    <div
      role="listitem"
      class={`row${active ? ' active' : ''}${highlighted ? ' highlighted' : ''}`}
      style={{ top: `${position * ROW_HEIGHT}px` }}
      tabIndex={active ? 0 : -1}
      aria-posinset={position + 1}
      aria-setsize={total}
      data-row={position}
      data-model-id={model.id}
      onFocus={(event) => {
        if (event.target === event.currentTarget) onFocusRow();
      }}
    >
      <div class="row-main">
        <div class="row-title">
          <span class="name" title={model.name}>
            {model.name}
          </span>
          {datasetName !== undefined && (
            <button
              type="button"
              class="link dataset-link"
              title={`Trained from the dataset ${datasetName}: show it`}
              onClick={() => model.datasetId && showDataset(model.accountId, model.datasetId)}
            >
              {datasetName}
            </button>
          )}
        </div>
        <div class="row-facts">
          {account !== undefined && <span class="account-tag">{account}</span>}
          <span class={`status st-${statusClass}`}>
            <span class="dot" aria-hidden="true" />
            {statusLabel(model.status)}
          </span>
          <span>{timeFact(model, now.value)}</span>
          <span>{model.owned ? 'Mine' : 'Shared'}</span>
          <span
            class={model.available ? 'usable' : 'unusable'}
            title={
              model.available ? 'Can be used for generation' : 'Cannot be used for generation (yet)'
            }
          >
            {model.available ? 'Usable' : 'Not usable'}
          </span>
        </div>
      </div>
      <div class="row-actions">
        <button
          type="button"
          class={`pin${pinnedHere ? ' on' : ''}`}
          aria-pressed={pinnedHere}
          aria-label={`Pin ${model.name}`}
          title={
            pinnedHere
              ? 'Pinned: shown first everywhere. Click to unpin.'
              : 'Pin: show it first everywhere'
          }
          onClick={() => togglePin(model.id)}
        >
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <path d="M12 3l2.7 5.6 6.1.9-4.4 4.3 1 6.1L12 17l-5.4 2.9 1-6.1-4.4-4.3 6.1-.9z" />
          </svg>
        </button>
        <button
          type="button"
          class="copy"
          aria-label="Copy model ID"
          title={`Copy model ID: ${model.id}`}
          onClick={() => void copyText(model.id, 'ID', model)}
        >
          ID
        </button>
        <button
          type="button"
          class="copy"
          aria-label="Copy model URI"
          aria-disabled={uriReason !== null}
          title={uriReason ?? `Copy model URI: ${model.uri}`}
          onClick={() =>
            uriReason ? announce(uriReason, 'error') : void copyText(model.uri!, 'URI', model)
          }
        >
          URI
        </button>
        <button
          type="button"
          class="more"
          aria-label={`More ways to copy ${model.name}`}
          title="Copy as code…"
          aria-haspopup="menu"
          aria-expanded={rowMenu.value?.modelId === model.id}
          onClick={(event) => {
            const box = event.currentTarget.getBoundingClientRect();
            rowMenu.value =
              rowMenu.value?.modelId === model.id
                ? null
                : { modelId: model.id, top: box.bottom + 4, right: window.innerWidth - box.right };
          }}
        >
          ⋯
        </button>
      </div>
    </div>
  );
}
