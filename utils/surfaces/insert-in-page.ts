import { browser } from 'wxt/browser';
import type { Model } from '../api/types';
import { recordRecent } from '../storage/changes';
import { tellUser } from './feedback';
import { primaryCopy } from '../models/pick';

// What the right-click "Insert Ideogram model" does in the page: a few self-contained lines run
// in the clicked frame only, after the click (activeTab), and the user is told how it went.

/**
 * Runs in the page, in the frame that was right-clicked: inserts `text` at the cursor of the
 * focused field. Self-contained, since it is serialised into the page.
 */
export function insertAtCursor(text: string): 'inserted' | 'no-field' {
  const field = document.activeElement as HTMLElement | null;
  const isTextField =
    field instanceof HTMLTextAreaElement ||
    (field instanceof HTMLInputElement && /^(text|search|url|email|tel|)$/.test(field.type));
  if (isTextField) {
    const input = field as HTMLInputElement | HTMLTextAreaElement;
    if (input.readOnly || input.disabled) return 'no-field';
    // The editing command keeps the page's undo history and the input events its scripts expect.
    if (document.execCommand('insertText', false, text)) return 'inserted';
    const start = input.selectionStart ?? input.value.length;
    input.setRangeText(text, start, input.selectionEnd ?? start, 'end');
    input.dispatchEvent(
      new InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }),
    );
    return 'inserted';
  }
  if (field?.isContentEditable) {
    if (document.execCommand('insertText', false, text)) return 'inserted';
    const selection = getSelection();
    if (!selection || selection.rangeCount === 0) return 'no-field';
    const range = selection.getRangeAt(0);
    range.deleteContents();
    range.insertNode(document.createTextNode(text));
    range.collapse(false);
    return 'inserted';
  }
  return 'no-field';
}

/** Inserts the model's URI (its ID when it has none) into the field right-clicked in `tab`. */
export async function insertModel(model: Model, tabId: number, frameId = 0): Promise<void> {
  const { text, isUri } = primaryCopy(model);
  let outcome: 'inserted' | 'no-field' | 'refused';
  try {
    const [result] = await browser.scripting.executeScript({
      target: { tabId, frameIds: [frameId] },
      func: insertAtCursor,
      args: [text],
    });
    outcome = (result?.result as 'inserted' | 'no-field' | undefined) ?? 'no-field';
  } catch {
    // The browser's own pages and the extension stores do not let extensions in.
    outcome = 'refused';
  }
  if (outcome === 'refused') {
    await tellUser({
      ok: false,
      title: 'Model Watch cannot insert here',
      body: 'This page does not let extensions in (browser pages and extension stores never do). Copy the URI from the Model Watch popup instead.',
    });
    return;
  }
  if (outcome === 'no-field') {
    await tellUser({
      ok: false,
      title: 'No text field to insert into',
      body: 'Click into a text field first, then choose the model again.',
    });
    return;
  }
  await recordRecent(model.id);
  if (!isUri) {
    await tellUser({
      ok: true,
      title: `Inserted the ID of ${model.name}`,
      body: 'It has no URI yet (it is not in the model registry), so its model ID was inserted.',
    });
  }
}
