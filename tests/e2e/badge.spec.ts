import type { Extension } from './fixtures';
import { expect, listedAndCounted, test, visible, BOTH_BROWSERS } from './fixtures';

const badgeText = async (extension: Extension) => (await extension.badge()).text;

test('the badge shows the owned TRAINING count, and drops when a model finishes', async ({
  extension,
  fake,
}) => {
  await extension.useKey();
  await expect.poll(() => badgeText(extension)).toBe('2');
  await listedAndCounted(extension, fake);
  expect((await extension.badge()).title).toMatch(/2 models training\./);
  expect((await extension.badge()).title).toMatch(/^Brand v2: training for \d+ min$/m);

  const brand = fake.account.models.find((m) => m.name === 'Brand v2')!;
  // The model finishes on the fake's clock a few seconds from now.
  brand.timeline.push({
    at: fake.now() + 2_000,
    status: 'COMPLETED',
    uri: 'model/brand/version/2',
  });
  fake.advance(3_000);
  fake.clearRequests();
  await extension.fireAlarms();
  await expect.poll(() => badgeText(extension)).toBe('1');
  expect(fake.paths()).toEqual([
    '/models?scope=owned&status=CREATING&status=TRAINING',
    `/models/${brand.model_id}`,
  ]);
  expect((await extension.badge()).title).toMatch(/1 model training\./);
  expect((await extension.badge()).title).toMatch(/^Poster look: training for /m);
  expect((await extension.badge()).title).not.toContain('Brand v2');
});

// Chromium stops an idle service worker; Firefox unloads an idle event page. Either way the
// background is woken by the next event, and the badge and alarm must be as they were.
test(
  'a stopped background wakes with its badge and alarm intact',
  BOTH_BROWSERS,
  async ({ extension }) => {
    await extension.useKey();
    await expect.poll(() => badgeText(extension)).toBe('2');
    const before = await extension.alarm();
    expect(before?.scheduledTime).toBeGreaterThan(Date.now());

    await extension.stopBackground();

    // The badge stays on the toolbar while the background is gone.
    expect(await badgeText(extension)).toBe('2');
    // A message wakes it: it answers, so it runs again.
    const popup = await extension.open('popup.html');
    expect(await extension.send('refresh', { force: true })).toEqual({
      ok: true,
      value: { error: null, waitUntil: null },
    });
    await visible(popup.text('Brand v2'));
    await expect.poll(() => badgeText(extension)).toBe('2');
    const after = await extension.alarm();
    expect(after?.name).toBe(before?.name);
    expect(after!.scheduledTime).toBeGreaterThan(Date.now());
  },
);

test('a revoked key turns the badge to the key-rejected mark and stops the timer', async ({
  extension,
  fake,
}) => {
  await extension.useKey();
  await expect.poll(() => badgeText(extension)).toBe('2');
  fake.revokeKey();
  await extension.fireAlarms();
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
  await extension.fireAlarms();
  await expect.poll(() => badgeText(extension)).toBe('WAIT');
  const alarm = await extension.alarm();
  expect(alarm!.scheduledTime - Date.now()).toBeGreaterThan(590_000);
});
