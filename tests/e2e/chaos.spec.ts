import {
  ACTIVE_CHECK,
  createFakeApi,
  fakeDataset,
  fakeModel,
  standardAccount,
  TEST_KEY,
} from '../fake-api';
import {
  expect,
  hasText,
  hasValue,
  hidden,
  lacksText,
  test,
  visible,
  type Extension,
  requestsSettled,
  BOTH_BROWSERS,
} from './fixtures';

// The production build under races, odd answers and damaged storage, where only a browser can
// show it: pages racing each other, what a page shows of a repair, the browser's own network
// (offline, throttling), big lists in real storage. What the refresh engine promises under races
// and odd answers is proved in milliseconds by the unit harness (utils/refresh/races.test.ts).

const TEAM_KEY = 'team-key-4f9a2c';
const team = createFakeApi(standardAccount(TEAM_KEY));
test.use({ otherFakes: [team] });
test.beforeEach(() => {
  team.clearFault();
  team.clearRequests();
});

const badgeText = async (extension: Extension) => (await extension.badge()).text;

/** Stops the background and wakes it with a message: it starts again on what is stored. */
async function restartWorker(extension: Extension) {
  await extension.stopBackground();
  await extension.send('takeFocusModel');
}

test.describe('saved data is never lost', () => {
  test('a layout written by a newer version is left untouched, read, and named in the options', async ({
    extension,
  }) => {
    const accountId = await extension.useKey(TEST_KEY, 'Personal');
    await expect.poll(() => badgeText(extension)).toBe('2');
    const accounts = [{ id: accountId, label: 'Personal', since: 1, color: 'teal' }];
    const apiKeys = { [accountId]: TEST_KEY, 'acct-later': { rotated: true } };
    await extension.setStorage({ schema: 3, accounts, apiKeys });
    await restartWorker(extension);

    const stored = await extension.storage();
    expect(stored).toMatchObject({ schema: 3, accounts, apiKeys });
    await expect.poll(() => badgeText(extension)).toBe('2');
    const options = await extension.open('options.html');
    await visible(options.text(/comes from a newer version of Model Watch/));
    await visible(options.role('heading', 'Personal'));
  });

  test('damaged accounts are repaired keeping the key, and reported once', async ({
    extension,
  }) => {
    await extension.setStorage({ schema: 2, accounts: 'oops', apiKeys: { 'acct-1': TEST_KEY } });
    await restartWorker(extension);
    await expect.poll(() => badgeText(extension)).toBe('2');

    const options = await extension.open('options.html');
    await visible(options.role('heading', 'Recovered key 1'));
    const report = options.text('Model Watch found damaged saved data and repaired it.');
    await visible(report);
    await options.role('button', 'OK').click();
    await hidden(report);
    await options.reload();
    await visible(options.role('heading', 'Recovered key 1'));
    await hidden(report);
    expect((await extension.storage()).apiKeys).toEqual({ 'acct-1': TEST_KEY });
  });

  test('two keys saved at the same moment from two options tabs give two accounts', async ({
    extension,
    fake,
  }) => {
    const first = await extension.open('options.html');
    await first.role('textbox', 'API key').fill(fake.account.apiKey);
    const second = await extension.open('options.html');
    await second.role('textbox', 'API key').fill(TEAM_KEY);
    // Enter in each field: a click could land beside the button as the first tab's page moves
    // (the other tab's account appears above its form, which keeps the key typed).
    await Promise.all([
      first.role('textbox', 'API key').press('Enter'),
      second.role('textbox', 'API key').press('Enter'),
    ]);
    await expect
      .poll(async () => Object.keys((await extension.storage()).apiKeys ?? {}).length)
      .toBe(2);
    await visible(first.role('heading', 'Account 1'));
    await visible(first.role('heading', 'Account 2'));
    await expect.poll(() => badgeText(extension)).toBe('4');
  });

  test('a check interval typed, then a box ticked: both are saved, every time', async ({
    extension,
  }) => {
    await extension.useKey();
    const options = await extension.open('options.html');
    const interval = options.role(
      'spinbutton',
      'Check interval while a model is being created or trained',
    );
    const box = options.role('checkbox', /also counts models being created/);
    for (let minutes = 2; minutes <= 6; minutes++) {
      await interval.fill(String(minutes));
      // Ticking the box takes the focus from the field: both changes leave at once.
      await box.click();
      const ticked = minutes % 2 === 0;
      await expect
        .poll(async () => (await extension.storage()).settings)
        .toMatchObject({ activeMinutes: minutes, countCreating: ticked });
      await visible(options.text('Saved.'));
    }
    await options.reload();
    await hasValue(interval, '6');
  });
});

