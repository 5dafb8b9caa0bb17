// Long: the one place a request is made: every endpoint, its transport and its error handling.
import {
  ApiError,
  type ErrorBody,
  errorForStatus,
  invalidResponseError,
  networkError,
  offlineError,
  type Purpose,
  type Subject,
  timeoutError,
} from './errors';
import {
  generateBody,
  generatePath,
  type GenerateRequest,
  parseGeneration,
  parseQuote,
  parseStart,
} from './generation';
import { megabytes, trainPath } from './limits';
import { hideInValue, keyHider } from './redact';
import { parseRetryAfter } from './retry-after';
import {
  type ParseResult,
  parseDatasetDetail,
  parseDatasetList,
  parseModelDetail,
  parseModelList,
  parseCreatedDataset,
  parseStartedTraining,
  parseUploadResult,
} from './schema';
import type { ModelScope, TrainingBase, TrainingSettings, UploadFile } from './types';

export const API_BASE_URL = 'https://api.ideogram.ai';
export const DEFAULT_TIMEOUT_MS = 20_000;
/**
 * Larger bodies are refused. The API has no pagination and shared registries grow: 25,000 models
 * are about 8 MB of JSON, so 16 MB leaves room while still refusing a runaway answer.
 */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;
/** An upload batch carries up to tens of megabytes: it gets longer than a read. */
export const UPLOAD_TIMEOUT_MS = 120_000;
/** Error bodies are read only this far: enough for a `reject_reason`, never a page of HTML. */
const MAX_ERROR_BODY_BYTES = 16 * 1024;

export interface IdeogramApiOptions {
  apiKey: string;
  /**
   * Other keys no answer may carry into the extension (every saved key): like `apiKey`, each is
   * hidden in every text an answer brings (names, captions, a refusal's words).
   */
  hide?: readonly string[];
  /** Injected so tests and the sample workspace can answer instead of the network. */
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** Reports offline without trying the network; defaults to `navigator.onLine`. */
  isOnline?: () => boolean;
}

export interface ListModelsQuery {
  scope?: ModelScope;
  /** Repeated as `status=A&status=B`; the API applies it to owned models only. */
  status?: readonly string[];
}

/**
 * The Ideogram API client. It alone holds the key and sends it, only as the `Api-Key` header,
 * and every outcome is either a validated value or an `ApiError`.
 */
