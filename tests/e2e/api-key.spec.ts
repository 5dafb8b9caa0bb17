import { standardAccount } from '../fake-api';
import {
  expect,
  focused,
  hasAttribute,
  hasText,
  hasValue,
  hidden,
  lacksText,
  test,
  visible,
  withAccount,
  BOTH_BROWSERS,
} from './fixtures';

// The main path, in both browsers: install, key, badge, the popup's lists, a copy.
test(
  'a new user gets the options page, saves a key, sees the badge and the lists, and copies a URI',
  BOTH_BROWSERS,
  async ({ extension, fake }) => {
    expect(extension.openedOnInstall).toEqual([extension.url('options.html')]);
    expect(await extension.badge()).toMatchObject({
      text: '?',
      title: expect.stringMatching(/not set up/),
    });

    const page = await extension.open('options.html');
    // The cursor is in the key field, ready for a paste.
    await focused(page.role('textbox', 'API key'));
    // A new extension's button waits in the Extensions menu: the page says how to pin it.
    const hint = page.role('complementary', 'Pin Model Watch');
    await hasText(
      hint,
      extension.browser === 'firefox' ? /gear next to Model Watch/ : /pin next to Model Watch/,
    );
    await page.role('textbox', 'API key').fill(fake.account.apiKey);
    await page.role('button', 'Save').click();
    await visible(page.text('Key works: you have 9 models and 2 datasets'));
    await visible(page.role('heading', 'Account 1'));
    // The card says which key it holds by its last four characters, and nothing more of it.
    await hasText(page.css('.account .key-hint'), `····${fake.account.apiKey.slice(-4)}`);
    await lacksText(page.css('main'), fake.account.apiKey.slice(0, 8));
    await expect.poll(async () => (await extension.badge()).text).toBe('2');

    // Dismissed, the hint stays away.
    await hint.role('button', 'Got it').click();
    await hidden(hint);
    await page.reload();
    await visible(page.role('heading', 'Account 1'));
    await hidden(hint);

    // The popup lists the models and datasets, and one click copies what a generate call takes.
    const popup = await extension.open('popup.html');
    await hasText(popup.role('tab', /Models/), '10');
    await popup.role('button', 'Copy URI of Brand v1').click();
    await expect.poll(() => extension.clipboard()).toBe('model/brand-v1/version/1');
    await visible(popup.role('status').filter({ hasText: 'Copied the URI of Brand v1.' }));
    await popup.role('tab', /Datasets/).click();
    await visible(popup.role('button', /Brand photos/));
  },
);

test('a wrong key gets the rejection, keeps what was typed, and can be kept anyway', async ({
  extension,
}) => {
  const page = await extension.open('options.html');
  const field = page.role('textbox', 'API key');
  await field.fill('  wrong-key-123  ');
  await page.role('button', 'Save').click();
  await visible(page.text('Ideogram rejected this key.'));
  await hasValue(field, '  wrong-key-123  ');
  expect((await extension.storage()).apiKeys ?? {}).toEqual({});

  await page.role('button', 'Show').click();
  await hasAttribute(field, 'type', 'text');

  await page.role('button', 'Keep this key anyway').click();
  await visible(page.role('heading', 'Account 1'));
  await expect.poll(async () => (await extension.badge()).text).toBe('KEY');
  await visible(page.text(/rejected this key/));
});

test('an empty key and a huge paste are refused next to the field', async ({ extension, fake }) => {
  const page = await extension.open('options.html');
  await page.role('button', 'Save').click();
  await visible(page.text('Paste your Ideogram API key first.'));
  const field = page.role('textbox', 'API key');
  await field.fill('k'.repeat(10_000));
  await page.role('button', 'Save').click();
  await visible(page.text(/10,000 characters long/));
  await hasValue(field, 'k'.repeat(10_000));
  expect(fake.requests).toHaveLength(0);
});

test('Remove key clears the badge and the lists', async ({ extension }) => {
  await extension.useKey();
  const options = await extension.open('options.html');
  await expect.poll(async () => (await extension.badge()).text).toBe('2');

  await options.role('button', 'Remove Account 1').click();
  await options.role('button', 'Remove', { exact: true }).click();
  await visible(options.role('textbox', 'API key'));
  await expect.poll(async () => (await extension.badge()).text).toBe('?');
  const local = await extension.storage();
  expect(local.apiKeys).toEqual({});
  expect(await extension.snapshot()).toMatchObject({ models: [], datasets: [] });
  const popup = await extension.open('popup.html');
  await visible(popup.role('button', 'Add your API key'));
});

test('sample mode shows models in the popup without any request to the API', async ({
  extension,
  fake,
}) => {
  const popup = await extension.open('popup.html');
  await popup.role('button', 'Try with sample data').click();
  await visible(popup.text('Sample data'));
  await visible(popup.text('Product shots v2'));
  await visible(popup.text('Studio house style'));
  await expect.poll(async () => (await extension.badge()).text).toBe('S4');
  const options = await extension.open('options.html');
  await visible(options.text('Sample data').first());
  expect(fake.requests).toHaveLength(0);
});

test.describe('a canary key', () => {
  const CANARY = 'CANARY-7f3a9c1e5b2d-key';
  test.use(withAccount(() => standardAccount(CANARY)));

  test(
    'appears nowhere but the Api-Key header of requests to api.ideogram.ai',
    BOTH_BROWSERS,
    async ({ extension, fake }) => {
      const options = await extension.open('options.html');
      // The test does hear what the pages log, and the background where the browser lets a test
      // make it speak (Chromium's worker; Firefox's event page is heard, not reachable).
      await options.evaluate(() => console.log('page-probe'));
      const background = await extension.logInBackground('worker-probe');
      await expect.poll(() => extension.consoleText()).toContain('page-probe');
      if (background) await expect.poll(() => extension.consoleText()).toContain('worker-probe');
      await options.role('textbox', 'API key').fill(`Api-Key: ${CANARY}`);
      await options.role('button', 'Save').click();
      await visible(options.text(/Key works/));

      const popup = await extension.open('popup.html');
      await visible(popup.text('Brand v2'));
      fake.revokeKey();
      await extension.send('refresh', { force: true });
      await expect.poll(async () => (await extension.badge()).text).toBe('KEY');

      const badge = await extension.badge();
      expect(badge.title).not.toContain(CANARY);
      const local = await extension.storage('local');
      expect(Object.values(local.apiKeys as object)).toEqual([CANARY]);
      delete local.apiKeys;
      for (const area of [
        local,
        await extension.storage('session'),
        await extension.storage('sync'),
      ]) {
        expect(JSON.stringify(area)).not.toContain(CANARY);
      }
      expect(await extension.consoleText()).not.toContain(CANARY);
      for (const url of [...extension.requestedUrls(), ...fake.requests.map((r) => r.url)]) {
        expect(url).not.toContain(CANARY);
      }
      expect(fake.requests.length).toBeGreaterThanOrEqual(3);
      for (const request of fake.requests) {
        expect(new URL(request.url).origin).toBe('https://api.ideogram.ai');
        for (const [name, value] of Object.entries(request.headers)) {
          if (name !== 'api-key') expect(value).not.toContain(CANARY);
        }
      }
    },
  );
});
