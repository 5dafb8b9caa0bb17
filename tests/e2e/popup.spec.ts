import { fakeModel, TEST_KEY } from '../fake-api';
import type { ExtPage } from './driver/page';
import {
  disabled,
  expect,
  type Extension,
  focused,
  hasAttribute,
  hasCount,
  hasText,
  test,
  visible,
  withAccount,
} from './fixtures';

async function openPopupWithKey(extension: Extension): Promise<ExtPage> {
  await extension.useKey();
  await expect.poll(async () => (await extension.snapshot()).listedAt).toBeTruthy();
  const popup = await extension.open('popup.html');
  await popup.viewport(400, 580);
  return popup;
}

const rows = (popup: ExtPage) => popup.css('[role="listitem"][data-model-id]');
const rowNames = async (popup: ExtPage) =>
  (await popup.css('[data-model-id] .name').allTexts()).sort();

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
    await visible(popup.role('button', new RegExp(`^${label} ${count(status!)}$`)));
  }
  await visible(popup.role('tab', 'Models 10'));

  await popup.role('button', /^Training/).click();
  await expect.poll(() => rowNames(popup)).toEqual(['Brand v2', 'Poster look']);
  await popup.role('button', /^Errored/).click();
  await expect.poll(() => rowNames(popup)).toEqual(['Brand v2', 'Broken run', 'Poster look']);

  // Remembered across openings.
  await popup.close();
  const again = await extension.open('popup.html');
  await hasAttribute(again.role('button', /^Training/), 'aria-pressed', 'true');
  await expect.poll(() => rowNames(again)).toEqual(['Brand v2', 'Broken run', 'Poster look']);
  await again.role('button', 'Show all').click();
  await again.role('radio', 'Shared').click();
  await expect.poll(() => rowNames(again)).toEqual(['Team mascot']);
  await visible(again.role('button', /^Completed 1$/));
});

test('search matches names, IDs and URIs', async ({ extension, fake }) => {
  const popup = await openPopupWithKey(extension);
  const search = popup.role('searchbox', /Search models/);
  await focused(search);
  await search.fill('poster');
  await expect.poll(() => rowNames(popup)).toEqual(['Poster look']);
  const brand = fake.account.models.find((m) => m.name === 'Brand v1')!;
  await search.fill(brand.model_id);
  await expect.poll(() => rowNames(popup)).toEqual(['Brand v1']);
  await search.fill('team-mascot/version');
  await expect.poll(() => rowNames(popup)).toEqual(['Team mascot']);
  await search.fill('nothing like this');
  await visible(popup.text('No model matches “nothing like this”.'));
  await popup.role('button', 'Clear search and filters').click();
  await hasCount(rows(popup), 10);
});

test('Copy model ID and Copy model URI put exactly the right text on the clipboard', async ({
  extension,
  fake,
}) => {
  const popup = await openPopupWithKey(extension);
  const brand = fake.account.models.find((m) => m.name === 'Brand v1')!;
  const row = rows(popup).filter({ hasText: 'Brand v1' });
  await row.role('button', 'Copy model ID').click();
  expect(await extension.clipboard()).toBe(brand.model_id);
  await visible(popup.role('status').filter({ hasText: 'Copied the ID of Brand v1.' }));

  await row.role('button', 'Copy model URI').click();
  expect(await extension.clipboard()).toBe('model/brand-v1/version/1');
  await visible(popup.text('Copied the URI of Brand v1.'));

  const training = rows(popup).filter({ hasText: 'Brand v2' });
  const uriButton = training.role('button', 'Copy model URI');
  await disabled(uriButton);
  await hasAttribute(uriButton, 'title', 'No URI yet: the model is still training.');
  await uriButton.click();
  expect(await extension.clipboard()).toBe('model/brand-v1/version/1');
});

