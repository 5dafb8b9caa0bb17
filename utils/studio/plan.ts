import { CAPTION_MAX, MAX_IMAGES } from '../api/limits';
import {
  captionProblem,
  isCaptionName,
  isJsonCaptionName,
  imageFileProblem,
  isImageName,
  kindOf,
  matchCaptions,
  refusedWords,
  stemOf,
  uniqueName,
} from './rules';
import { imagesOf, type TrayItem } from './tray';
import type { ZipContents } from './tray';
import type { ZipEntry } from './zip';

/** A ZIP's entry names kept with it (a dataset takes 100 images; its captions beside them). */
const ZIP_NAMES_KEPT = 250;

// What the tray does with files picked or dropped, and what it sends, as pure functions of what
// the page read: which files are added and under what names, which are refused and why, which
// captions go with which image, and which items are past the dataset's limit. The page reads the
// files (a caption's text, a ZIP's listing) and writes the tray; the decisions are all here.

export { CAPTION_MAX };

/** A file picked or dropped, as read by the page. */
export interface PickedFile {
  name: string;
  type: string;
  size: number;
  /** A caption's text. */
  text?: string;
  /** An image's type by its first bytes (null: not JPEG, PNG or WebP); absent when not read. */
  sniffed?: string | null;
  /** A ZIP's entries, or null when it could not be opened. */
  entries?: readonly ZipEntry[] | null;
}

/** A file to put in the tray, under a name unique in the tray and the dataset. */
export interface Adding<F> {
  file: F;
  name: string;
  kind: TrayItem['kind'];
  /** Its caption (from a `.txt` added with it), or ''. */
  caption: string;
  /** What a ZIP holds, by name. */
  zip?: ZipContents;
}

export interface AddPlan<F> {
  added: Adding<F>[];
  /** Captions for images already waiting in the tray, by item id. */
  captioned: { id: string; caption: string }[];
  /** Files not added, in words (wrong type, captions without an image, an unreadable ZIP). */
  refused: string[];
}

/**
 * Plans adding files to a tray holding `waiting`, for a dataset holding `inDataset` names: images
 * and ZIPs are added, captions matched by stem (`sunset.txt` captions `sunset.jpg`) among the
 * images added and those waiting.
 */
export function planAdding<F extends PickedFile>(
  files: readonly F[],
  waiting: readonly Pick<TrayItem, 'id' | 'name' | 'kind'>[],
  inDataset: readonly string[],
): AddPlan<F> {
  const refused: string[] = [];
  // Unique against what waits and what the dataset holds: captions pair by name, and a cut-off
  // upload is read back by name.
  const taken = [...waiting.map((item) => item.name), ...inDataset];
  const added: Adding<F>[] = [];
  const captions: { name: string; text: string }[] = [];
  for (const file of files) {
    const kind = kindOf(file.name, file.type);
    if (kind === 'refused') {
      refused.push(refusedWords(file.name));
      continue;
    }
    if (kind === 'caption') {
      // A structured caption is checked whole: cut, its JSON would be broken.
      const text = file.text ?? '';
      const problem = captionProblem(file.name, text, isJsonCaptionName(file.name));
      if (problem) {
        refused.push(problem);
        continue;
      }
      captions.push({ name: file.name, text: text.slice(0, CAPTION_MAX) });
      continue;
    }
    const problem =
      kind === 'image' && file.sniffed !== undefined
        ? imageFileProblem(file.name, file.size, file.sniffed)
        : null;
    if (problem) {
      refused.push(problem);
      continue;
    }
    // Reserved even when the ZIP turns out unreadable: a later file of its stem is numbered all
    // the same (harmless, and kept as the page always did it).
    const name = uniqueName(file.name, taken);
    taken.push(name);
    const adding: Adding<F> = { file, name, kind, caption: '' };
    if (kind === 'zip') {
      if (!file.entries) {
        refused.push(`${file.name}: not a ZIP that can be opened. Make it again.`);
        continue;
      }
      // A sidecar captions an image of its stem; other .txt or .json files (a manifest, notes)
      // are not captions.
      const stems = new Set(
        file.entries.filter((e) => isImageName(e.name)).map((e) => stemOf(e.name).toLowerCase()),
      );
      adding.zip = {
        images: file.entries.filter((e) => isImageName(e.name)).length,
        captions: file.entries.filter(
          (e) => isCaptionName(e.name) && stems.has(stemOf(e.name).toLowerCase()),
        ).length,
        names: file.entries.slice(0, ZIP_NAMES_KEPT).map((e) => e.name),
      };
    }
    added.push(adding);
  }
  const images = [...waiting, ...added].filter((i) => i.kind === 'image');
  const { byImage, unmatched } = matchCaptions(
    captions,
    images.map((i) => i.name),
  );
  for (const name of unmatched) {
    refused.push(
      `${name}: no image with the same name to caption (sunset.txt captions sunset.jpg).`,
    );
  }
  for (const adding of added) adding.caption = byImage.get(adding.name) ?? '';
  const captioned = waiting.flatMap((item) => {
    const caption = byImage.get(item.name);
    return caption === undefined ? [] : [{ id: item.id, caption }];
  });
  return { added, captioned, refused };
}

/**
 * Items over the dataset's 100-image limit, counting the `inDataset` images already there (a ZIP
 * counts its images), oldest first in: flagged before sending, and not sent.
 */
export function overLimitOf(
  items: readonly TrayItem[],
  inDataset: number | null,
): { room: number; over: Set<string> } {
  const room = Math.max(0, MAX_IMAGES - (inDataset ?? 0));
  const over = new Set<string>();
  let used = 0;
  for (const item of items) {
    used += imagesOf(item);
    if (used > room) over.add(item.id);
  }
  return { room, over };
}

/**
 * Names items whose names the dataset already holds apart (`photo.jpg` → `photo-2.jpg`), against
 * the dataset and the other items, so a file read back after a cut-off upload is known by its
 * name. Returns the items as they will be sent, and the renames to write to the tray.
 */
export function namedApart<T extends { id: string; name: string }>(
  items: readonly T[],
  inDataset: readonly string[],
): { named: T[]; renamed: { id: string; name: string }[] } {
  const taken = [...inDataset];
  const named: T[] = [];
  const renamed: { id: string; name: string }[] = [];
  for (const item of items) {
    const others = [...taken, ...items.filter((i) => i !== item).map((i) => i.name)];
    const name = uniqueName(item.name, others);
    if (name !== item.name) renamed.push({ id: item.id, name });
    taken.push(name);
    named.push({ ...item, name });
  }
  return { named, renamed };
}
