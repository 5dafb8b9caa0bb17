import type { UploadFile, UploadResult } from '../api/types';
import type { UploadOutcome } from '../messaging/protocol';
import { looksLikeJson } from '../views/captions';
import { captionProblem, failureWords, stemOf } from './rules';
import type { TrayItem } from './tray';

// How the tray travels to Ideogram, as pure functions: what files one item sends, how items split
// into the requests sent one after another, and what an upload's answer means for each item. The
// page plans its batches with them; the background (utils/background/studio.ts) sends them.

/** What goes in one request: an image and its caption sidecar, or a ZIP. */
export function filesOf(item: TrayItem): UploadFile[] {
  if (!item.blob) return [];
  const files: UploadFile[] = [
    { name: item.name, blob: item.blob, ...(item.zip?.names && { entries: item.zip.names }) },
  ];
  const caption = item.caption.trim();
  if (item.kind === 'image' && caption !== '') {
    // A structured caption goes as the `.json` sidecar Ideogram 4.0 datasets take.
    const json = looksLikeJson(caption);
    files.push({
      name: `${stemOf(item.name)}.${json ? 'json' : 'txt'}`,
      blob: new Blob([caption], { type: json ? 'application/json' : 'text/plain' }),
    });
  }
  return files;
}

/**
 * Why an item cannot be sent as it is, before anything is sent: a caption that starts as JSON
 * does but is not valid JSON (Ideogram would refuse it as INVALID_CAPTION_JSON).
 */
export function itemProblem(item: TrayItem): string | null {
  const caption = item.caption.trim();
  if (item.kind !== 'image' || !looksLikeJson(caption)) return null;
  return captionProblem(`${stemOf(item.name)}.json`, caption, true);
}

/** At most this many images, and about this many bytes, per request. */
export const BATCH_IMAGES = 10;
export const BATCH_BYTES = 20 * 1024 * 1024;

/** Splits items into the batches sent one after another (a ZIP travels alone). */
export function batchesOf(items: readonly TrayItem[]): TrayItem[][] {
  const batches: TrayItem[][] = [];
  let current: TrayItem[] = [];
  let bytes = 0;
  for (const item of items) {
    const full =
      current.length >= BATCH_IMAGES ||
      (current.length > 0 && bytes + item.size > BATCH_BYTES) ||
      (item.kind === 'zip' && current.length > 0);
    if (full) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += item.size;
    if (item.kind === 'zip') {
      batches.push(current);
      current = [];
      bytes = 0;
    }
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

const NOT_CONFIRMED =
  'Ideogram did not say whether it took this file: check the dataset’s files, then upload it again or remove it.';

/** What an upload's answer means for each item sent: taken (it leaves the tray) or kept, and why. */
export function settleUpload(
  items: readonly TrayItem[],
  result: UploadResult,
): {
  taken: TrayItem[];
  kept: { item: TrayItem; problem: string }[];
  notes: UploadOutcome['failed'];
} {
  const notes: UploadOutcome['failed'] = [];
  // A ZIP travels alone: every refusal is of a file inside it, unless it names the ZIP itself.
  if (items.length === 1 && items[0]!.kind === 'zip') {
    const zip = items[0]!;
    const own = result.failures.find((f) => f.fileName === zip.name);
    if (own) return { taken: [], kept: [{ item: zip, problem: failureWords(own.reason) }], notes };
    for (const f of result.failures) {
      notes.push({ name: f.fileName ?? `a file in ${zip.name}`, problem: failureWords(f.reason) });
    }
    return { taken: [zip], kept: [], notes };
  }
  const named = new Set(result.succeededNames);
  const byName = new Map(items.map((item) => [item.name, item]));
  const byStem = new Map(items.map((item) => [stemOf(item.name).toLowerCase(), item]));
  const problems = new Map<string, string>();
  let unnamed = 0;
  for (const failure of result.failures) {
    const words = failureWords(failure.reason);
    const image = failure.fileName === null ? undefined : byName.get(failure.fileName);
    if (image) {
      problems.set(image.id, words);
      continue;
    }
    // A caption's refusal: its image stays with it, unless Ideogram took the image anyway.
    const captioned =
      failure.fileName === null ? undefined : byStem.get(stemOf(failure.fileName).toLowerCase());
    if (!captioned) unnamed += 1;
    else if (named.has(captioned.name)) {
      notes.push({
        name: failure.fileName!,
        problem: `${captioned.name} was added without it. ${words}`,
      });
    } else problems.set(captioned.id, words);
  }
  const taken: TrayItem[] = [];
  const kept: { item: TrayItem; problem: string }[] = [];
  for (const item of items) {
    const problem =
      problems.get(item.id) ?? (unnamed > 0 && !named.has(item.name) ? NOT_CONFIRMED : undefined);
    if (problem === undefined) taken.push(item);
    else kept.push({ item, problem });
  }
  return { taken, kept, notes };
}