export function createIdeogramApi(options: IdeogramApiOptions) {
  const {
    apiKey,
    fetch: fetchFn = globalThis.fetch.bind(globalThis),
    timeoutMs = DEFAULT_TIMEOUT_MS,
    isOnline = () => globalThis.navigator?.onLine ?? true,
  } = options;
  const secrets = [apiKey, ...(options.hide ?? [])];
  const hide = keyHider(secrets);

  /** A write: JSON or a multipart form. Never retried here: the user decides. */
  function post<T>(
    path: string,
    subject: Subject,
    parse: (body: unknown) => ParseResult<T>,
    body: FormData | Record<string, unknown>,
    timeout = timeoutMs,
  ): Promise<T> {
    return send(path, subject, parse, { body, timeout });
  }

  /** A read when `write` is absent (repeated on its own by the refresh), else a write. */
  async function send<T>(
    path: string,
    subject: Subject,
    parse: (body: unknown) => ParseResult<T>,
    write?: { body: FormData | Record<string, unknown>; timeout: number },
  ): Promise<T> {
    const purpose: Purpose = write ? 'write' : 'read';
    if (!isOnline()) throw offlineError(purpose);
    const limit = write?.timeout ?? timeoutMs;
    const signal = AbortSignal.timeout(limit);
    const headers: Record<string, string> = { 'Api-Key': apiKey, Accept: 'application/json' };
    let payload: BodyInit | undefined;
    if (write) {
      // A form sets its own multipart boundary; JSON says what it is.
      if (write.body instanceof FormData) payload = write.body;
      else {
        payload = JSON.stringify(write.body);
        headers['Content-Type'] = 'application/json';
      }
    }
    let response: Response;
    try {
      response = await fetchFn(`${API_BASE_URL}${path}`, {
        method: write ? 'POST' : 'GET',
        headers,
        body: payload,
        // A redirect would carry the key's header to wherever it points: refuse to follow.
        redirect: 'manual',
        credentials: 'omit',
        cache: 'no-store',
        signal,
      });
    } catch {
      throw failureOfTransport(signal, limit, isOnline, purpose);
    }
    if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
      throw invalidResponseError('it redirected elsewhere, and the key was not sent on', purpose);
    }
    if (!response.ok) {
      const retryAfter = parseRetryAfter(
        response.headers.get('Retry-After'),
        Date.now(),
        response.headers.get('Date'),
      );
      throw errorForStatus(
        response.status,
        subject,
        retryAfter,
        await readErrorBody(response, hide),
        purpose,
      );
    }
    let text: string;
    try {
      text = await readCapped(response, MAX_BODY_BYTES, subject);
    } catch (error) {
      if (error instanceof ApiError) throw error;
      throw failureOfTransport(signal, limit, isOnline, purpose);
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      const contentType = response.headers.get('Content-Type') ?? '';
      throw invalidResponseError(
        contentType.includes('html') || /^\s*</.test(text)
          ? 'a web page instead of data'
          : text.trim() === ''
            ? 'an empty body'
            : 'broken or cut-off JSON',
        purpose,
      );
    }
    // A key can be written escaped in JSON (`\"`, `\u0041`): look for it in the parsed strings.
    if (text.includes('\\') || secrets.some((key) => text.includes(key))) {
      body = hideInValue(body, hide);
    }
    const result = parse(body);
    if (!result.ok) throw invalidResponseError(result.problem, purpose);
    return result.value;
  }

  return {
    /** `GET /models`: the key's models, owned and shared unless `scope` narrows it. */
    listModels(query: ListModelsQuery = {}) {
      const params = new URLSearchParams();
      if (query.scope) params.set('scope', query.scope);
      for (const status of query.status ?? []) params.append('status', status);
      const search = params.toString();
      return send(search ? `/models?${search}` : '/models', 'the model list', parseModelList);
    },
    /** `GET /models/{id}`: one model; a `not_found` ApiError when it is gone or hidden. */
    getModel(modelId: string) {
      return send(`/models/${encodeURIComponent(modelId)}`, 'this model', parseModelDetail);
    },
    /** `GET /datasets`: every dataset of the key's user. */
    listDatasets() {
      return send('/datasets', 'the dataset list', parseDatasetList);
    },
    /** `GET /datasets/{id}`: one dataset with its files and the models trained from it. */
    getDataset(datasetId: string) {
      return send(`/datasets/${encodeURIComponent(datasetId)}`, 'this dataset', parseDatasetDetail);
    },
    /**
     * Ideogram's price for exactly this request (`?dry_run=true`): nothing is generated, stored
     * or billed.
     */
    quote(base: TrainingBase, request: GenerateRequest) {
      const path = `${generatePath(base)}?dry_run=true`;
      return post(path, 'the price quote', parseQuote, generateBody(base, request));
    },
    /** Starts a generation with a custom model (billed), asynchronously: its id comes at once. */
    generate(base: TrainingBase, request: GenerateRequest) {
      return post(generatePath(base), 'the generation', parseStart, generateBody(base, request));
    },
    /** `GET /v2/generations/{id}`: where a generation stands, with its images once done. */
    generation(id: string) {
      return send(`/v2/generations/${encodeURIComponent(id)}`, 'the generation', parseGeneration);
    },
    /** `POST /datasets`: a new, empty dataset. */
    createDataset(name: string) {
      return post('/datasets', 'the new dataset', parseCreatedDataset, { name });
    },
    /**
     * `POST /datasets/{id}/upload_assets`: images (and `.txt` captions, ZIPs) as the multipart
     * field `files`. Given time for the bytes to travel: a minute per batch at least.
     */
    uploadAssets(datasetId: string, files: readonly UploadFile[]) {
      const form = new FormData();
      for (const file of files) form.append('files', file.blob, file.name);
      return post(
        `/datasets/${encodeURIComponent(datasetId)}/upload_assets`,
        'the upload',
        parseUploadResult,
        form,
        Math.max(timeoutMs, UPLOAD_TIMEOUT_MS),
      );
    },
    /**
     * Starts a training on a base (Ideogram 4.0 or 3.0): `train-model-advanced` when any setting
     * is given, else `train-model` (Ideogram's defaults). Only the settings the base documents
     * are sent. Billed to the account.
     */
    trainModel(
      datasetId: string,
      modelName: string,
      settings: TrainingSettings = {},
      base: TrainingBase = 'v3',
    ) {
      const advanced = {
        training_steps: settings.trainingSteps,
        lora_rank: settings.loraRank,
        ema: settings.ema,
        learning_rate: settings.learningRate,
        batch_size: base === 'v4' ? settings.batchSize : undefined,
      };
      const given = Object.fromEntries(Object.entries(advanced).filter(([, v]) => v !== undefined));
      const path = trainPath(base, Object.keys(given).length > 0);
      return post(path, 'the training', parseStartedTraining, {
        dataset_id: datasetId,
        model_name: modelName,
        ...given,
      });
    },
  };
}

