import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import { type Extension, expect, test, withAccount } from './fixtures';

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
async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
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
  await tab.setViewportSize({ width: page === 'popup.html' ? 400 : 800, height: 600 });
  await tab.emulateMedia({ colorScheme: scheme });
  await expect(tab.getByText(ready).first()).toBeVisible();
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
    await popup.getByRole('button', { name: 'Try with sample data' }).click();
    await expect(popup.getByText('Product shots v2')).toBeVisible();
    const tab = await scan(extension, 'popup.html', 'Product shots v2', scheme);
    await tab.getByRole('button', { name: /^Training/ }).click();
    expect(await seriousViolations(tab)).toEqual([]);
    await tab.getByRole('tab', { name: /Datasets/ }).click();
    await tab.getByRole('button', { name: /Product shots/ }).click();
    await expect(tab.getByText(/42 images/)).toBeVisible();
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
    await popup.getByRole('tab', { name: /Datasets/ }).click();
    await expect(popup.getByText('No datasets yet.')).toBeVisible();
    expect(await seriousViolations(popup)).toEqual([]);
  });
});

test('an error over the last good list, and a key saved', async ({ extension, fake }) => {
  await extension.useKey();
  await listed(extension);
  fake.setFault({ type: 'status', status: 500 });
  const popup = await extension.open('popup.html');
  await popup.getByRole('button', { name: 'Refresh now' }).click();
  await expect(popup.getByRole('alert')).toContainText('HTTP 500');
  await expect(popup.getByText('Brand v2')).toBeVisible();
  expect(await seriousViolations(popup)).toEqual([]);
  await scan(extension, 'options.html', 'Add another key');
});

test('an error with no list to show', async ({ extension, fake }) => {
  fake.setFault({ type: 'status', status: 503 });
  await extension.useKey();
  await expect.poll(async () => (await extension.snapshot()).error).toBeTruthy();
  await scan(extension, 'popup.html', 'Your models could not be loaded');
});

test('offline', async ({ context, extension, fake }) => {
  await extension.useKey();
  await listed(extension);
  await context.setOffline(true);
  fake.clearRequests();
  const popup = await extension.open('popup.html');
  await popup.getByRole('button', { name: 'Refresh now' }).click();
  await expect(popup.getByRole('alert')).toContainText('You are offline');
  await expect(popup.getByText('Brand v2')).toBeVisible();
  expect(await seriousViolations(popup)).toEqual([]);
  expect(fake.requests).toHaveLength(0);
  expect((await extension.badge()).text).toBe('OFF');
});

test('the privacy policy, linked from the options page', async ({ context, extension }) => {
  const options = await extension.open('options.html');
  const [policy] = await Promise.all([
    context.waitForEvent('page'),
    options.getByRole('link', { name: 'Privacy policy' }).click(),
  ]);
  await expect(policy.getByRole('heading', { name: /Privacy policy/ })).toBeVisible();
  await expect(policy.getByText(/Nothing is sent to the extension's developers/)).toBeVisible();
  expect(await seriousViolations(policy)).toEqual([]);
});
