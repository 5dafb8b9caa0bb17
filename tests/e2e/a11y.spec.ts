import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ExtPage } from './driver/page';
import {
  expect,
  hasText,
  listedAndCounted,
  test,
  visible,
  withAccount,
  type Extension,
} from './fixtures';

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core in the page (evaluated, so the extension's CSP does not block it). */
async function seriousViolations(page: ExtPage): Promise<string[]> {
  await page.inject(axeSource);
  const violations = (await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: (c: Document) => Promise<{ violations: unknown[] }> } }
    ).axe;
    return (await axe.run(document)).violations;
  })) as Violation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
}

async function scan(
  extension: Extension,
  page: 'popup.html' | 'options.html',
  ready: string | RegExp,
  scheme: 'light' | 'dark' = 'light',
) {
  const tab = await extension.open(page);
  await tab.viewport(page === 'popup.html' ? 400 : 800, 600);
  await tab.colorScheme(scheme);
  await visible(tab.text(ready).first());
  expect(await seriousViolations(tab)).toEqual([]);
  return tab;
}

const listed = async (extension: Extension) =>
  expect.poll(async () => (await extension.snapshot()).checkedAt).toBeTruthy();

test('no key: the set-up card and the options page', async ({ extension }) => {
  await scan(extension, 'popup.html', 'Watch your custom models train');
  await scan(extension, 'options.html', 'No key at hand?');
});

for (const scheme of ['light', 'dark'] as const) {
  test(`sample data, ${scheme}: models, datasets, options`, async ({ extension }) => {
    const popup = await extension.open('popup.html');
    await popup.role('button', 'Try with sample data').click();
    await visible(popup.text('Product shots v2'));
    const tab = await scan(extension, 'popup.html', 'Product shots v2', scheme);
    // The filters open, one status ticked; then a row's menu.
    await tab.role('button', /^Filters/).click();
    await tab
      .role('dialog', 'Filters and sort')
      .role('checkbox', /Training/)
      .click();
    expect(await seriousViolations(tab)).toEqual([]);
    await tab.press('Escape');
    await tab.role('button', 'More for Product shots v2').click();
    await visible(tab.role('menu'));
    expect(await seriousViolations(tab)).toEqual([]);
    await tab.press('Escape');
    await tab.role('tab', /Datasets/).click();
    await tab.css('.dataset-row').filter({ hasText: 'Product shots' }).click();
    await visible(tab.text(/42 images/));
    expect(await seriousViolations(tab)).toEqual([]);
    await scan(extension, 'options.html', 'Stop sample data', scheme);
  });
}

test.describe('an empty account', () => {
  test.use(withAccount(() => ({ apiKey: 'empty-key', models: [], datasets: [] })));

  test('explains custom models', async ({ extension }) => {
    await extension.useKey('empty-key');
    await listed(extension);
    const popup = await scan(extension, 'popup.html', 'No custom models yet');
    await popup.role('tab', /Datasets/).click();
    await visible(popup.role('heading', 'No datasets yet'));
    expect(await seriousViolations(popup)).toEqual([]);
  });
});

test('an error over the last good list, and a key saved', async ({ extension, fake }) => {
  await extension.useKey();
  await listed(extension);
  fake.setFault({ type: 'status', status: 500 });
  const popup = await extension.open('popup.html');
  await popup.role('button', 'Refresh now').click();
  await hasText(popup.role('alert'), 'HTTP 500');
  await visible(popup.text('Brand v2'));
  expect(await seriousViolations(popup)).toEqual([]);
  await scan(extension, 'options.html', 'Add another key');
});

test('an error with no list to show', async ({ extension, fake }) => {
  fake.setFault({ type: 'status', status: 503 });
  await extension.useKey();
  await expect.poll(async () => (await extension.snapshot()).error).toBeTruthy();
  await scan(extension, 'popup.html', 'Your models could not be loaded');
});

test('offline', async ({ extension, fake }) => {
  await extension.useKey();
  await listedAndCounted(extension, fake);
  await extension.setOffline(true);
  fake.clearRequests();
  const popup = await extension.open('popup.html');
  await popup.role('button', 'Refresh now').click();
  await hasText(popup.role('alert'), 'You are offline');
  await visible(popup.text('Brand v2'));
  expect(await seriousViolations(popup)).toEqual([]);
  expect(fake.requests).toHaveLength(0);
  expect((await extension.badge()).text).toBe('OFF');
});

test('the privacy policy, linked from the options page', async ({ extension }) => {
  const options = await extension.open('options.html');
  await options.role('link', 'Privacy policy').click();
  // The link opens the policy in a new tab.
  await expect
    .poll(async () => (await extension.pageUrls()).includes(extension.url('privacy.html')))
    .toBe(true);
  const policy = await extension.open('privacy.html');
  await visible(policy.role('heading', /Privacy policy/));
  await visible(policy.text(/Nothing is sent to the extension's developers/));
  expect(await seriousViolations(policy)).toEqual([]);
});
