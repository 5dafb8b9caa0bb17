import { useEffect, useRef } from 'preact/hooks';
import { type Model, statusClass, type TrainingRun } from '../../utils/api/types';
import { TRAINING_BASES } from '../../utils/api/limits';
import { uriUnavailableReason } from '../../utils/models/pick';
import { stateWords } from '../../utils/views/models';
import {
  currentRun,
  type Outlook,
  outlookOf,
  outlookSentence,
  phaseLabel,
  roughDuration,
  STATUS_PAGE_URL,
  STUCK_WORDS,
} from '../../utils/models/training';
import { formatDuration, plural, shortDateTime } from '../../utils/words/format';
import { SNIPPET_LABELS, type SnippetLanguage } from '../../utils/words/snippets';
import { copyId, copyUri, openModel, showDataset, togglePin } from './actions';
import { copySnippet } from './snippet';
import {
  accountTag,
  baseOf,
  datasetNames,
  histories,
  type Listed,
  modelReads,
  now,
  openModelKey,
  pinned,
} from './model';

const LANGUAGES: SnippetLanguage[] = ['curl', 'javascript', 'python'];

/** How the training goes, after its phase: "for 1 h 10 min, about 50 min left (usually…)". */
function outlookWords(outlook: Outlook): string {
  if (outlook.kind !== 'stuck') return outlookSentence('', outlook).trim();
  const usual = outlook.usual === null ? '' : `; usually about ${roughDuration(outlook.usual)}`;
  return `for ${formatDuration(outlook.elapsed)}${usual}`;
}

/** One training run: its phase, when it started and last changed, and its settings. */
function Run({ run, current }: { run: TrainingRun; current: boolean }) {
  const settings = [
    run.steps !== null && plural(run.steps, 'step'),
    run.loraRank !== null && `LoRA rank ${run.loraRank}`,
    run.chips !== null && plural(run.chips, 'chip'),
    run.ema !== null && `EMA ${run.ema}`,
    run.learningRate !== null && `learning rate ${run.learningRate}`,
  ].filter(Boolean);
  return (
    <li class={`run${current ? ' current' : ''}`}>
      <span class={`run-phase phase-${run.phase.toLowerCase()}`}>{phaseLabel(run.phase)}</span>
      <span class="run-times">
        started {shortDateTime(run.createdAt, now.value)}
        {run.updatedAt !== null && ` · updated ${shortDateTime(run.updatedAt, now.value)}`}
      </span>
      {settings.length > 0 && <span class="run-settings">{settings.join(' · ')}</span>}
    </li>
  );
}

/** The model's training runs, newest first, or why there are none to show. */
function Runs({ model }: { model: Listed<Model> }) {
  const read = modelReads.value.get(`${model.accountId}:${model.id}`);
  if (!model.owned) {
    return <p class="muted">Ideogram shares the training history of your own models only.</p>;
  }
  const runs = [...(model.runs ?? [])].reverse();
  const current = currentRun(model);
  return (
    <>
      {read?.state === 'loading' && runs.length === 0 && (
        <p class="muted" role="status">
          Reading its training history…
        </p>
      )}
      {read?.state === 'error' && (
        <p class="message error" role="alert">
          {read.message}{' '}
          <button type="button" class="link" onClick={() => void openModel(model)}>
            Try again
          </button>
        </p>
      )}
      {runs.length > 0 ? (
        <ol class="runs" aria-label={`Training runs of ${model.name}`}>
          {runs.map((run) => (
            <Run key={run.id} run={run} current={run === current} />
          ))}
        </ol>
      ) : (
        read?.state !== 'loading' && <p class="muted">No training runs yet.</p>
      )}
    </>
  );
}

/**
 * A model's page, over the list: every field, its training runs as a short history, how its
 * training is going, its dataset, and the copy actions. Back (or Escape) returns to the list
 * where it was, on this model's row.
 */
