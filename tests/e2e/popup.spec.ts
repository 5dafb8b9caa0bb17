import type { Page } from '@playwright/test';
import { fakeModel, TEST_KEY } from '../fake-api';
import { type Extension, expect, test, withAccount } from './fixtures';

async function openPopupWithKey(extension: Extension): Promise<Page> {
  await extension.useKey();
  await expect.poll(async () => (await extension.snapshot()).listedAt).toBeTruthy();
  const popup = await extension.open('popup.html');
  await popup.setViewportSize({ width: 400, height: 580 });
  return popup;
}

const rows = (popup: Page) => popup.getByRole('listitem').filter({ has: popup.locator('.name') });
const rowNames = async (popup: Page) =>
  (await rows(popup).locator('.name').allTextContents()).sort();

async function clipboard(popup: Page): Promise<string> {
  return popup.evaluate(() => navigator.clipboard.readText());
}

test.beforeEach(async ({ context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
});

test('status toggles and their counts match the fake API’s data', async ({ extension, fake }) => {
  const popup = await openPopupWithKey(extension);
  const count = (status: string) =>
    fake.account.models.filter((m) => m.timeline.at(-1)!.status === status).length;
  for (const [label, status] of [
    ['Training', 'TRAINING'],
    ['Completed', 'COMPLETED'],
    ['Creating', 'CREATING'],
    ['Errored', 'ERRORED'],
    ['Draft', 'DRAFT'],
    ['Archived', 'ARCHIVED'],
  ]) {
    await expect(
      popup.getByRole('button', { name: new RegExp(`^${label} ${count(status!)}$`) }),
    ).toBeVisible();
  }
  await expect(popup.getByRole('tab', { name: 'Models 10' })).toBeVisible();

  await popup.getByRole('button', { name: /^Training/ }).click();
  expect(await rowNames(popup)).toEqual(['Brand v2', 'Poster look']);
  await popup.getByRole('button', { name: /^Errored/ }).click();
  expect(await rowNames(popup)).toEqual(['Brand v2', 'Broken run', 'Poster look']);

  // Remembered across openings.
  await popup.close();
  const again = await extension.open('popup.html');
  await expect(again.getByRole('button', { name: /^Training/ })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  expect(await rowNames(again)).toEqual(['Brand v2', 'Broken run', 'Poster look']);
  await again.getByRole('button', { name: 'Show all' }).click();
  await again.getByRole('radio', { name: 'Shared' }).check();
  expect(await rowNames(again)).toEqual(['Team mascot']);
  await expect(again.getByRole('button', { name: /^Completed 1$/ })).toBeVisible();
});

test('search matches names, IDs and URIs', async ({ extension, fake }) => {
  const popup = await openPopupWithKey(extension);
  const search = popup.getByRole('searchbox', { name: /Search models/ });
  await expect(search).toBeFocused();
  await search.fill('poster');
  expect(await rowNames(popup)).toEqual(['Poster look']);
  const brand = fake.account.models.find((m) => m.name === 'Brand v1')!;
  await search.fill(brand.model_id);
  expect(await rowNames(popup)).toEqual(['Brand v1']);
  await search.fill('team-mascot/version');
  expect(await rowNames(popup)).toEqual(['Team mascot']);
  await search.fill('nothing like this');
  await expect(popup.getByText('No model matches “nothing like this”.')).toBeVisible();
  await popup.getByRole('button', { name: 'Clear search and filters' }).click();
  await expect(rows(popup)).toHaveCount(10);
});

test('Copy model ID and Copy model URI put exactly the right text on the clipboard', async ({
  extension,
  fake,
}) => {
  const popup = await openPopupWithKey(extension);
  const brand = fake.account.models.find((m) => m.name === 'Brand v1')!;
  const row = rows(popup).filter({ hasText: 'Brand v1' });
  await row.getByRole('button', { name: 'Copy model ID' }).click();
  expect(await clipboard(popup)).toBe(brand.model_id);
  await expect(
    popup.getByRole('status').filter({ hasText: 'Copied the ID of Brand v1.' }),
  ).toBeVisible();

  await row.getByRole('button', { name: 'Copy model URI' }).click();
  expect(await clipboard(popup)).toBe('model/brand-v1/version/1');
  await expect(popup.getByText('Copied the URI of Brand v1.')).toBeVisible();

  const training = rows(popup).filter({ hasText: 'Brand v2' });
  const uriButton = training.getByRole('button', { name: 'Copy model URI' });
  await expect(uriButton).toBeDisabled();
  await expect(uriButton).toHaveAttribute('title', 'No URI yet: the model is still training.');
  await uriButton.click({ force: true });
  expect(await clipboard(popup)).toBe('model/brand-v1/version/1');
});

test('the keyboard: / focuses search, arrows move through rows, Enter copies', async ({
  extension,
  fake,
}) => {
  const popup = await openPopupWithKey(extension);
  await popup.getByRole('combobox', { name: 'Sort' }).selectOption('name');
  await popup.getByRole('tab', { name: /Models/ }).focus();
  await popup.keyboard.press('/');
  const search = popup.getByRole('searchbox', { name: /Search models/ });
  await expect(search).toBeFocused();
  await search.fill('brand');
  await popup.keyboard.press('ArrowDown');
  await expect(rows(popup).first()).toBeFocused();
  await popup.keyboard.press('ArrowDown');
  await expect(rows(popup).nth(1)).toBeFocused();
  await popup.keyboard.press('Enter');
  // Brand v2 is training: no URI, so its ID, and the popup says so.
  const brand2 = fake.account.models.find((m) => m.name === 'Brand v2')!;
  expect(await clipboard(popup)).toBe(brand2.model_id);
  await expect(popup.getByText('Copied the ID (it has no URI) of Brand v2.')).toBeVisible();

  // Type, Enter: the best match's URI.
  await search.fill('brand v1');
  await search.press('Enter');
  expect(await clipboard(popup)).toBe('model/brand-v1/version/1');
});

test('a dataset opens to its files and the models trained from it', async ({ extension, fake }) => {
  const popup = await openPopupWithKey(extension);
  await popup.getByRole('tab', { name: /Datasets/ }).click();
  const dataset = fake.account.datasets[0]!;
  await popup.getByRole('button', { name: new RegExp(dataset.name) }).click();
  await expect(popup.getByText('24 images: within the 15–100 training needs')).toBeVisible();
  // The files are drawn as they scroll into view: the last one appears at the bottom.
  const files = popup.getByRole('list', { name: `Files of ${dataset.name}` });
  await expect(files.getByText('image-001.jpg')).toBeVisible();
  await files.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(files.getByText('image-024.jpg')).toBeVisible();
  expect(fake.paths()).toContain(`/datasets/${dataset.dataset_id}`);

  // A trained model links back to the Models tab.
  await popup.getByRole('button', { name: 'Brand v2' }).click();
  await expect(popup.getByRole('tab', { name: /Models/ })).toHaveAttribute('aria-selected', 'true');
  await expect(rows(popup).filter({ hasText: 'Brand v2' })).toBeFocused();

  // The last tab used is remembered.
  await popup.getByRole('tab', { name: /Models/ }).focus();
  await popup.keyboard.press('ArrowRight');
  await expect(popup.getByRole('tab', { name: /Datasets/ })).toBeFocused();
  await popup.close();
  const again = await extension.open('popup.html');
  await expect(again.getByRole('tab', { name: /Datasets/ })).toHaveAttribute(
    'aria-selected',
    'true',
  );
});

test('a model named like an attack shows as literal text', async ({ extension }) => {
  const popup = await openPopupWithKey(extension);
  let dialogs = 0;
  popup.on('dialog', (dialog) => {
    dialogs += 1;
    void dialog.dismiss();
  });
  await popup.getByRole('searchbox').fill('onerror');
  await expect(popup.locator('.name')).toHaveText('<img src=x onerror=alert(1)>');
  expect(await popup.locator('img[src="x"]').count()).toBe(0);
  expect(dialogs).toBe(0);
});

test('new data arrives in place while the popup is open', async ({ extension, fake }) => {
  const popup = await openPopupWithKey(extension);
  await expect(rows(popup)).toHaveCount(10);
  fake.addModel(fakeModel({ name: 'Arrived later', status: 'TRAINING', createdAgo: 60_000 }));
  await popup.getByRole('button', { name: 'Refresh now' }).click();
  await expect(rows(popup).filter({ hasText: 'Arrived later' })).toBeVisible();
  await expect(popup.getByText(/Updated just now/)).toBeVisible();
});

test.describe('5,000 models', () => {
  test.use(
    withAccount(() => ({
      apiKey: TEST_KEY,
      datasets: [],
      models: Array.from({ length: 5000 }, (_, i) =>
        fakeModel({
          name: `Model ${String(i).padStart(4, '0')}`,
          status: i % 50 === 0 ? 'TRAINING' : 'COMPLETED',
        }),
      ),
    })),
  );

  test('only the rows in view are in the page, and scrolling reaches the last', async ({
    extension,
  }) => {
    const popup = await openPopupWithKey(extension);
    await popup.getByRole('combobox', { name: 'Sort' }).selectOption('name');
    await expect(rows(popup).first()).toContainText('Model 0000');
    expect(await rows(popup).count()).toBeLessThan(30);
    await expect(popup.getByRole('tab', { name: 'Models 5,000' })).toBeVisible();
    await expect(popup.getByRole('button', { name: /^Training 100$/ })).toBeVisible();

    await rows(popup).first().focus();
    await popup.keyboard.press('End');
    await expect(rows(popup).filter({ hasText: 'Model 4999' })).toBeFocused();
    expect(await rows(popup).count()).toBeLessThan(30);
    await expect(rows(popup).filter({ hasText: 'Model 4999' })).toHaveAttribute(
      'aria-posinset',
      '5000',
    );

    await popup.getByRole('searchbox').fill('Model 012');
    await expect(rows(popup)).toHaveCount(10);
    await expect(popup.getByRole('list', { name: 'Models, 10 shown' })).toBeVisible();
  });
});
