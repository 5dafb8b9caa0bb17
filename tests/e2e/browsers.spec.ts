import { ACTIVE_CHECK } from '../fake-api';
import { API_BASE_URL } from '../../utils/api/client';
import {
  expect,
  hasValue,
  hidden,
  listedAndCounted,
  test,
  visible,
  BOTH_BROWSERS,
} from './fixtures';

// Where Chromium and Firefox differ, each difference met by the flow that meets it: a background
// that is a service worker or an event page, storage access levels, optional permissions, the
// add-on store's data consent, host access a user can withdraw. The flows are the same; where a
// browser behaves differently by design, the test says which behaviour each one must show.

const MIN = 60_000;

test(
  'settings survive a reload of the extension (an update, a restart)',
  BOTH_BROWSERS,
  async ({ extension }) => {
    await extension.useKey();
    const options = await extension.open('options.html');
    const interval = options.label('Check interval while a model is being created or trained');
    await interval.fill('4');
    await options.role('checkbox', /also counts models being created/).click();
    await expect
      .poll(async () => (await extension.storage()).settings)
      .toMatchObject({ activeMinutes: 4, countCreating: true });

    await extension.reloadExtension();
    const again = await extension.open('options.html');
    await hasValue(again.label('Check interval while a model is being created or trained'), '4');
    await expect
      .poll(() => again.role('checkbox', /also counts models being created/).isChecked())
      .toBe(true);
    await visible(again.role('heading', 'Account 1'));
    // The background came back with its alarm, at the pace the settings say.
    await expect.poll(async () => (await extension.badge()).text).toBe('3');
    const alarm = await extension.alarm();
    expect(alarm!.scheduledTime - Date.now()).toBeLessThanOrEqual(4 * MIN);
  },
);

test(
  'a background stopped while idle is woken by its alarm and checks',
  BOTH_BROWSERS,
  async ({ extension, fake }) => {
    await extension.useKey();
    await expect.poll(async () => (await extension.badge()).text).toBe('2');
    await listedAndCounted(extension, fake);
    // Chromium stops an idle service worker; Firefox unloads an idle event page.
    await extension.stopBackground();
    // The toolbar keeps the badge meanwhile.
    expect((await extension.badge()).text).toBe('2');
    fake.setStatus(fake.account.models.find((m) => m.name === 'Brand v2')!.model_id, 'COMPLETED');
    fake.clearRequests();
    await extension.fireAlarms();
    await expect.poll(async () => (await extension.badge()).text).toBe('1');
    expect(fake.paths()[0]).toBe(ACTIVE_CHECK);
  },
);

test(
  'keys live in storage.local only, limited to the extension where the browser can',
  BOTH_BROWSERS,
  async ({ extension, fake }) => {
    const options = await extension.open('options.html');
    await options.role('textbox', 'API key').fill(fake.account.apiKey);
    await options.role('button', 'Save').click();
    await visible(options.text(/Key works/));
    // Chromium can close storage.local to anything but the extension's own pages; Firefox's
    // storage.local has no such switch (and no content script exists to read it): the background
    // works either way.
    const canLimit = await extension.evaluate(
      () => typeof (browser.storage.local as { setAccessLevel?: unknown }).setAccessLevel,
    );
    expect(canLimit).toBe(extension.browser === 'chromium' ? 'function' : 'undefined');
    expect(Object.values((await extension.storage()).apiKeys as object)).toEqual([
      fake.account.apiKey,
    ]);
    expect(await extension.storage('sync')).toEqual({});
    expect(JSON.stringify(await extension.storage('session'))).not.toContain(fake.account.apiKey);
  },
);

test(
  'Firefox’s add-on store is told that the key leaves the browser, for api.ideogram.ai',
  BOTH_BROWSERS,
  async ({ extension }) => {
    const granted = await extension.evaluate(
      () => browser.permissions.getAll() as Promise<{ data_collection?: string[] }>,
    );
    // The data consent of browser_specific_settings is Firefox's; Chromium has no such thing.
    if (extension.browser === 'firefox')
      expect(granted.data_collection).toEqual(['authenticationInfo']);
    else expect(granted.data_collection).toBeUndefined();
  },
);

