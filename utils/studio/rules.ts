// Long: every rule Ideogram applies to a dataset's files and a training, in one place, so the pages and the worker agree.
import {
  CAPTION_MAX as CAPTION_LIMIT,
  DATASET_NAME_MAX,
  MAX_IMAGES,
  MAX_UPLOAD_BYTES,
  megabytes,
  MIN_IMAGES,
  MODEL_NAME,
  validSetting,
} from '../api/limits';
import type { TrainingBase, TrainingSettings } from '../api/types';
import { parseJsonCaption } from '../views/captions';

// What Ideogram accepts when a dataset is filled and a model trained (its limits: ../api/limits),
// checked before anything is sent, in words a person can act on.

/** Why a model name would be refused, or null: 5 to 30 letters, digits, spaces and hyphens. */
export function modelNameProblem(name: string): string | null {
  const trimmed = name.trim();
  if (trimmed.length === 0) return 'Give the model a name.';
  if (trimmed.length < MODEL_NAME.min) {
    return `A name needs at least ${MODEL_NAME.min} characters (this has ${trimmed.length}).`;
  }
  if (trimmed.length > MODEL_NAME.max) {
    return `A name has at most ${MODEL_NAME.max} characters (this has ${trimmed.length}).`;
  }
  const bad = [...new Set([...trimmed].filter((c) => !MODEL_NAME.allowed.test(c)))];
  if (bad.length > 0) {
    const shown = bad.map((c) => (c === '"' ? '“"”' : `“${c}”`)).join(' ');
    return `Only letters, digits, spaces and hyphens: remove ${shown}.`;
  }
  return null;
}

/** Why a dataset name would be refused, or null. */
export function datasetNameProblem(name: string): string | null {
  const trimmed = name.trim();
  if (trimmed.length === 0) return 'Give the dataset a name.';
  if (trimmed.length > DATASET_NAME_MAX) {
    return `A dataset name has at most ${DATASET_NAME_MAX} characters.`;
  }
  return null;
}

/** Why a dataset of `count` images cannot be trained yet, or null. */
export function imageCountProblem(count: number): string | null {
  if (count < MIN_IMAGES) {
    return `A training needs at least ${MIN_IMAGES} images: this dataset has ${count}, ${MIN_IMAGES - count} more needed.`;
  }
  if (count > MAX_IMAGES)
    return `A training takes at most ${MAX_IMAGES} images: this dataset has ${count}.`;
  return null;
}

/** The advanced fields as typed (empty: Ideogram's default). */
export interface SettingsInput {
  trainingSteps: string;
  loraRank: string;
  ema: string;
  learningRate: string;
  /** Ideogram 4.0's batch size; empty: the trainer chooses. */
  batchSize: string;
}

export type SettingsCheck =
  | { ok: true; settings: TrainingSettings }
  | { ok: false; problems: Partial<Record<keyof SettingsInput, string>> };

/**
 * Reads the advanced fields a base has: each one empty (default) or valid, else what is wrong
 * with it. A field the base does not document is never sent.
 */
export function checkSettings(input: SettingsInput, base: TrainingBase = 'v3'): SettingsCheck {
  const problems: Partial<Record<keyof SettingsInput, string>> = {};
  const settings: TrainingSettings = {};
  const number = (text: string) => (text.trim() === '' ? undefined : Number(text.trim()));

  const steps = number(input.trainingSteps);
  if (steps !== undefined) {
    if (!validSetting.trainingSteps(steps)) {
      problems.trainingSteps = 'Steps go from 100 to 10,000, in hundreds.';
    } else settings.trainingSteps = steps;
  }
  const rank = number(input.loraRank);
  if (rank !== undefined) {
    if (!validSetting.loraRank(rank)) problems.loraRank = 'LoRA rank is 64 or 128.';
    else settings.loraRank = rank;
  }
  const ema = number(input.ema);
  if (ema !== undefined) {
    if (!validSetting.ema(ema)) {
      problems.ema = 'EMA is between 0 and 1 (not either), usually 0.99 to 0.9999.';
    } else settings.ema = ema;
  }
  const rate = number(input.learningRate);
  if (rate !== undefined) {
    if (!validSetting.learningRate(rate)) {
      problems.learningRate = 'The learning rate is above 0, usually 0.00001 to 0.0001.';
    } else settings.learningRate = rate;
  }
  const batch = base === 'v4' ? number(input.batchSize) : undefined;
  if (batch !== undefined) {
    if (!validSetting.batchSize(batch)) problems.batchSize = 'Batch size is 1, 2, 4, 8, 16 or 32.';
    else settings.batchSize = batch;
  }
  return Object.keys(problems).length > 0 ? { ok: false, problems } : { ok: true, settings };
}

const IMAGE_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
};

/** What a picked or dropped file is to a dataset. */
export type FileKind = 'image' | 'caption' | 'zip' | 'refused';

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** The name without its folders (either slash: ZIPs made on Windows use `\\`). */
export function baseName(name: string): string {
  return name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
}

/** The name without its folders and extension: what matches a caption to its image. */
export function stemOf(name: string): string {
  const base = baseName(name);
  const dot = base.lastIndexOf('.');
  // A leading dot starts a hidden file's name, not an extension.
  return dot > 0 ? base.slice(0, dot) : base;
}

/** A file name Ideogram takes as a training image (JPEG, PNG or WebP), by its extension. */
export function isImageName(name: string): boolean {
  return /\.(jpe?g|png|webp)$/i.test(name);
}

/**
 * A caption sidecar (`sunset.txt` captions `sunset.jpg`): plain text, or `.json` for an
 * Ideogram 4.0 structured caption.
 */
export function isCaptionName(name: string): boolean {
  return /\.(txt|json)$/i.test(name);
}

