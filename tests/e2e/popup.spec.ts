import { createFakeApi, fakeDataset, fakeModel, standardAccount, TEST_KEY } from '../fake-api';
import type { ExtPage } from './driver/page';
import {
  expect,
  type Extension,
  focused,
  hasAttribute,
  hasCount,
  hasText,
  hidden,
  requestsSettled,
  test,
  visible,
  withAccount,
} from './fixtures';

// The popup at its real size (400 × 600), as people open it: to check their models and copy one.

async function openPopup(extension: Extension, key = TEST_KEY): Promise<ExtPage> {
  await extension.useKey(key);
  await expect.poll(async () => (await extension.snapshot()).listedAt).toBeTruthy();
  const popup = await extension.open('popup.html');
  await popup.viewport(400, 600);
  await visible(popup.css('[data-model-id]').first());
  return popup;
}

const rows = (popup: ExtPage) => popup.css('[role="listitem"][data-model-id]');
const rowNames = async (popup: ExtPage) => popup.css('[data-model-id] .name').allTexts();

/** How many rows are wholly inside the list's visible area. */
const fullyVisibleRows = (popup: ExtPage) =>
  popup.evaluate(() => {
    const list = document.querySelector('[role="list"]')!.getBoundingClientRect();
    const bottom = Math.min(list.bottom, window.innerHeight);
    return [...document.querySelectorAll('[data-model-id]')].filter((row) => {
      const box = row.getBoundingClientRect();
      return box.top >= list.top - 0.5 && box.bottom <= bottom + 0.5;
    }).length;
  });

/**
 * Every piece of text in the rows either fits its box, or says it does not: a name clipped shows
 * an ellipsis and has its whole in a title; a details line drops whole parts (none is cut) and
 * has all of them in its title.
 */
const overflowProblems = (popup: ExtPage) =>
  popup.evaluate(() => {
    const problems: string[] = [];
    for (const row of document.querySelectorAll('[data-model-id], .dataset-row')) {
      const name = row.querySelector('.name') as HTMLElement;
      const clipped =
        name.scrollHeight > name.clientHeight + 1 || name.scrollWidth > name.clientWidth + 1;
      const style = getComputedStyle(name);
      const ellipsis = style.webkitLineClamp !== 'none' || style.textOverflow === 'ellipsis';
      if (clipped && (!ellipsis || name.title !== name.textContent!.replace(/^★ /, ''))) {
        problems.push(`name "${name.textContent}" is cut without an ellipsis and its title`);
      }
      const details = row.querySelector('.details') as HTMLElement;
      const box = details.getBoundingClientRect();
      const parts = [...details.querySelectorAll('.part')] as HTMLElement[];
      for (const part of parts) {
        const p = part.getBoundingClientRect();
        const inside = p.top >= box.top - 0.5 && p.bottom <= box.bottom + 0.5;
        if (inside && (p.right > box.right + 0.5 || part.scrollWidth > part.clientWidth + 1)) {
          problems.push(`"${part.textContent}" is cut`);
        }
        // A part shortened on purpose (a long account label) ends in "…" and is whole in the title.
        if (!details.title.includes(part.textContent!.trim().replace(/…$/, ''))) {
          problems.push(`"${part.textContent}" is missing from the details' title`);
        }
      }
    }
    return problems;
  });

test('the list gets the space: at least 8 whole rows at 400 × 600', async ({ extension }) => {
  const popup = await openPopup(extension);
  expect(await fullyVisibleRows(popup)).toBeGreaterThanOrEqual(8);
  expect(await overflowProblems(popup)).toEqual([]);
});

test.describe('long names, two accounts and an error banner', () => {
  const LONG = 'Spring catalogue 2026 — product shots for the new lighting, second take';
  const team = createFakeApi({
    ...standardAccount('team-key-4f9a2c'),
    models: Array.from({ length: 12 }, (_, i) =>
      fakeModel({ name: `${LONG} v${i + 1}`, status: i % 3 === 0 ? 'TRAINING' : 'COMPLETED' }),
    ),
  });
  test.use({ otherFakes: [team] });

  test('still shows 6 whole rows, and no text is cut without an ellipsis and a title', async ({
    extension,
    fake,
  }) => {
    const popup = await openPopup(extension);
    // As long as a label may be (40 characters).
    await extension.useKey('team-key-4f9a2c', 'Acme team — client work, spring catalog');
    await expect.poll(async () => (await extension.storage()).snapshots).toContain('Spring');
    fake.setFault({ type: 'status', status: 500 });
    await extension.send('refresh', { force: true });
    await popup.reload();
    await visible(popup.role('alert'));
    await hasText(popup.role('tab', /Models/), '22');
    expect(await fullyVisibleRows(popup)).toBeGreaterThanOrEqual(6);
    expect(await overflowProblems(popup)).toEqual([]);
    // Two versions of a long-named model can be told apart: the whole name is on hover.
    const names = await popup.css('[data-model-id] .name').allTexts();
    expect(new Set(names).size).toBe(names.length);
    // With two accounts every row says whose it is: that part never gives way.
    const whoseShown = await popup.evaluate(() =>
      [...document.querySelectorAll('[data-model-id] .details')].map((details) => {
        const owner = details.querySelector('.part.owner');
        if (!owner) return false;
        const box = details.getBoundingClientRect();
        const part = owner.getBoundingClientRect();
        return part.top >= box.top - 0.5 && part.bottom <= box.bottom + 0.5;
      }),
    );
    expect(whoseShown.length).toBeGreaterThanOrEqual(6);
    expect(whoseShown.every(Boolean)).toBe(true);
    // The account's whole label is on hover of the details line.
    const teamRow = rows(popup).filter({ hasText: 'Spring catalogue' }).first();
    await hasAttribute(teamRow.css('.details'), 'title', /Acme team — client work, spring catalog/);
  });
});

