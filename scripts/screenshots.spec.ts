import { expect, test } from '../tests/e2e/fixtures';

const OUT = 'docs/screenshots';

for (const scheme of ['light', 'dark'] as const) {
  test(`popup and options, ${scheme}`, async ({ extension }) => {
    const popup = await extension.open('popup.html');
    await popup.setViewportSize({ width: 400, height: 580 });
    await popup.emulateMedia({ colorScheme: scheme });
    await popup.getByRole('button', { name: 'Try with sample data' }).click();
    await expect(popup.getByText('Product shots v2')).toBeVisible();
    // A moment for fonts and the "Updated" time to settle.
    await popup.waitForTimeout(300);
    await popup.screenshot({ path: `${OUT}/popup-${scheme}.png` });

    await popup.getByRole('tab', { name: /Datasets/ }).click();
    await popup.getByRole('button', { name: /Hand-drawn logos/ }).click();
    await expect(popup.getByText(/within the 15–100/)).toBeVisible();
    await popup.screenshot({ path: `${OUT}/datasets-${scheme}.png` });
    await popup.getByRole('tab', { name: /Models/ }).click();

    const options = await extension.open('options.html');
    await options.setViewportSize({ width: 760, height: 860 });
    await options.emulateMedia({ colorScheme: scheme });
    await expect(options.getByText('Sample data').first()).toBeVisible();
    await options.screenshot({ path: `${OUT}/options-${scheme}.png` });
  });
}
