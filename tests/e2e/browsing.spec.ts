import { type FakeApi, standardAccount } from '../fake-api';
import type { ExtPage } from './driver/page';
import {
  expect,
  type Extension,
  hasAttribute,
  hasCount,
  listedAndCounted,
  test,
  visible,
  withAccount,
  BOTH_BROWSERS,
} from './fixtures';

// Copying while browsing: the right-click menu and the address bar. In Firefox both are driven
// for real (a right-click opens the browser's own menu, whose item is chosen; the address bar's
// search backend runs the keyword). Chromium's menus and address bar cannot be driven headless:
// there the test fires the very events the browser would, with the same data, and everything
// from the extension's listeners on is the production code.

const EDITOR_HTML = `<!doctype html><html><body>
<textarea id="notes">before  after</textarea>
<input id="line" type="text" value="x">
<div id="rich" contenteditable="true">Rich text</div>
</body></html>`;

async function ready(extension: Extension, fake: FakeApi) {
  await extension.useKey();
  await listedAndCounted(extension, fake);
}

/**
 * A page with text fields, served on the API's origin (where the extension has host access, which
 * stands in for Chromium's activeTab grant; Firefox's real menu click grants it).
 */
async function openEditor(extension: Extension, fake: { servePage(p: string, h: string): string }) {
  return extension.openWeb(fake.servePage('/__test/editor.html', EDITOR_HTML));
}

/** Puts the caret of `field` at `offset` (or at its end). */
async function caret(page: ExtPage, field: string, offset: number | 'end') {
  await page.css(field).withElement((el, at) => {
    (el as HTMLElement).focus();
    if (el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement) {
      const end = at === 'end' ? el.value.length : at;
      el.setSelectionRange(end, end);
    } else {
      const range = document.createRange();
      range.selectNodeContents(el);
      range.collapse(false);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
    }
  }, offset);
}

const fieldValue = (page: ExtPage, field: string) =>
  page.css(field).withElement((el) => (el as HTMLInputElement).value ?? el.textContent, null);

test(
  'the right-click menu inserts a ready model’s URI at the cursor',
  BOTH_BROWSERS,
  async ({ extension, fake }) => {
    await ready(extension, fake);
    const page = await openEditor(extension, fake);
    const brand = fake.account.models.find((m) => m.name === 'Brand v1')!;
    const item = { title: 'Brand v1', modelId: brand.model_id };

    // The menu offers the ready models (read from the real menu where the browser allows).
    const titles = await extension.insertMenuTitles(page, '#notes');
    if (titles !== null) {
      expect(titles).toContain('Brand v1');
      expect(titles).toContain('Unregistered (no URI: inserts its ID)');
      expect(titles).not.toContain('Brand v2');
    }

    // A textarea, the cursor between the two spaces.
    await caret(page, '#notes', 7);
    await extension.insertFromMenu(page, '#notes', item, () => caret(page, '#notes', 7));
    await expect
      .poll(() => fieldValue(page, '#notes'))
      .toBe('before model/brand-v1/version/1 after');

    // A one-line input, and a contenteditable element.
    await extension.insertFromMenu(page, '#line', item, () => caret(page, '#line', 1));
    await expect.poll(() => fieldValue(page, '#line')).toBe('xmodel/brand-v1/version/1');
    await extension.insertFromMenu(page, '#rich', item, () => caret(page, '#rich', 'end'));
    await expect.poll(() => fieldValue(page, '#rich')).toBe('Rich textmodel/brand-v1/version/1');

    await expect
      .poll(async () => ((await extension.storage()).recents as string[] | undefined)?.[0])
      .toBe(brand.model_id);
  },
);

test('a model without a URI inserts its ID, and says so', async ({ extension, fake }) => {
  await ready(extension, fake);
  const page = await openEditor(extension, fake);
  const unregistered = fake.account.models.find((m) => m.name === 'Unregistered')!;
  await extension.insertFromMenu(
    page,
    '#notes',
    { title: 'Unregistered (no URI: inserts its ID)', modelId: unregistered.model_id },
    async () => {
      await page.css('#notes').withElement((el) => ((el as HTMLTextAreaElement).value = ''), null);
      await caret(page, '#notes', 0);
    },
  );
  await expect.poll(() => fieldValue(page, '#notes')).toBe(unregistered.model_id);
  await expect.poll(async () => (await extension.badge()).title).toMatch(/Inserted the ID/);
});

test(
  'the address bar suggests models and copies the chosen one',
  BOTH_BROWSERS,
  async ({ extension, fake }) => {
    await ready(extension, fake);
    fake.clearRequests();
    const poster = fake.account.models.find((m) => m.name === 'Poster look')!;
    const suggestions = await extension.omnibox.type('poster');
    expect(suggestions).toHaveLength(1);
    expect(suggestions[0]!.content).toBe(poster.model_id);
    // Chromium's suggestions are marked up; Firefox's are plain text.
    expect(suggestions[0]!.description).toMatch(
      extension.browser === 'chromium' ? /<match>Poster<\/match> look/ : /^Poster look · Training/,
    );
    // Typing asks nothing of the API.
    expect(fake.requests).toHaveLength(0);

    await extension.omnibox.enter('brand v1');
    await expect.poll(() => extension.clipboard()).toBe('model/brand-v1/version/1');
    await expect
      .poll(async () => (await extension.badge()).title)
      .toMatch(/Copied the URI of Brand v1/);
  },
);

test('pins bring models to the top of the popup, and stay', async ({ extension, fake }) => {
  await ready(extension, fake);
  const popup = await extension.open('popup.html');
  await popup.role('button', /^Filters/).click();
  await popup.role('combobox', 'Sort by').selectOption('name');
  await popup.press('Escape');
  const first = async () => (await popup.css('[role="listitem"] .name').allTexts())[0];
  await expect.poll(first).toBe('<img src=x onerror=alert(1)>');
  await popup.role('button', 'More for Team mascot').click();
  await popup.role('menuitem', /Pin to the top/).click();
  await expect.poll(first).toBe('★ Team mascot');
  await popup.role('button', 'More for Team mascot').click();
  await visible(popup.role('menuitem', /Unpin/));
  await popup.press('Escape');
  // Kept by the background: the next opening shows it first too.
  await expect.poll(async () => (await extension.storage()).pins).toHaveLength(1);
  await popup.reload();
  await expect.poll(first).toBe('★ Team mascot');
});

test.describe('copy as code, with a canary key stored', () => {
  const CANARY = 'CANARY-snippet-5e1c9b';
  test.use(withAccount(() => standardAccount(CANARY)));

  test('each snippet holds the model URI and a placeholder, never the key', async ({
    extension,
  }) => {
    await extension.useKey(CANARY);
    await expect.poll(async () => (await extension.snapshot()).listedAt).toBeTruthy();
    const popup = await extension.open('popup.html');
    for (const label of [
      'Copy as curl',
      'Copy as JavaScript (fetch)',
      'Copy as Python (requests)',
    ]) {
      await popup.role('button', 'More for Brand v1').click();
      await popup.role('menuitem', label).click();
      const text = await extension.clipboard();
      expect(text).toContain('model/brand-v1/version/1');
      expect(text).toContain('IDEOGRAM_API_KEY');
      expect(text).not.toContain(CANARY);
    }
    // A model without a URI cannot make a generate request: the items say why.
    await popup.role('button', 'More for Brand v2').click();
    await hasAttribute(
      popup.role('menuitem', /Copy as curl/),
      'title',
      'No URI yet: the model is still training.',
    );
    await popup.press('Escape');
    await hasCount(popup.role('menu'), 0);
  });
});