test('search ranks: Enter copies the usable best match, which is the first row, on screen', async ({
  extension,
  fake,
}) => {
  const popup = await openPopup(extension);
  // Sorted by recency, the training Brand v2 (no URI) comes before the finished Brand v1.
  expect((await rowNames(popup)).indexOf('Brand v2')).toBeLessThan(
    (await rowNames(popup)).indexOf('Brand v1'),
  );
  const search = popup.role('searchbox', /Search models/);
  await focused(search);
  await search.fill('brand');
  await expect.poll(() => rowNames(popup)).toEqual(['Brand v1', 'Brand v2']);
  await search.press('Enter');
  await expect.poll(() => extension.clipboard()).toBe('model/brand-v1/version/1');
  await visible(popup.text('Copied the URI of Brand v1.'));

  // An exact ID comes first of all.
  const poster = fake.account.models.find((m) => m.name === 'Poster look')!;
  await search.fill(poster.model_id);
  await expect.poll(async () => (await rowNames(popup))[0]).toBe('Poster look');
  await search.fill('nothing like this');
  await visible(popup.text('No model matches “nothing like this”.'));
  await popup.role('button', 'Show all').click();
  await hasCount(rows(popup), 10);
});

test('copy: the row’s one button, and the menu for the rest, each saying what it copied', async ({
  extension,
  fake,
}) => {
  const popup = await openPopup(extension);
  const brand = fake.account.models.find((m) => m.name === 'Brand v1')!;
  await popup.role('button', 'Copy URI of Brand v1').click();
  await expect.poll(() => extension.clipboard()).toBe('model/brand-v1/version/1');
  await visible(popup.role('status').filter({ hasText: 'Copied the URI of Brand v1.' }));

  await popup.role('button', 'More for Brand v1').click();
  await popup.role('menuitem', /Copy model ID/).click();
  await expect.poll(() => extension.clipboard()).toBe(brand.model_id);

  // A model still being created copies its ID, and its button says why there is no URI.
  const fresh = fake.account.models.find((m) => m.name === 'Fresh start')!;
  const button = popup.role('button', 'Copy ID of Fresh start');
  await hasAttribute(button, 'title', /still being created/);
  await button.click();
  await expect.poll(() => extension.clipboard()).toBe(fresh.model_id);
  // An archived model is not usable: no URI is offered, and the menu says why.
  await popup.role('button', 'More for Old style').click();
  await hasAttribute(popup.role('menuitem', /Copy model URI/), 'aria-disabled', 'true');
  await popup.role('menuitem', /Copy model URI/).click();
  await visible(popup.text(/archived, so a generate call cannot use its URI/));
  await popup.press('Escape');
  await hasCount(popup.role('menu'), 0);
});

test('keys: / to search, arrows through rows, Enter, U, I and P on a row', async ({
  extension,
  fake,
}) => {
  const popup = await openPopup(extension);
  await popup.role('tab', /Models/).focus();
  await popup.press('/');
  const search = popup.role('searchbox', /Search models/);
  await focused(search);
  await search.fill('brand');
  await expect.poll(() => rowNames(popup)).toEqual(['Brand v1', 'Brand v2']);
  await popup.press('ArrowDown');
  await focused(rows(popup).first());
  await popup.press('ArrowDown');
  await focused(rows(popup).nth(1));
  await popup.press('Enter');
  // Brand v2 is training: no URI, so its ID, and the popup says so.
  const brand2 = fake.account.models.find((m) => m.name === 'Brand v2')!;
  await expect.poll(() => extension.clipboard()).toBe(brand2.model_id);
  await visible(popup.text('Copied the ID (no usable URI) of Brand v2.'));
  await popup.press('u');
  await visible(popup.text('No URI yet: the model is still training.'));
  await popup.press('ArrowUp');
  await popup.press('i');
  await expect
    .poll(() => extension.clipboard())
    .toBe(fake.account.models.find((m) => m.name === 'Brand v1')!.model_id);
  await popup.press('p');
  await expect.poll(async () => (await extension.storage()).pins).toHaveLength(1);
  await hasText(rows(popup).first().css('.name'), '★');
});