test.describe('the refresh engine keeps its promises', () => {
  test(
    'back online, it checks within seconds, without waiting for the next alarm',
    BOTH_BROWSERS,
    async ({ extension, fake }) => {
      const accountId = await extension.useKey();
      await expect.poll(() => badgeText(extension)).toBe('2');
      // The phases read after the lists are done: going offline meets the check, not them.
      await requestsSettled(fake);
      await extension.setOffline(true);
      await extension.fireAlarms();
      await expect.poll(() => badgeText(extension)).toBe('OFF');
      const alarm = await extension.alarm(accountId);
      fake.clearRequests();
      await extension.setOffline(false);
      // Well before the alarm (30 s away at the soonest), a check went out and the badge is back.
      await expect.poll(() => badgeText(extension), { timeout: 10_000 }).toBe('2');
      expect(fake.paths()).toContain(ACTIVE_CHECK);
      expect(alarm!.scheduledTime).toBeGreaterThan(Date.now());
    },
  );
});

test.describe('the right cause, in words', () => {
  test(
    'requests failing right after server errors are said as the browser’s doing',
    BOTH_BROWSERS,
    async ({ extension, fake }) => {
      await extension.useKey();
      await expect.poll(() => badgeText(extension)).toBe('2');
      fake.setFault({ type: 'status', status: 500 });
      await extension.fireAlarms();
      await expect.poll(async () => (await extension.snapshot()).error?.kind).toBe('server');
      // After repeated 5xx Chromium fails an extension's requests before they leave
      // (net::ERR_TEMPORARILY_THROTTLED), which looks like a lost connection from inside.
      await extension.failConnections(true);
      await extension.setStorage({ refreshStates: {} });
      await extension.fireAlarms();
      const popup = await extension.open('popup.html');
      if (extension.browser === 'chromium') {
        await expect.poll(async () => (await extension.snapshot()).error?.kind).toBe('throttled');
        await hasText(popup.role('alert'), 'holding back requests');
        await lacksText(popup.role('alert'), 'VPN');
        expect(await badgeText(extension)).toBe('ERR');
      } else {
        // Firefox holds nothing back: the same failure there is a connection that failed.
        await expect.poll(async () => (await extension.snapshot()).error?.kind).toBe('network');
        await hasText(popup.role('alert'), 'Could not reach api.ideogram.ai');
        expect(await badgeText(extension)).toBe('OFF');
      }
    },
  );

  test('a 403 on the dataset list keeps the key and the models; the Datasets tab says so', async ({
    extension,
    fake,
  }) => {
    await extension.useKey();
    await expect.poll(() => badgeText(extension)).toBe('2');
    fake.failPath('/datasets', { type: 'status', status: 403 });
    fake.setStatus(fake.account.models.find((m) => m.name === 'Brand v2')!.model_id, 'COMPLETED');
    const popup = await extension.open('popup.html');
    await extension.send('refresh', { force: true });
    await expect.poll(() => badgeText(extension)).toBe('1');
    await popup.role('tab', /Datasets/).click();
    await hasText(
      popup.role('alert'),
      'Ideogram refused this key access to the dataset list (HTTP 403)',
    );
    await visible(popup.role('button', /Brand photos/));
  });
});

test.describe('big accounts', () => {
  test.use({
    // eslint-disable-next-line no-empty-pattern -- Playwright reads fixture dependencies from it.
    fake: async ({}, use) => {
      const account = standardAccount();
      const now = Date.now();
      for (let i = 0; i < 25_000; i++) {
        account.models.push(
          fakeModel(
            {
              id: `big${i.toString(36).padStart(8, '0')}_shared_`,
              name: `Registry model ${i}`,
              owned: false,
            },
            now,
          ),
        );
      }
      account.datasets.push({ ...fakeDataset('Huge dataset', 0, now), files: bigFiles() });
      await use(createFakeApi(account));
    },
  });

  function bigFiles() {
    return Array.from({ length: 50_000 }, (_, i) => ({
      file_name: `frame-${String(i + 1).padStart(5, '0')}.jpg`,
      file_size_bytes: 150_000,
    }));
  }

  test('25,000 models load, and a dataset of 50,000 files draws only what is in view', async ({
    extension,
  }) => {
    test.setTimeout(90_000);
    await extension.useKey();
    await expect
      .poll(async () => (await extension.snapshot()).models.length, { timeout: 30_000 })
      .toBe(25_010);
    const popup = await extension.open('popup.html');
    await hasText(popup.role('tab', /Models/), '25,010');
    expect(await popup.css('[role="listitem"]').count()).toBeLessThan(40);

    await popup.role('tab', /Datasets/).click();
    await popup.role('button', /Huge dataset/).click();
    const files = popup.role('list', 'Files of Huge dataset');
    await visible(files.text('frame-00001.jpg'), { timeout: 20_000 });
    expect(await popup.css('.file').count()).toBeLessThan(40);
    await files.scroll('end');
    await visible(files.text('frame-50000.jpg'));
  });
});