/** Whether a sidecar holds a structured (JSON) caption. */
export const isJsonCaptionName = (name: string): boolean => /\.json$/i.test(name);

/** What an image's first bytes say it is: only the kinds Ideogram takes, else null. */
export function sniffImageType(bytes: Uint8Array): string | null {
  const has = (at: number, ...expected: number[]) => expected.every((b, i) => bytes[at + i] === b);
  const text = (at: number, ascii: string) => has(at, ...Array.from(ascii, (c) => c.charCodeAt(0)));
  if (has(0, 0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (has(0, 0x89, 0x50, 0x4e, 0x47)) return 'image/png';
  if (text(0, 'RIFF') && text(8, 'WEBP')) return 'image/webp';
  return null;
}

export function kindOf(name: string, type: string): FileKind {
  if (isImageName(name) || ['image/jpeg', 'image/png', 'image/webp'].includes(type)) {
    return 'image';
  }
  if (isCaptionName(name)) return 'caption';
  const ext = extensionOf(name);
  if (ext === 'zip' || type === 'application/zip' || type === 'application/x-zip-compressed') {
    return 'zip';
  }
  return 'refused';
}

/** The extension a fetched image gets from its type, when its URL has none. */
export function extensionForType(type: string): string | null {
  const entry = Object.entries(IMAGE_TYPES).find(([ext, t]) => t === type && ext !== 'jpeg');
  return entry ? entry[0] : null;
}

/** Why a file is not added, in words. */
/** Why an image file is refused before it is kept: too large, or not an image by its bytes. */
export function imageFileProblem(
  name: string,
  size: number,
  sniffed: string | null,
): string | null {
  if (size > MAX_UPLOAD_BYTES) {
    return `${name}: ${megabytes(size)} MB, over the ${megabytes(MAX_UPLOAD_BYTES)} MB an image may be.`;
  }
  if (sniffed === null) {
    return `${name}: its contents are not a JPEG, PNG or WebP image, whatever its name says.`;
  }
  return null;
}

/**
 * Why a caption would be refused before anything is sent: a `.json` sidecar (or a caption that
 * starts as JSON does) must be a JSON object Ideogram can read, and fit the caption's length.
 */
export function captionProblem(name: string, text: string, json: boolean): string | null {
  if (!json) return null;
  if (text.length > CAPTION_LIMIT) {
    return `${name}: its JSON caption is over ${CAPTION_LIMIT.toLocaleString('en')} characters, more than Model Watch keeps. Shorten it.`;
  }
  if (parseJsonCaption(text) === null) {
    return `${name}: its caption is not valid JSON (a structured caption is one JSON object), so Ideogram would refuse it. Fix it, or write it as plain text.`;
  }
  return null;
}

export function refusedWords(name: string): string {
  const ext = extensionOf(name);
  return `${name}: Ideogram takes JPEG, PNG or WebP images, .txt and .json captions and ZIPs of them${
    ext ? `, not .${ext} files` : ''
  }.`;
}

/**
 * Pairs `.txt` captions with images by stem (`sunset.txt` captions `sunset.jpg`), among the files
 * added together and the images already waiting. Returns each caption's text by image name, and
 * the caption files that match no image.
 */
export function matchCaptions(
  captions: { name: string; text: string }[],
  imageNames: readonly string[],
): { byImage: Map<string, string>; unmatched: string[] } {
  const byStem = new Map<string, string>();
  for (const name of imageNames) {
    const stem = stemOf(name).toLowerCase();
    if (!byStem.has(stem)) byStem.set(stem, name);
  }
  const byImage = new Map<string, string>();
  const unmatched: string[] = [];
  for (const caption of captions) {
    const image = byStem.get(stemOf(caption.name).toLowerCase());
    if (image === undefined) unmatched.push(caption.name);
    else byImage.set(image, caption.text.trim());
  }
  return { byImage, unmatched };
}

/**
 * A name unused among `taken` (case-insensitive, by stem, since captions pair by stem):
 * `photo.jpg`, then `photo-2.jpg`, `photo-3.jpg`…
 */
export function uniqueName(name: string, taken: Iterable<string>): string {
  const stems = new Set([...taken].map((t) => stemOf(t).toLowerCase()));
  const stem = stemOf(name);
  const ext = extensionOf(name);
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const clean = stem.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '-').slice(0, 80) || 'image';
  let candidate = clean;
  for (let n = 2; stems.has(candidate.toLowerCase()); n++) candidate = `${clean}-${n}`;
  return ext ? `${candidate}.${ext}` : candidate;
}

/** What Ideogram's documented `failure_reason`s mean, in words a person can act on. */
export function failureWords(reason: string): string {
  switch (reason) {
    case 'FAILED_SAFETY_CHECK':
      return 'Rejected by Ideogram’s safety check: use another image.';
    case 'FILE_TOO_LARGE':
      return 'Too large for Ideogram: use a smaller or more compressed image.';
    case 'INTERNAL_ERROR':
      return 'Ideogram had a problem with this file: upload it again.';
    case 'INVALID_CAPTION':
      return 'Ideogram could not read its caption: edit the caption and upload again.';
    case 'INVALID_CAPTION_JSON':
      return 'Ideogram could not read its caption’s JSON: edit the caption and upload again.';
    case 'INVALID_IMAGE':
      return 'Not an image Ideogram can read (JPEG, PNG or WebP): replace it.';
    case 'INVALID_ZIP':
      return 'Ideogram could not open this ZIP: make it again.';
    case 'TOO_MANY_IMAGES':
      return `The dataset is full (${MAX_IMAGES} images at most): remove this one or some already there.`;
    default:
      return `Ideogram refused it (${reason.toLowerCase().replace(/_/g, ' ')}).`;
  }
}
