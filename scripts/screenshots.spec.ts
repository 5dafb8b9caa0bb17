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
    // The dataset with captions (one of them an Ideogram 4.0 structured caption).
    await popup.css('.dataset-row').filter({ hasText: 'Product shots' }).click();
    await visible(popup.role('button', '← All datasets'));
    await visible(popup.text(/captioned/));
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

    // The studio on a sample dataset, with images waiting to upload.
    const accountId = ((await extension.storage()).accounts as { id: string }[])[0]!.id;
    const datasetId = (await extension.snapshot()).datasets[0]!.id;
    const studio = await extension.open(`studio.html#account=${accountId}&dataset=${datasetId}`);
    await studio.viewport(1100, 860);
    await studio.colorScheme(scheme);
    await visible(studio.role('heading', 'Train a model'));
    await studio.css('input[type="file"]').withElement((el) => {
      const transfer = new DataTransfer();
      const colours = ['#7c3aed', '#0e7490', '#b45309'];
      colours.forEach((colour, i) => {
        const canvas = document.createElement('canvas');
        canvas.width = canvas.height = 8;
        const context = canvas.getContext('2d')!;
        context.fillStyle = colour;
        context.fillRect(0, 0, 8, 8);
        const bytes = Uint8Array.from(atob(canvas.toDataURL('image/png').split(',')[1]!), (c) =>
          c.charCodeAt(0),
        );
        transfer.items.add(new File([bytes], `moodboard-${i + 1}.png`, { type: 'image/png' }));
      });
      const input = el as HTMLInputElement;
      input.files = transfer.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    }, null);
    await visible(studio.text('3 images waiting'));
    await studio.label('Caption of moodboard-1.png').fill('violet paper texture, soft light');
    await studio.wait(300);
    await studio.screenshot(`${OUT}/studio-${scheme}.png`);
    // The training form: the base model, and Ideogram 4.0's advanced settings.
    await studio.label('Model name').fill('Product shots v3');
    await studio.text('Advanced settings (optional)').click();
    await studio.label('Batch size').selectOption('8');
    await studio.role('heading', 'Train a model').withElement((el) => el.scrollIntoView(), null);
    await studio.wait(300);
    await studio.screenshot(`${OUT}/train-${scheme}.png`);

    const options = await extension.open('options.html');
    await options.viewport(760, 860);
    await options.colorScheme(scheme);
    await visible(options.text('Sample data').first());
    await options.screenshot(`${OUT}/options-${scheme}.png`);
  });
}
