import type { Model } from '../../utils/api/types';
import { announce, copyText, datasetNames, now, showDataset } from './model';
import { isKnownStatus, noUriReason, statusLabel, timeFact } from './view-logic';

export const ROW_HEIGHT = 62;

interface RowProps {
  model: Model;
  position: number;
  total: number;
  active: boolean;
  highlighted: boolean;
  onFocusRow: () => void;
}

/** One model: its facts on two lines, and the copy buttons. Names are text, never HTML. */
export function ModelRow({ model, position, total, active, highlighted, onFocusRow }: RowProps) {
  const statusClass = isKnownStatus(model.status) ? model.status.toLowerCase() : 'unknown';
  const datasetName = model.datasetId ? datasetNames.value.get(model.datasetId) : undefined;
  const uriReason = model.uri ? null : noUriReason(model);
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
              onClick={() => model.datasetId && showDataset(model.datasetId)}
            >
              {datasetName}
            </button>
          )}
        </div>
        <div class="row-facts">
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
      </div>
    </div>
  );
}