test(
  'notifications are turned on only with the browser’s permission',
  BOTH_BROWSERS,
  async ({ extension, fake }) => {
    await extension.useKey();
    await expect.poll(async () => (await extension.badge()).text).toBe('2');
    const options = await extension.open('options.html');
    await options.role('checkbox', /Notify me/).click();
    if (extension.browser === 'chromium') {
      // Chromium asks in a dialog a headless browser cannot answer: until it is answered, nothing
      // is saved as on. (Granting and refusing are tested with the fake browser.)
      await options.wait(1000);
      expect(
        ((await extension.storage()).settings as { notify?: boolean } | undefined)?.notify,
      ).not.toBe(true);
      return;
    }
    // Firefox grants it (its prompt is switched off for tests), and a finish is then announced.
    await expect
      .poll(async () => (await extension.storage()).settings)
      .toMatchObject({ notify: true });
    // A headless Firefox closes a notification as soon as it is raised: its events say it was.
    await options.evaluate(() => {
      const raised: string[] = [];
      (window as unknown as { raised: string[] }).raised = raised;
      browser.notifications.onClosed.addListener((id) => raised.push(id));
    });
    const brand = fake.account.models.find((m) => m.name === 'Brand v2')!.model_id;
    fake.setStatus(brand, 'COMPLETED', { uri: 'model/brand-v2/version/1' });
    await extension.fireAlarms();
    await expect
      .poll(() => options.evaluate(() => (window as unknown as { raised: string[] }).raised))
      .toEqual([`model:${brand}`]);
  },
);

test(
  'withdrawn access to api.ideogram.ai is noticed and asked for again',
  BOTH_BROWSERS,
  async ({ extension }) => {
    const origins = [`${API_BASE_URL}/*`];
    const removed = await extension.evaluate(
      (o) => browser.permissions.remove({ origins: o }).catch(() => false),
      origins,
    );
    const options = await extension.open('options.html');
    const notice = options.text(/has not given Model Watch access to/);
    if (extension.browser === 'chromium') {
      // Chromium grants host access at install for good: nothing to withdraw, nothing to notice.
      expect(removed).toBe(false);
      await options.wait(500);
      await hidden(notice);
      return;
    }
    // Firefox lets a person withdraw it: the options page says so and asks again.
    expect(removed).toBe(true);
    await visible(notice);
    await options.role('button', 'Allow access').click();
    await hidden(notice);
    expect(
      await extension.evaluate((o) => browser.permissions.contains({ origins: o }), origins),
    ).toBe(true);
  },
);

test(
  'a site images were collected from is listed on the options page until forgotten',
  BOTH_BROWSERS,
  async ({ extension }) => {
    await extension.useKey();
    const options = await extension.open('options.html');
    const section = options.role('region', 'Sites you collected images from');
    // Ideogram's API is the extension's own access, never listed as a collected site.
    await visible(options.text('No sites: Model Watch may read images from none.'));
    if (extension.browser === 'chromium') {
      // Chromium asks for a site in a dialog a headless browser cannot answer; the list and its
      // Forget buttons are tested with the fake browser. The empty list must still be right.
      return;
    }
    // Firefox grants in a click (its prompt is switched off for tests), as the studio asks.
    const site = 'https://images.example.com/*';
    await options.evaluate((origin) => {
      const ask = document.createElement('button');
      ask.textContent = 'Ask for the site';
      ask.onclick = () => void browser.permissions.request({ origins: [origin] });
      document.body.append(ask);
    }, site);
    await options.role('button', 'Ask for the site').click();
    // The open page shows it at once, from the browser's own event.
    await visible(section.text('images.example.com', { exact: true }));
    await section.role('button', 'Forget images.example.com').click();
    await visible(options.text('No sites: Model Watch may read images from none.'));
    expect(
      await extension.evaluate((o) => browser.permissions.contains({ origins: [o] }), site),
    ).toBe(false);
    // The API's access is untouched by forgetting.
    expect(
      await extension.evaluate(
        (o) => browser.permissions.contains({ origins: [o] }),
        `${API_BASE_URL}/*`,
      ),
    ).toBe(true);
  },
);