test('the keyboard: / focuses search, arrows move through rows, Enter copies', async ({
  extension,
  fake,
}) => {
  const popup = await openPopupWithKey(extension);
  await popup.role('combobox', 'Sort').selectOption('name');
  await popup.role('tab', /Models/).focus();
  await popup.press('/');
  const search = popup.role('searchbox', /Search models/);
  await focused(search);
  await search.fill('brand');
  // A person sees the matches before moving into them.
  await expect.poll(() => rowNames(popup)).toEqual(['Brand v1', 'Brand v2']);
  await popup.press('ArrowDown');
  await focused(rows(popup).first());
  await popup.press('ArrowDown');
  await focused(rows(popup).nth(1));
  await popup.press('Enter');
  // Brand v2 is training: no URI, so its ID, and the popup says so.
  const brand2 = fake.account.models.find((m) => m.name === 'Brand v2')!;
  expect(await extension.clipboard()).toBe(brand2.model_id);
  await visible(popup.text('Copied the ID (it has no URI) of Brand v2.'));

  // Type, Enter: the best match's URI.
  await search.fill('brand v1');
  await search.press('Enter');
  expect(await extension.clipboard()).toBe('model/brand-v1/version/1');
});

test('a dataset opens to its files and the models trained from it', async ({ extension, fake }) => {
  const popup = await openPopupWithKey(extension);
  await popup.role('tab', /Datasets/).click();
  const dataset = fake.account.datasets[0]!;
  await popup.role('button', new RegExp(dataset.name)).click();
  await visible(popup.text('24 images: within the 15–100 training needs'));
  // The files are drawn as they scroll into view: the last one appears at the bottom.
  const files = popup.role('list', `Files of ${dataset.name}`);
  await visible(files.text('image-001.jpg'));
  await files.scroll('end');
  await visible(files.text('image-024.jpg'));
  expect(fake.paths()).toContain(`/datasets/${dataset.dataset_id}`);

  // A trained model links back to the Models tab.
  await popup.role('button', 'Brand v2').click();
  await hasAttribute(popup.role('tab', /Models/), 'aria-selected', 'true');
  await focused(rows(popup).filter({ hasText: 'Brand v2' }));

  // The last tab used is remembered.
  await popup.role('tab', /Models/).focus();
  await popup.press('ArrowRight');
  await focused(popup.role('tab', /Datasets/));
  await popup.close();
  const again = await extension.open('popup.html');
  await hasAttribute(again.role('tab', /Datasets/), 'aria-selected', 'true');
});

test('a model named like an attack shows as literal text', async ({ extension }) => {
  const popup = await openPopupWithKey(extension);
  // An alert() from the name would record itself here.
  await popup.evaluate(() => {
    (window as unknown as { alerts: number }).alerts = 0;
    window.alert = () => (window as unknown as { alerts: number }).alerts++;
  });
  await popup.role('searchbox').fill('onerror');
  await hasText(popup.css('.name'), '<img src=x onerror=alert(1)>');
  expect(await popup.css('img[src="x"]').count()).toBe(0);
  expect(await popup.evaluate(() => (window as unknown as { alerts: number }).alerts)).toBe(0);
});

test('new data arrives in place while the popup is open', async ({ extension, fake }) => {
  const popup = await openPopupWithKey(extension);
  await hasCount(rows(popup), 10);
  fake.addModel(fakeModel({ name: 'Arrived later', status: 'TRAINING', createdAgo: 60_000 }));
  await popup.role('button', 'Refresh now').click();
  await visible(rows(popup).filter({ hasText: 'Arrived later' }));
  await visible(popup.text(/Updated just now/));
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
    await popup.role('combobox', 'Sort').selectOption('name');
    await hasText(rows(popup).first(), 'Model 0000');
    expect(await rows(popup).count()).toBeLessThan(30);
    await visible(popup.role('tab', 'Models 5,000'));
    await visible(popup.role('button', /^Training 100$/));

    await rows(popup).first().focus();
    await popup.press('End');
    await focused(rows(popup).filter({ hasText: 'Model 4999' }));
    expect(await rows(popup).count()).toBeLessThan(30);
    await hasAttribute(rows(popup).filter({ hasText: 'Model 4999' }), 'aria-posinset', '5000');

    await popup.role('searchbox').fill('Model 012');
    await hasCount(rows(popup), 10);
    await visible(popup.role('list', 'Models, 10 shown'));
  });
});
