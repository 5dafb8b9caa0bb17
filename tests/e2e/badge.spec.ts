import type { Extension } from './fixtures';
import { expect, fireRefreshAlarms, sendFromPage, test } from './fixtures';

const badgeText = async (extension: Extension) => (await extension.badge()).text;

test('the badge shows the owned TRAINING count, and drops when a model finishes', async ({
  extension,
  fake,
}) => {
  await extension.useKey();
  await expect.poll(() => badgeText(extension)).toBe('2');
  expect((await extension.badge()).title).toMatch(/2 models training: (Brand v2|Poster look)/);

  const brand = fake.account.models.find((m) => m.name === 'Brand v2')!;
  // The model finishes on the fake's clock a few seconds from now.
  brand.timeline.push({
    at: fake.now() + 2_000,
    status: 'COMPLETED',
    uri: 'model/brand/version/2',
  });
  fake.advance(3_000);
  fake.clearRequests();
  await fireRefreshAlarms(extension);
  await expect.poll(() => badgeText(extension)).toBe('1');
  expect(fake.paths()).toEqual([
    '/models?scope=owned&status=CREATING&status=TRAINING',
    `/models/${brand.model_id}`,
  ]);
  expect((await extension.badge()).title).toMatch(/1 model training: Poster look/);
});

test('a stopped service worker wakes with its badge and alarm intact', async ({ extension }) => {
  await extension.useKey();
  await expect.poll(() => badgeText(extension)).toBe('2');
  const before = await extension.alarm();
  expect(before?.scheduledTime).toBeGreaterThan(Date.now());

  await extension.stopWorker();

  // A message wakes the worker: it answers, so it runs again.
  const popup = await extension.open('popup.html');
  expect(await sendFromPage(popup, 'refresh', { force: true })).toEqual({
    ok: true,
    value: { error: null, waitUntil: null },
  });
  await expect(popup.getByText('Brand v2')).toBeVisible();
  await expect.poll(() => badgeText(extension)).toBe('2');
  const after = await extension.alarm();
  expect(after?.name).toBe(before?.name);
  expect(after!.scheduledTime).toBeGreaterThan(Date.now());
});

test('a revoked key turns the badge to the key-rejected mark and stops the timer', async ({
  extension,
  fake,
}) => {
  await extension.useKey();
  await expect.poll(() => badgeText(extension)).toBe('2');
  fake.revokeKey();
  await fireRefreshAlarms(extension);
  await expect.poll(() => badgeText(extension)).toBe('KEY');
  const badge = await extension.badge();
  expect(badge.title).toMatch(/rejected the API key/);
  expect(badge.title).toMatch(/Last known: 2 models training/);
  expect(badge.color).toEqual([220, 38, 38, 255]);
  await expect.poll(() => extension.alarm()).toBeNull();
});

test('rate limiting shows its own mark and waits for Retry-After', async ({ extension, fake }) => {
  await extension.useKey();
  await expect.poll(() => badgeText(extension)).toBe('2');
  fake.setFault({ type: 'status', status: 429, retryAfter: '600' });
  await fireRefreshAlarms(extension);
  await expect.poll(() => badgeText(extension)).toBe('WAIT');
  const alarm = await extension.alarm();
  expect(alarm!.scheduledTime - Date.now()).toBeGreaterThan(590_000);
});
