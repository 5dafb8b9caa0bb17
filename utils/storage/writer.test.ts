import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { accountsItem, apiKeysItem } from './items';
import { pinsItem, recentsItem, settingsItem } from './choices';
import { saveSettings, setPin } from './changes';
import { freezeLayout, FrozenLayoutError, StorageWriteError, write, writesSettled } from './writer';

beforeEach(() => {
  fakeBrowser.reset();
  freezeLayout([], false);
});

const stored = () => fakeBrowser.storage.local.get(null);
const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('the single writer', () => {
  it('runs read-modify-writes one after another, so simultaneous changes all land', async () => {
    // Each transaction reads, waits (as a real one waits on storage), then writes.
    const addPin = (id: string) =>
      write(async (tx) => {
        const pins = await tx.get(pinsItem);
        await tick();
        tx.set(pinsItem, [...pins, id]);
      });
    await Promise.all(['a', 'b', 'c', 'd', 'e'].map(addPin));
    expect((await stored()).pins).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('lands a transaction’s writes together, in one storage call', async () => {
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    await write((tx) => {
      tx.set(pinsItem, ['m1']);
      tx.set(recentsItem, ['m1']);
      tx.set(settingsItem, {
        activeMinutes: 2,
        idleMinutes: 15,
        notify: false,
        countCreating: false,
      });
    });
    expect(set).toHaveBeenCalledTimes(1);
    expect(Object.keys(set.mock.calls[0]![0] as object).sort()).toEqual([
      'pins',
      'recents',
      'settings',
    ]);
  });

  it('shows a transaction its own pending writes', async () => {
    const seen = await write(async (tx) => {
      tx.set(pinsItem, ['x']);
      const afterSet = await tx.get(pinsItem);
      tx.remove(pinsItem);
      const afterRemove = await tx.get(pinsItem);
      return { afterSet, afterRemove };
    });
    expect(seen).toEqual({ afterSet: ['x'], afterRemove: [] });
  });

  it('drops the writes of a transaction that throws, and goes on with the next', async () => {
    const failed = write(async (tx) => {
      tx.set(pinsItem, ['lost']);
      throw new Error('changed its mind');
    });
    const next = setPin('kept', true);
    await expect(failed).rejects.toThrow('changed its mind');
    await next;
    expect((await stored()).pins).toEqual(['kept']);
  });

  it('says so when the browser refuses to save, and keeps going after', async () => {
    vi.spyOn(fakeBrowser.storage.local, 'set').mockRejectedValueOnce(
      new Error('QUOTA_BYTES quota exceeded'),
    );
    await expect(setPin('a', true)).rejects.toBeInstanceOf(StorageWriteError);
    await setPin('b', true);
    expect((await stored()).pins).toEqual(['b']);
  });

  it('never rewrites a newer version’s keys and accounts, but other items still save', async () => {
    await fakeBrowser.storage.local.set({ accounts: [{ id: 'a', label: 'A', since: 1 }] });
    freezeLayout([accountsItem.key, apiKeysItem.key], true);
    await expect(write((tx) => tx.set(accountsItem, []))).rejects.toBeInstanceOf(FrozenLayoutError);
    await saveSettings({ activeMinutes: 3 });
    const after = await stored();
    expect(after.accounts).toEqual([{ id: 'a', label: 'A', since: 1 }]);
    expect(after.settings).toMatchObject({ activeMinutes: 3 });
  });

  it('applies two settings changed at the same moment (a field, then a checkbox)', async () => {
    await Promise.all([saveSettings({ activeMinutes: 7 }), saveSettings({ countCreating: true })]);
    await writesSettled();
    expect((await stored()).settings).toEqual({
      activeMinutes: 7,
      idleMinutes: 15,
      notify: false,
      countCreating: true,
    });
  });
});
