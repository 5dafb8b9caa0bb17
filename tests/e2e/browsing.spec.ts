import type { Page } from '@playwright/test';
import { standardAccount } from '../fake-api';
import { type Extension, expect, test, withAccount } from './fixtures';

// The browser's own menus and address bar cannot be driven headless, so these tests fire the very
// events the browser would (`dispatch` on the extension's event objects): the listeners and
// everything after them are the production code.

const TEST_PAGE = 'https://api.ideogram.ai/__test/editor.html';
const EDITOR_HTML = `<!doctype html><html><body>
<textarea id="notes">before  after</textarea>
<input id="line" type="text" value="x">
<div id="rich" contenteditable="true">Rich text</div>
</body></html>`;

async function ready(extension: Extension) {
  await extension.useKey();
  await expect.poll(async () => (await extension.snapshot()).listedAt).toBeTruthy();
}

/**
 * A page with text fields. It is served on the API's origin, where the extension has host access:
 * that stands in for the activeTab grant the browser gives on a real right-click.
 */
async function openEditor(extension: Extension, page: Page) {
  await page
    .context()
    .route(TEST_PAGE, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: EDITOR_HTML }),
    );
  await page.goto(TEST_PAGE);
  const tabId = await (
    await extension.worker()
  ).evaluate(async (url) => (await chrome.tabs.query({ url }))[0]?.id, TEST_PAGE);
  expect(tabId).toBeDefined();
  return tabId!;
}

async function clickInsertMenu(extension: Extension, modelId: string, tabId: number) {
  await (
    await extension.worker()
  ).evaluate(
    ([id, tab]) =>
      (
        chrome.contextMenus.onClicked as unknown as { dispatch: (...a: unknown[]) => void }
      ).dispatch({ menuItemId: `insert:${id}`, frameId: 0, editable: true }, { id: tab }),
    [modelId, tabId] as const,
  );
}

test('the right-click menu inserts a ready model’s URI at the cursor', async ({
  context,
  extension,
  fake,
}) => {
  await ready(extension);
  const page = await context.newPage();
  const tabId = await openEditor(extension, page);
  const brand = fake.account.models.find((m) => m.name === 'Brand v1')!;

  // A textarea, the cursor between the two spaces.
  await page.locator('#notes').focus();
  await page.locator('#notes').evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(7, 7));
  await clickInsertMenu(extension, brand.model_id, tabId);
  await expect(page.locator('#notes')).toHaveValue('before model/brand-v1/version/1 after');

  // A one-line input, and a contenteditable element.
  await page.locator('#line').focus();
  await page.locator('#line').evaluate((el: HTMLInputElement) => el.setSelectionRange(1, 1));
  await clickInsertMenu(extension, brand.model_id, tabId);
  await expect(page.locator('#line')).toHaveValue('xmodel/brand-v1/version/1');
  await page.locator('#rich').focus();
  await page.keyboard.press('End');
  await clickInsertMenu(extension, brand.model_id, tabId);
  await expect(page.locator('#rich')).toHaveText('Rich textmodel/brand-v1/version/1');

  expect(((await extension.storage()).recents as string[])[0]).toBe(brand.model_id);
});

test('a model without a URI inserts its ID and says so; a closed page is explained', async ({
  context,
  extension,
  fake,
}) => {
  await ready(extension);
  const page = await context.newPage();
  const tabId = await openEditor(extension, page);
  const unregistered = fake.account.models.find((m) => m.name === 'Unregistered')!;
  await page.locator('#notes').fill('');
  await page.locator('#notes').focus();
  await clickInsertMenu(extension, unregistered.model_id, tabId);
  await expect(page.locator('#notes')).toHaveValue(unregistered.model_id);
  await expect.poll(async () => (await extension.badge()).title).toMatch(/Inserted the ID/);

  // A page extensions may not enter: the browser's own. (Its URL is hidden from the extension,
  // so its tab is the one that appears.)
  const tabIds = async () =>
    (await extension.worker()).evaluate(async () =>
      (await chrome.tabs.query({})).map((t) => t.id!),
    );
  const before = await tabIds();
  const settings = await context.newPage();
  await settings.goto('chrome://version');
  const settingsTab = (await tabIds()).find((id) => !before.includes(id));
  await clickInsertMenu(extension, unregistered.model_id, settingsTab!);
  await expect.poll(async () => (await extension.badge()).title).toMatch(/cannot insert here/);
});

