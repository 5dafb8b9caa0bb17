import { browser } from 'wxt/browser';
import { OFFSCREEN_COPY, type OffscreenCopy } from '../../utils/surfaces/clipboard';

// Chrome's service worker has no DOM and no clipboard: this hidden document copies for it. It
// answers only the extension itself.
browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
  const request = message as OffscreenCopy;
  if (sender.id !== browser.runtime.id || request?.tag !== OFFSCREEN_COPY) return false;
  const area = document.getElementById('text') as HTMLTextAreaElement;
  area.value = request.text;
  area.select();
  // An offscreen document never has focus, so the async Clipboard API is refused; this is not.
  const copied = document.execCommand('copy');
  area.value = '';
  sendResponse({ copied });
  return true;
});