test('filters: one control with each status’s count, several at once, remembered', async ({
  extension,
  fake,
}) => {
  const popup = await openPopup(extension);
  const count = (status: string) =>
    fake.account.models.filter((m) => m.timeline.at(-1)!.status === status).length;
  await popup.role('button', /^Filters/).click();
  const panel = popup.role('dialog', 'Filters and sort');
  for (const [label, status] of [
    ['Training', 'TRAINING'],
    ['Completed', 'COMPLETED'],
    ['Creating', 'CREATING'],
    ['Errored', 'ERRORED'],
  ] as const) {
    await hasText(
      panel.css('.status-option').filter({ hasText: label }).css('.count'),
      String(count(status)),
    );
  }
  await panel.role('checkbox', /Training/).click();
  await panel.role('checkbox', /Errored/).click();
  await expect
    .poll(async () => (await rowNames(popup)).sort())
    .toEqual(['Brand v2', 'Broken run', 'Poster look']);
  await popup.press('Escape');
  await hidden(panel);
  // The list says it is narrowed, and how to see it all; the button counts the filters.
  await hasText(popup.css('.filter-summary'), 'Training, Errored');
  await hasText(popup.css('.filter-summary'), '3 of 10');
  await hasText(popup.role('button', /^Filters/), '2');

  // Remembered across openings.
  await popup.close();
  const again = await extension.open('popup.html');
  await again.viewport(400, 600);
  await expect
    .poll(async () => (await rowNames(again)).sort())
    .toEqual(['Brand v2', 'Broken run', 'Poster look']);
  await again.role('button', 'Show all').click();
  await hasCount(rows(again), 10);
  await again.role('button', /^Filters/).click();
  await again.role('radio', 'Shared', { exact: true }).click();
  await expect.poll(() => rowNames(again)).toEqual(['Team mascot']);
});

test('a dataset’s images and readiness show in the list; it opens to its files and models', async ({
  extension,
  fake,
}) => {
  const popup = await openPopup(extension);
  // Counted in the background (once), not by opening the popup.
  await expect
    .poll(async () => (await extension.snapshot()).datasets.map((d) => d.fileCount))
    .toEqual([24, 12]);
  fake.clearRequests();
  await popup.role('tab', /Datasets/).click();
  const brand = popup.css('.dataset-row').filter({ hasText: 'Brand photos' });
  await hasText(brand, '24 images · ready to train');
  await hasText(brand, '2 models');
  await hasText(
    popup.css('.dataset-row').filter({ hasText: 'Poster styles' }),
    '3 more needed to train',
  );
  expect(fake.paths()).toEqual([]);

  await brand.click();
  const dataset = fake.account.datasets[0]!;
  await visible(popup.role('heading', 'Brand photos'));
  // The models trained from it, as a list; the files drawn as they scroll into view.
  await hasText(popup.css('.trained'), 'Brand v1');
  await hasText(popup.css('.trained'), 'Brand v2');
  const files = popup.role('list', `Files of ${dataset.name}`);
  await visible(files.text('image-001.jpg'));
  await files.scroll('end');
  await visible(files.text('image-024.jpg'));
  // Back returns to the list; a trained model opens in the Models tab.
  await popup.role('button', '← All datasets').click();
  await visible(brand);
  await brand.click();
  await popup.role('button', /Brand v2/).click();
  await hasAttribute(popup.role('tab', /Models/), 'aria-selected', 'true');
  await focused(rows(popup).filter({ hasText: 'Brand v2' }));
});

