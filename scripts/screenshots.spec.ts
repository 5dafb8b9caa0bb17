import { test, visible } from '../tests/e2e/fixtures';

const OUT = 'docs/screenshots';

for (const scheme of ['light', 'dark'] as const) {
  test(`popup and options, ${scheme}`, async ({ extension }) => {
    const popup = await extension.open('popup.html');
    await popup.viewport(400, 580);
    await popup.colorScheme(scheme);
    await popup.role('button', 'Try with sample data').click();
    await visible(popup.text('Product shots v2'));
    // A moment for fonts and the "Updated" time to settle.
    await popup.wait(300);
    await popup.screenshot(`${OUT}/popup-${scheme}.png`);

    await popup.role('tab', /Datasets/).click();
    await popup.role('button', /Hand-drawn logos/).click();
    await visible(popup.text(/within the 15–100/));
    await popup.screenshot(`${OUT}/datasets-${scheme}.png`);
    await popup.role('tab', /Models/).click();

    const options = await extension.open('options.html');
    await options.viewport(760, 860);
    await options.colorScheme(scheme);
    await visible(options.text('Sample data').first());
    await options.screenshot(`${OUT}/options-${scheme}.png`);
  });
}