export function ModelPage({ model }: { model: Listed<Model> }) {
  const back = useRef<HTMLButtonElement>(null);
  useEffect(() => back.current?.focus(), [model.id]);
  const status = stateWords(model);
  const outlook = outlookOf(model, histories.value.get(model.accountId) ?? [], now.value);
  const reason = uriUnavailableReason(model);
  const base = baseOf(model.id);
  const account = accountTag(model.accountId);
  const dataset = model.datasetId
    ? (datasetNames.value.get(`${model.accountId}:${model.datasetId}`) ?? model.datasetId)
    : null;
  const isPinned = pinned.value.has(model.id);

  return (
    <section
      class="model-page"
      aria-labelledby="model-title"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          event.stopPropagation();
          void openModel(null);
        }
      }}
    >
      <button ref={back} type="button" class="back" onClick={() => void openModel(null)}>
        ← All models
      </button>
      <h2 id="model-title">{model.name}</h2>
      <p class="model-status">
        <span class={`part status ${statusClass(model.status)}`}>
          <span class="dot" aria-hidden="true" />
          {status}
        </span>
        {outlook && <span class="outlook"> · {outlookWords(outlook)}</span>}
        {outlook?.kind === 'stuck' && (
          <>
            {' '}
            <a class="stuck" href={STATUS_PAGE_URL} target="_blank" rel="noreferrer">
              {STUCK_WORDS}: check Ideogram’s status
            </a>
          </>
        )}
      </p>
      <div class="model-actions">
        {/* Only a URI a generate call can use is offered; the facts below say why not. */}
        {reason === null && (
          <button type="button" class="button small" onClick={() => void copyUri(model)}>
            Copy URI
          </button>
        )}
        <button type="button" class="button small" onClick={() => void copyId(model)}>
          Copy ID
        </button>
        <button
          type="button"
          class="button small"
          aria-pressed={isPinned}
          onClick={() => togglePin(model.id)}
        >
          {isPinned ? 'Unpin' : 'Pin'}
        </button>
      </div>
      <dl class="facts">
        <dt>Model ID</dt>
        <dd>
          <code>{model.id}</code>
        </dd>
        <dt>URI</dt>
        <dd>{model.uri ? <code>{model.uri}</code> : <span class="muted">None</span>}</dd>
        {reason && (
          <>
            <dt>
              <span class="visually-hidden">Why no usable URI</span>
            </dt>
            <dd class="muted">{reason}</dd>
          </>
        )}
        {base && (
          <>
            <dt>Base model</dt>
            <dd>{TRAINING_BASES[base].label}</dd>
          </>
        )}
        <dt>Usable for generation</dt>
        <dd>{model.available ? 'Yes' : 'No'}</dd>
        <dt>Whose</dt>
        <dd>
          {model.owned ? 'Yours' : 'Shared with your organization'}
          {account && ` · ${account}`}
        </dd>
        <dt>Created</dt>
        <dd>{shortDateTime(model.createdAt, now.value)}</dd>
        <dt>Last updated</dt>
        <dd>{model.updatedAt === null ? '—' : shortDateTime(model.updatedAt, now.value)}</dd>
        <dt>Dataset</dt>
        <dd>
          {dataset === null ? (
            '—'
          ) : (
            <button
              type="button"
              class="link"
              onClick={() => {
                openModelKey.value = null;
                showDataset(model.accountId, model.datasetId!);
              }}
            >
              {dataset}
            </button>
          )}
        </dd>
      </dl>
      <h3>Training runs</h3>
      <Runs model={model} />
      <h3>Copy as code</h3>
      <div class="model-actions">
        {LANGUAGES.map((language) => (
          <button
            key={language}
            type="button"
            class="button small"
            title={reason ?? undefined}
            onClick={() => void copySnippet(model, language)}
          >
            {SNIPPET_LABELS[language].replace(/^Copy as /, '')}
          </button>
        ))}
      </div>
    </section>
  );
}
