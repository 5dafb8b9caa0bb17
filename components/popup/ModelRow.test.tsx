// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Model } from '../../utils/api/types';
import { testModel } from '../../tests/models';
import { announcement, type Listed, listsLoaded, loaded, now, rowMenu, state } from './model';
import { ModelRow } from './ModelRow';
import { RowMenu } from './RowMenu';

const NOW = Date.UTC(2026, 10, 21, 12, 0);
const MIN = 60_000;

function model(extra: Partial<Model>): Listed<Model> {
  const fields = { id: 'mdl_1', name: 'Brand v2', status: 'TRAINING', createdAt: NOW - 95 * MIN };
  return { ...testModel({ ...fields, ...extra }), accountId: 'a1' };
}

function renderRow(m: Listed<Model>) {
  state.snapshots.value = {
    a1: { ...state.snapshots.value.a1!, models: [m] },
  };
  render(
    <>
      <ModelRow model={m} position={0} total={1} active highlighted={false} onFocusRow={() => {}} />
      <RowMenu />
    </>,
  );
  return screen.getByRole('listitem');
}

const details = (row: HTMLElement) =>
  [...row.querySelectorAll('.details .part')].map((p) => p.textContent);

beforeEach(async () => {
  await loaded;
  // The popup's state, as if the background had stored this snapshot.
  listsLoaded.value = true;
  state.accounts.value = [{ id: 'a1', label: 'Personal', since: 1 }];
  state.snapshots.value = {
    a1: {
      models: [],
      datasets: [{ id: 'ds_1', name: 'Brand photos', createdAt: NOW }],
      listedAt: NOW,
      sharedAt: NOW,
      datasetsAt: NOW,
      checkedAt: NOW,
      error: null,
      datasetsError: null,
      dropped: 0,
    },
  };
  now.value = NOW;
  announcement.value = null;
  rowMenu.value = null;
});
afterEach(cleanup);

describe('a model row', () => {
  it.each<[string, Partial<Model>, string[]]>([
    ['training', { datasetId: 'ds_1' }, ['Training', 'for 1 h 35 min', 'Brand photos']],
    [
      'completed',
      {
        status: 'COMPLETED',
        updatedAt: NOW - 2 * 60 * MIN,
        available: true,
        uri: 'model/b/version/2',
      },
      ['Completed', 'finished 2 h ago'],
    ],
    [
      'shared',
      { status: 'COMPLETED', owned: false, available: true, uri: 'model/s/version/1' },
      ['Completed', 'Shared', 'created 1 h ago'],
    ],
    [
      'archived, not usable',
      { status: 'COMPLETED', available: false, uri: 'model/o/version/3' },
      ['Completed, not usable', 'created 1 h ago'],
    ],
    ['errored', { status: 'ERRORED', updatedAt: NOW - 5 * MIN }, ['Errored', 'failed 5 min ago']],
    ['of an unknown status', { status: 'QUEUED' }, ['Queued', 'updated 1 h ago']],
  ])('says the facts of a %s model, most important first', (_, extra, facts) => {
    expect(details(renderRow(model(extra)))).toEqual(facts);
  });

  it('shows its status in words, not only in colour', () => {
    const row = renderRow(model({}));
    const status = row.querySelector('.part.status')!;
    expect(status.textContent).toBe('Training');
    expect(status.className).toContain('st-training');
  });

  it('gives the whole name on hover, and every fact in the details’ title', () => {
    const name = 'Spring catalogue 2026 — product shots, second version with the new lighting';
    const row = renderRow(model({ name, datasetId: 'ds_1' }));
    expect(row.querySelector('.name')!.getAttribute('title')).toBe(name);
    expect(row.querySelector('.details')!.getAttribute('title')).toBe(
      'Training · for 1 h 35 min · Brand photos',
    );
  });

  it('renders a hostile name as text', () => {
    const row = renderRow(model({ name: '<img src=x onerror=alert(1)>' }));
    expect(row.querySelector('img')).toBeNull();
    expect(row.querySelector('.name')!.textContent).toBe('<img src=x onerror=alert(1)>');
  });

  it('leaves out a dataset it cannot name', () => {
    expect(details(renderRow(model({ datasetId: 'unknown' })))).toEqual([
      'Training',
      'for 1 h 35 min',
    ]);
  });

  it('copies the URI of a usable model with its one button, and says so', async () => {
    const writeText = vi.fn(async () => {});
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    renderRow(model({ status: 'COMPLETED', uri: 'model/brand/version/2', available: true }));
    const button = screen.getByRole('button', { name: 'Copy URI of Brand v2' });
    expect(button.textContent).toBe('URI');
    fireEvent.click(button);
    await vi.waitFor(() => expect(writeText).toHaveBeenCalledWith('model/brand/version/2'));
    expect(announcement.value?.text).toBe('Copied the URI of Brand v2.');
  });

  it('copies the ID of a model without a usable URI, and its button says so', async () => {
    const writeText = vi.fn(async () => {});
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    renderRow(model({ status: 'ARCHIVED', uri: 'model/old/version/3', available: false }));
    const button = screen.getByRole('button', { name: 'Copy ID of Brand v2' });
    expect(button.getAttribute('title')).toMatch(/archived, so a generate call cannot use its URI/);
    fireEvent.click(button);
    await vi.waitFor(() => expect(writeText).toHaveBeenCalledWith('mdl_1'));
    expect(announcement.value?.text).toBe('Copied the ID (no usable URI) of Brand v2.');
  });

  it('offers the rest in its menu; an item that cannot act says why and copies nothing', async () => {
    const writeText = vi.fn(async () => {});
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    renderRow(model({ status: 'CREATING' }));
    fireEvent.click(screen.getByRole('button', { name: 'More for Brand v2' }));
    const uri = screen.getByRole('menuitem', { name: /Copy model URI/ });
    expect(uri.getAttribute('aria-disabled')).toBe('true');
    expect(uri.getAttribute('title')).toBe('No URI yet: the model is still being created.');
    fireEvent.click(uri);
    expect(writeText).not.toHaveBeenCalled();
    expect(announcement.value).toMatchObject({
      tone: 'error',
      text: 'No URI yet: the model is still being created.',
    });
    fireEvent.click(screen.getByRole('menuitem', { name: /Copy model ID/ }));
    await vi.waitFor(() => expect(writeText).toHaveBeenCalledWith('mdl_1'));
  });

  it('says so when the browser refuses to copy', async () => {
    vi.stubGlobal('navigator', {
      ...navigator,
      clipboard: { writeText: async () => Promise.reject(new Error('denied')) },
    });
    renderRow(model({}));
    fireEvent.click(screen.getByRole('button', { name: 'Copy ID of Brand v2' }));
    await vi.waitFor(() => expect(announcement.value?.tone).toBe('error'));
    expect(announcement.value?.text).toMatch(/did not allow copying/);
  });
});
