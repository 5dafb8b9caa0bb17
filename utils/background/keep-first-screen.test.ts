import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { settle, startTestBackground, startWithKey } from '../../tests/background-harness';
import { TEST_KEY } from '../../tests/fake-api';
import { firstScreenItem } from '../storage/first-screen-item';
import { firstScreenKey } from '../views/first-screen';
import { accountsItem } from '../storage/items';
import { pinsItem, popupPrefsItem } from '../storage/choices';

// The background keeps the popup's first screen in step with what the popup would show.

const stored = () => firstScreenItem.getValue();
const expectedKey = async () =>
  firstScreenKey(
    await accountsItem.getValue(),
    await popupPrefsItem.getValue(),
    await pinsItem.getValue(),
  );

describe('the first screen the background keeps', () => {
  it('is there once a key’s lists are, drawn for the popup’s current choices', async () => {
    const env = await startTestBackground();
    expect(await stored()).toBeNull();
    await env.ask('saveKey', { key: TEST_KEY, check: true });
    await settle();
    const first = (await stored())!;
    expect(first.key).toBe(await expectedKey());
    expect(first.models).toBe(10);
    expect(first.rows.map((r) => r.name)).toContain('Brand v2');
    // The counts the background read are on the dataset rows too.
    expect(first.datasetRows.map((d) => d.fileCount)).toEqual([24, 12]);
  });

  it('follows a pin, a filter and a refresh that changed a model', async () => {
    const env = await startWithKey();
    const id = env.fake.account.models.find((m) => m.name === 'Team mascot')!.model_id;
    await env.ask('setPin', { modelId: id, pinned: true });
    await settle();
    expect((await stored())!.rows[0]!.name).toBe('Team mascot');
    expect((await stored())!.key).toBe(await expectedKey());

    await env.ask('setPopupPrefs', { statuses: ['ERRORED'] });
    await settle();
    expect((await stored())!.rows.map((r) => r.name)).toEqual(['Broken run']);

    env.fake.setStatus(
      env.fake.account.models.find((m) => m.name === 'Broken run')!.model_id,
      'COMPLETED',
    );
    await env.ask('refresh', { force: true });
    await settle();
    expect((await stored())!.rows).toEqual([]);
  });

  it('goes when the last account does', async () => {
    const env = await startWithKey();
    await settle();
    expect(await stored()).not.toBeNull();
    await env.ask('removeAccount', { id: await env.accountId() });
    await settle();
    expect(await stored()).toBeNull();
  });

  it('is not rewritten when nothing it shows changed', async () => {
    const env = await startWithKey();
    await settle();
    const writes: string[] = [];
    await env.fireAlarm();
    fakeBrowser.storage.local.onChanged.addListener((changes) => {
      if ('firstScreen' in changes) writes.push('firstScreen');
    });
    // A choice saved again as it was: the keeper runs, finds the same screen, writes nothing.
    const before = writes.length;
    await env.ask('setPopupPrefs', { tab: 'models' });
    await settle();
    expect(writes.length).toBe(before);
  });

  it('is rebuilt from the lists when what was stored is damaged', async () => {
    const env = await startWithKey();
    await settle();
    await fakeBrowser.storage.local.set({ firstScreen: '{"not": "a first screen"' });
    await env.restart();
    expect((await stored())!.key).toBe(await expectedKey());
  });
});
