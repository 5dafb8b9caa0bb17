import { MAX_IMAGES, MIN_IMAGES } from '../api/limits';
import { plural } from '../words/format';

// What the Datasets tab says of a dataset's images: how many, and whether a training can use them.

/** How many of the files have a caption (here, not with the captions' reading: the Datasets tab paints first). */
export const captionedCount = (files: readonly { caption?: string }[]): number =>
  files.filter((f) => (f.caption ?? '').trim() !== '').length;

/** What training needs of a dataset: 15 to 100 images. */
export const TRAINING_RANGE = { min: MIN_IMAGES, max: MAX_IMAGES } as const;

/**
 * "24 images · ready to train" / "9 images · 6 more needed to train" / counting; with how many
 * are captioned once all its files are known ("24 images · 20 captioned · ready to train").
 */
export function readiness(
  fileCount: number | undefined,
  files?: readonly { caption?: string }[],
): {
  text: string;
  tone: 'ok' | 'warn' | 'muted';
} {
  if (fileCount === undefined) return { text: 'Counting images…', tone: 'muted' };
  const captioned = files?.length === fileCount ? captionedCount(files) : undefined;
  const images =
    // A dataset without captions says nothing of them.
    !captioned || fileCount === 0
      ? plural(fileCount, 'image')
      : `${plural(fileCount, 'image')} · ${captioned === fileCount ? 'all' : captioned.toLocaleString('en')} captioned`;
  if (fileCount < TRAINING_RANGE.min) {
    return {
      text: `${images} · ${TRAINING_RANGE.min - fileCount} more needed to train`,
      tone: 'warn',
    };
  }
  if (fileCount > TRAINING_RANGE.max) {
    return { text: `${images} · over the ${TRAINING_RANGE.max} a training can use`, tone: 'warn' };
  }
  return { text: `${images} · ready to train`, tone: 'ok' };
}