test('the address bar suggests models and copies the chosen one', async ({
  context,
  extension,
  fake,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await ready(extension);
  fake.clearRequests();
  const worker = await extension.worker();
  const suggestions = await worker.evaluate(
    (text) =>
      new Promise<{ content: string; description: string }[]>((resolve) =>
        (
          chrome.omnibox.onInputChanged as unknown as { dispatch: (...a: unknown[]) => void }
        ).dispatch(text, resolve),
      ),
    'poster',
  );
  expect(suggestions).toEqual([
    {
      content: fake.account.models.find((m) => m.name === 'Poster look')!.model_id,
      description: expect.stringContaining('<match>Poster</match> look'),
    },
  ]);
  expect(fake.requests).toHaveLength(0);

  await worker.evaluate(() =>
    (chrome.omnibox.onInputEntered as unknown as { dispatch: (...a: unknown[]) => void }).dispatch(
      'brand v1',
      'currentTab',
    ),
  );
  const page = await extension.open('options.html');
  await expect
    .poll(() => page.evaluate(() => navigator.clipboard.readText()))
    .toBe('model/brand-v1/version/1');
  await expect
    .poll(async () => (await extension.badge()).title)
    .toMatch(/Copied the URI of Brand v1/);
});

test('pins bring models to the top of the popup, and stay', async ({ extension }) => {
  await ready(extension);
  const popup = await extension.open('popup.html');
  await popup.getByRole('combobox', { name: 'Sort' }).selectOption('name');
  const names = () => popup.locator('[role="listitem"] .name').allTextContents();
  expect((await names())[0]).toBe('<img src=x onerror=alert(1)>');
  await popup.getByRole('button', { name: 'Pin Team mascot' }).click();
  await expect(popup.getByRole('button', { name: 'Pin Team mascot' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  expect((await names())[0]).toBe('Team mascot');
  await popup.reload();
  expect((await names())[0]).toBe('Team mascot');
});

test.describe('copy as code, with a canary key stored', () => {
  const CANARY = 'CANARY-snippet-5e1c9b';
  test.use(withAccount(() => standardAccount(CANARY)));

  test('each snippet holds the model URI and a placeholder, never the key', async ({
    context,
    extension,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await extension.useKey(CANARY);
    await expect.poll(async () => (await extension.snapshot()).listedAt).toBeTruthy();
    const popup = await extension.open('popup.html');
    for (const label of [
      'Copy as curl',
      'Copy as JavaScript (fetch)',
      'Copy as Python (requests)',
    ]) {
      await popup.getByRole('button', { name: 'More ways to copy Brand v1' }).click();
      await popup.getByRole('menuitem', { name: label }).click();
      const text = await popup.evaluate(() => navigator.clipboard.readText());
      expect(text).toContain('model/brand-v1/version/1');
      expect(text).toContain('IDEOGRAM_API_KEY');
      expect(text).not.toContain(CANARY);
    }
    // A model without a URI cannot make a generate request: the items say why.
    await popup.getByRole('button', { name: 'More ways to copy Brand v2' }).click();
    await expect(popup.getByRole('menuitem', { name: 'Copy as curl' })).toHaveAttribute(
      'title',
      'No URI yet: the model is still training.',
    );
    await popup.keyboard.press('Escape');
    await expect(popup.getByRole('menu')).toHaveCount(0);
  });
});
