import type { ConsoleMessage } from '@playwright/test';
import { standardAccount } from '../fake-api';
import { expect, test, withAccount } from './fixtures';

test('a new user gets the options page, saves a key and is told it works', async ({
  extension,
  fake,
}) => {
  expect(extension.openedOnInstall).toEqual([extension.url('options.html')]);
  expect(await extension.badge()).toMatchObject({
    text: '?',
    title: expect.stringMatching(/not set up/),
  });

  const page = await extension.open('options.html');
  await page.getByRole('textbox', { name: 'API key' }).fill(fake.account.apiKey);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Key works: you have 9 models and 2 datasets')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Account 1' })).toBeVisible();
  await expect.poll(async () => (await extension.badge()).text).toBe('2');
});

test('a wrong key gets the rejection, keeps what was typed, and can be kept anyway', async ({
  extension,
}) => {
  const page = await extension.open('options.html');
  const field = page.getByRole('textbox', { name: 'API key' });
  await field.fill('  wrong-key-123  ');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Ideogram rejected this key.', { exact: false })).toBeVisible();
  await expect(field).toHaveValue('  wrong-key-123  ');
  expect((await extension.storage()).apiKeys ?? {}).toEqual({});

  await page.getByRole('button', { name: 'Show' }).click();
  await expect(field).toHaveAttribute('type', 'text');

  await page.getByRole('button', { name: 'Keep this key anyway' }).click();
  await expect(page.getByRole('heading', { name: 'Account 1' })).toBeVisible();
  await expect.poll(async () => (await extension.badge()).text).toBe('KEY');
  await expect(page.getByText(/rejected this key/)).toBeVisible();
});

test('an empty key and a huge paste are refused next to the field', async ({ extension, fake }) => {
  const page = await extension.open('options.html');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Paste your Ideogram API key first.')).toBeVisible();
  const field = page.getByRole('textbox', { name: 'API key' });
  await field.fill('k'.repeat(10_000));
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText(/10,000 characters long/)).toBeVisible();
  await expect(field).toHaveValue('k'.repeat(10_000));
  expect(fake.requests).toHaveLength(0);
});

test('Remove key clears the badge and the lists', async ({ extension }) => {
  await extension.useKey();
  const options = await extension.open('options.html');
  await expect.poll(async () => (await extension.badge()).text).toBe('2');

  await options.getByRole('button', { name: 'Remove Account 1' }).click();
  await options.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(options.getByRole('textbox', { name: 'API key' })).toBeVisible();
  await expect.poll(async () => (await extension.badge()).text).toBe('?');
  const local = await extension.storage();
  expect(local.apiKeys).toEqual({});
  expect(await extension.snapshot()).toMatchObject({ models: [], datasets: [] });
  const popup = await extension.open('popup.html');
  await expect(popup.getByRole('button', { name: 'Add your API key' })).toBeVisible();
});

test('sample mode shows models in the popup without any request to the API', async ({
  extension,
  fake,
}) => {
  const popup = await extension.open('popup.html');
  await popup.getByRole('button', { name: 'Try with sample data' }).click();
  await expect(popup.getByText('Sample data')).toBeVisible();
  await expect(popup.getByText('Product shots v2')).toBeVisible();
  await expect(popup.getByText('Studio house style')).toBeVisible();
  await expect.poll(async () => (await extension.badge()).text).toBe('S4');
  const options = await extension.open('options.html');
  await expect(options.getByText('Sample data').first()).toBeVisible();
  expect(fake.requests).toHaveLength(0);
});

test.describe('a canary key', () => {
  const CANARY = 'CANARY-7f3a9c1e5b2d-key';
  test.use(withAccount(() => standardAccount(CANARY)));

  test('appears nowhere but the Api-Key header of requests to api.ideogram.ai', async ({
    context,
    extension,
    fake,
  }) => {
    const consoleLines: string[] = [];
    const record = (message: ConsoleMessage) => consoleLines.push(message.text());
    context.on('console', record);
    (await extension.worker()).on('console', record);
    const urls: string[] = [];
    context.on('request', (request) => urls.push(request.url()));

    const options = await extension.open('options.html');
    options.on('console', record);
    // The listeners do hear what the worker and the pages log.
    await (await extension.worker()).evaluate(() => console.log('worker-probe'));
    await options.evaluate(() => console.log('page-probe'));
    await expect
      .poll(() => consoleLines.join(' '))
      .toMatch(/worker-probe.*page-probe|page-probe.*worker-probe/);
    await options.getByRole('textbox', { name: 'API key' }).fill(`Api-Key: ${CANARY}`);
    await options.getByRole('button', { name: 'Save' }).click();
    await expect(options.getByText(/Key works/)).toBeVisible();

    const popup = await extension.open('popup.html');
    popup.on('console', record);
    await expect(popup.getByText('Brand v2')).toBeVisible();
    fake.revokeKey();
    await popup.evaluate(() =>
      chrome.runtime.sendMessage({ tag: 'model-watch', type: 'refresh', data: { force: true } }),
    );
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
    expect(consoleLines.join('\n')).not.toContain(CANARY);
    for (const url of [...urls, ...fake.requests.map((r) => r.url)]) {
      expect(url).not.toContain(CANARY);
    }
    expect(fake.requests.length).toBeGreaterThanOrEqual(3);
    for (const request of fake.requests) {
      expect(new URL(request.url).origin).toBe('https://api.ideogram.ai');
      for (const [name, value] of Object.entries(request.headers)) {
        if (name !== 'api-key') expect(value).not.toContain(CANARY);
      }
    }
  });
});