test('a dataset’s captions show with its files; a structured one reads as text, its JSON a click away', async ({
  extension,
  fake,
}) => {
  const dataset = fake.account.datasets[0]!;
  dataset.files[0]!.file_name = `${'a-very-long-camera-export-name-'.repeat(3)}.jpg`;
  dataset.files[0]!.caption = 'a red chair on white';
  dataset.files[1]!.caption = JSON.stringify({
    high_level_description: 'A lighthouse at dawn',
    compositional_deconstruction: { elements: [{ type: 'text', text: 'NORTH', desc: 'a sign' }] },
  });
  const popup = await openPopup(extension);
  await popup.role('tab', /Datasets/).click();
  await popup.css('.dataset-row').filter({ hasText: dataset.name }).click();
  await hasText(popup.css('.dataset-facts'), '24 images · 2 captioned · ready to train');
  const files = popup.role('list', `Files of ${dataset.name}`);
  await visible(files.text('a red chair on white'));
  // A long name gives way: its size stays beside it, the caption on the line below.
  const lines = await files
    .css('.file')
    .first()
    .withElement((row) => {
      const top = (sel: string) => Math.round(row.querySelector(sel)!.getBoundingClientRect().top);
      return [top('.file-name'), top('.file-size'), top('.file-caption')];
    }, null);
  expect(lines[0]).toBe(lines[1]);
  expect(lines[2]).toBeGreaterThan(lines[0]!);
  const structured = files.role('button', 'A lighthouse at dawn. Elements: “NORTH” (a sign).');
  await structured.click();
  const view = popup.role('dialog', `Caption of ${dataset.files[1]!.file_name}`);
  await hasText(view.css('.caption-text'), 'A lighthouse at dawn. Elements: “NORTH” (a sign).');
  await view.text('The whole caption (JSON)').click();
  await hasText(view.css('pre'), '"high_level_description": "A lighthouse at dawn"');
  await popup.press('Escape');
  await hidden(view);
  await visible(popup.role('heading', dataset.name));
  // Focus is back on the caption that opened it.
  await focused(structured);
});

test('a model named like an attack shows as literal text', async ({ extension }) => {
  const popup = await openPopup(extension);
  // An alert() from the name would record itself here.
  await popup.evaluate(() => {
    (window as unknown as { alerts: number }).alerts = 0;
    window.alert = () => (window as unknown as { alerts: number }).alerts++;
  });
  await popup.role('searchbox').fill('onerror');
  await hasText(popup.css('[data-model-id] .name'), '<img src=x onerror=alert(1)>');
  expect(await popup.css('img[src="x"]').count()).toBe(0);
  expect(await popup.evaluate(() => (window as unknown as { alerts: number }).alerts)).toBe(0);
});

test('while Ideogram asks to wait, refresh counts down and says why, and sends nothing', async ({
  extension,
  fake,
}) => {
  const popup = await openPopup(extension);
  // What the popup's opening asked for has been answered before Ideogram starts asking to wait.
  await requestsSettled(fake);
  fake.setFault({ type: 'status', status: 429, retryAfter: '300' });
  await extension.fireAlarms();
  await expect.poll(async () => (await extension.badge()).text).toBe('WAIT');
  const refresh = popup.role('button', /^Refresh: wait 4:5\d|^Refresh: wait 5:00/);
  await hasAttribute(refresh, 'aria-disabled', 'true');
  await hasAttribute(refresh, 'title', /asked Model Watch to wait/);
  await hasText(refresh, /\d:\d\d/);
  // Pressed anyway, it sends nothing and says why.
  fake.clearRequests();
  await refresh.click();
  await visible(popup.role('status').filter({ hasText: /asked Model Watch to wait/ }));
  // The banner's own button counts down the same way.
  const again = popup.role('alert').role('button', /^Try again in \d:\d\d/);
  await hasAttribute(again, 'aria-disabled', 'true');
  await again.click();
  expect(fake.requests).toHaveLength(0);
});

test.describe('10,000 models', () => {
  test.use(
    withAccount(() => ({
      apiKey: TEST_KEY,
      datasets: [fakeDataset('Big set', 30)],
      models: Array.from({ length: 10_000 }, (_, i) =>
        fakeModel({
          name: `Model ${String(i).padStart(5, '0')}`,
          status: i % 50 === 0 ? 'TRAINING' : 'COMPLETED',
        }),
      ),
    })),
  );

  test('only the rows in view are drawn; a new search starts at the top; ↓ reaches the first row', async ({
    extension,
  }) => {
    const popup = await openPopup(extension);
    await hasText(popup.role('tab', /Models/), '10,000');
    expect(await rows(popup).count()).toBeLessThan(30);

    // Far down the list…
    await rows(popup).first().focus();
    await popup.press('End');
    await hasAttribute(popup.css('[data-model-id]:focus'), 'aria-posinset', '10000');
    // …a search goes back to the top, its best match the first row, on screen.
    const search = popup.role('searchbox', /Search models/);
    await search.fill('Model 0012');
    await expect.poll(async () => (await rowNames(popup))[0]).toMatch(/^Model 0012/);
    expect(await fullyVisibleRows(popup)).toBeGreaterThanOrEqual(8);
    await popup.press('ArrowDown');
    await focused(rows(popup).first());
    await hasAttribute(rows(popup).first(), 'aria-posinset', '1');

    // Scroll, then filter: the first row is on screen again.
    await search.fill('');
    await popup.css('[role="list"]').scroll('end');
    await popup.role('button', /^Filters/).click();
    await popup.role('checkbox', /Training/).click();
    await popup.press('Escape');
    await hasAttribute(rows(popup).first(), 'aria-posinset', '1');
    expect(await fullyVisibleRows(popup)).toBeGreaterThanOrEqual(8);
  });
});
