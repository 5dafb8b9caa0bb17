import { browser } from 'wxt/browser';

export const OFFSCREEN_COPY = 'model-watch-offscreen-copy';
export interface OffscreenCopy {
  tag: typeof OFFSCREEN_COPY;
  text: string;
}

const OFFSCREEN_PATH = '/offscreen.html';

async function ensureOffscreenDocument(): Promise<void> {
  const offscreen = browser.offscreen;
  if (await offscreen.hasDocument?.()) return;
  try {
    await offscreen.createDocument({
      url: OFFSCREEN_PATH,
      reasons: ['CLIPBOARD'],
      justification: 'Copy a model URI chosen in the address bar to the clipboard.',
    });
  } catch (error) {
    // Two copies at once: the other one created it.
    if (!String(error).includes('single offscreen')) throw error;
  }
}

/**
 * Copies text from the background. Chrome's worker has no clipboard, so an offscreen document
 * copies for it; Firefox's background page can write to the clipboard (clipboardWrite permission).
 */
export async function copyFromBackground(text: string): Promise<boolean> {
  if (import.meta.env.FIREFOX || !browser.offscreen) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      return false;
    }
  }
  await ensureOffscreenDocument();
  const reply = (await browser.runtime.sendMessage({
    tag: OFFSCREEN_COPY,
    text,
  } satisfies OffscreenCopy)) as { copied?: boolean } | undefined;
  return reply?.copied === true;
}
