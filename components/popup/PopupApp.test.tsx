// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testModel } from '../../tests/models';
import { ALL_ACCOUNTS, type PopupPrefs } from '../../utils/storage/choices';
import type { Account } from '../../utils/storage/items';
import { EMPTY_SNAPSHOT, type Snapshot } from '../../utils/storage/snapshot';
import { computeFirstScreen } from '../../utils/views/first-screen';
import { listsLoaded, loaded, query, shortLabel, state } from './model';
import { PopupApp } from './PopupApp';

// The popup paints from the small first screen the background keeps, before it reads the whole
// lists; and only when that screen is what it would show.

const PREFS: PopupPrefs = {
  tab: 'models',
  statuses: [],
  scope: 'all',
  sort: 'updated',
  account: ALL_ACCOUNTS,
};
const accounts: Account[] = [{ id: 'a1', label: 'Personal', since: 1 }];
const models = Array.from({ length: 2_000 }, (_, i) =>
  testModel({ id: `m${i}`, name: `Model ${String(i).padStart(4, '0')}`, createdAt: i }),
);
const snapshots: Record<string, Snapshot> = {
  a1: { ...EMPTY_SNAPSHOT, models, listedAt: 1, checkedAt: 1 },
};

beforeEach(async () => {
  await loaded;
  listsLoaded.value = false;
  query.value = '';
  state.accounts.value = accounts;
  state.prefs.value = PREFS;
  state.pins.value = [];
  state.snapshots.value = {};
});
afterEach(cleanup);

/** The whole lists, read from storage. */
function arrive() {
  state.snapshots.value = snapshots;
  listsLoaded.value = true;
}

const names = () =>
  [...document.querySelectorAll('[data-model-id] .name')].map((n) => n.textContent);

describe('the popup’s first paint', () => {
  it('draws the first screen’s rows and counts before the lists are read, then the lists', async () => {
    state.firstScreen.value = computeFirstScreen(accounts, snapshots, PREFS, []);
    render(<PopupApp />);
    expect(screen.getByRole('tab', { name: /Models/ }).textContent).toContain('2,000');
    expect(names()[0]).toBe('Model 1999');
    expect(screen.queryByRole('status', { name: 'Loading the list…' })).toBeNull();

    // The whole lists read (as loadLists does after the first frame): the same rows go on.
    arrive();
    await waitFor(() => expect(document.querySelector('[aria-setsize="2000"]')).not.toBeNull());
    expect(names()[0]).toBe('Model 1999');
    expect(screen.getByRole('tab', { name: /Models/ }).textContent).toContain('2,000');
  });

  it('waits for the lists, with skeleton rows, when the first screen was drawn for other choices', async () => {
    state.firstScreen.value = computeFirstScreen(accounts, snapshots, PREFS, []);
    // Pinned since: the stored screen does not show that pin first, so it is not used.
    state.pins.value = ['m3'];
    render(<PopupApp />);
    expect(screen.getByRole('status', { name: 'Loading the list…' })).not.toBeNull();
    expect(names()).toEqual([]);
    arrive();
    await waitFor(() => expect(names()[0]).toMatch(/Model 0003/));
  });
});

describe('short account labels', () => {
  it('keeps a short label whole and cuts a long one at a word, with an ellipsis', () => {
    expect(shortLabel('Personal')).toBe('Personal');
    const long = shortLabel('Acme team — client work for the spring catalogue');
    expect(long.endsWith('…')).toBe(true);
    expect('Acme team — client work for the spring catalogue'.startsWith(long.slice(0, -1))).toBe(
      true,
    );
    // Never half a word.
    expect(long.slice(0, -1)).toMatch(/(^|\s)\S+$/);
    expect(
      long
        .slice(0, -1)
        .split(/\s+/)
        .every((w) => 'Acme team — client work for the spring catalogue'.split(' ').includes(w)),
    ).toBe(true);
  });
});