export type IdeogramApi = ReturnType<typeof createIdeogramApi>;

function failureOfTransport(
  signal: AbortSignal,
  timeoutMs: number,
  isOnline: () => boolean,
  purpose: Purpose,
): ApiError {
  if (signal.aborted) return timeoutError(timeoutMs / 1000, purpose);
  return isOnline() ? networkError(purpose) : offlineError(purpose);
}

/**
 * What an error answer's body says, where Ideogram documents it: `reject_reason` of a JSON body
 * (402, 429). Anything else (HTML, text, a body too long, a broken connection) says nothing.
 */
async function readErrorBody(
  response: Response,
  hide: (text: string) => string,
): Promise<ErrorBody> {
  try {
    const text = await readCapped(response, MAX_ERROR_BODY_BYTES, 'the error');
    const body: unknown = JSON.parse(text);
    const record = (typeof body === 'object' && body !== null ? body : {}) as Record<
      string,
      unknown
    >;
    const said: ErrorBody = {};
    const reason = record.reject_reason;
    if (typeof reason === 'string' && /^[a-z_]{1,64}$/.test(reason)) said.rejectReason = reason;
    const inflight = record.max_inflight_requests;
    if (Number.isSafeInteger(inflight) && Number(inflight) > 0) said.maxInflight = Number(inflight);
    // A 400's reason, as text only: control characters out, and short.
    const detail = [record.detail, record.message, record.error].find((d) => typeof d === 'string');
    if (typeof detail === 'string' && detail.trim() !== '') {
      // Keys hidden before the cut, so a key cut in half is still hidden.
      said.detail = hide(detail)
        // eslint-disable-next-line no-control-regex -- removing control characters is the point
        .replace(/[\u0000-\u001f\u007f]+/g, ' ')
        .trim()
        .slice(0, 200);
    }
    return said;
  } catch {
    return {};
  }
}

/** Reads the body as text, giving up (and closing the connection) past `maxBytes`. */
async function readCapped(response: Response, maxBytes: number, subject: Subject): Promise<string> {
  const declared = Number(response.headers.get('Content-Length'));
  if (declared > maxBytes) {
    void response.body?.cancel().catch(() => {});
    throw tooLarge({ declared }, subject);
  }
  if (!response.body) return response.text();
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let received = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      void reader.cancel().catch(() => {});
      throw tooLarge({ over: maxBytes }, subject);
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

/**
 * An answer too large to read: its declared size, or (streamed without one) the limit it passed;
 * never how much happened to arrive before reading stopped, which varies from one try to the next.
 */
function tooLarge(size: { declared: number } | { over: number }, subject: Subject): ApiError {
  const mb = (bytes: number) => `${megabytes(bytes)} MB`;
  const said = 'declared' in size ? mb(size.declared) : `over ${mb(size.over)}`;
  return invalidResponseError(`${said}, more than ${subject} should ever be`);
}
