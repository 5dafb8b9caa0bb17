import { test, visible } from '../tests/e2e/fixtures';

// `npm run screenshots`: the pages at their real size, with sample data, light and dark, for the
// README. The first run is a fresh install: the options page with its key field and pin hint.

const OUT = 'docs/screenshots';

for (const scheme of ['light', 'dark'] as const) {
  test(`first run, ${scheme}`, async ({ extension }) => {
    const options = await extension.open('options.html');
    await options.viewport(760, 640);
    await options.colorScheme(scheme);
    await visible(options.role('complementary', 'Pin Model Watch'));
    await options.wait(300);
    await options.screenshot(`${OUT}/first-run-${scheme}.png`);
  });

  test(`popup and options, ${scheme}`, async ({ extension }) => {
    const popup = await extension.open('popup.html');
    await popup.viewport(400, 600);
    await popup.colorScheme(scheme);
    await popup.role('button', 'Try with sample data').click();
    await visible(popup.text('Product shots v2'));
    // The datasets' images are counted in the background just after the lists.
    await visible(popup.role('tab', /Datasets/));
    // A moment for fonts and the "Updated" time to settle.
    await popup.wait(500);
    await popup.screenshot(`${OUT}/popup-${scheme}.png`);

    await popup.role('button', /^Filters/).click();
    await visible(popup.role('dialog', 'Filters and sort'));
    await popup.screenshot(`${OUT}/filters-${scheme}.png`);
    await popup.press('Escape');

    await popup.role('tab', /Datasets/).click();
    await visible(popup.text(/ready to train/).first());
    await popup.screenshot(`${OUT}/datasets-${scheme}.png`);
    await popup.css('.dataset-row').first().click();
    await visible(popup.role('button', '← All datasets'));
    await popup.wait(300);
    await popup.screenshot(`${OUT}/dataset-${scheme}.png`);
    await popup.role('button', '← All datasets').click();
    await popup.role('tab', /Models/).click();
    // A model in training, opened: its phase, estimate, fields and runs.
    await popup
      .css('[data-model-id] .name')
      .filter({ hasText: 'Product shots v2' })
      .first()
      .click();
    await visible(popup.role('button', '← All models'));
    await popup.wait(300);
    await popup.screenshot(`${OUT}/model-${scheme}.png`);
    await popup.role('button', '← All models').click();

    const options = await extension.open('options.html');
    await options.viewport(760, 860);
    await options.colorScheme(scheme);
    await visible(options.text('Sample data').first());
    await options.screenshot(`${OUT}/options-${scheme}.png`);
  });
}
