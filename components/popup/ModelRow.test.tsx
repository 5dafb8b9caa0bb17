// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Model } from '../../utils/api/types';
import { testModel } from '../../tests/models';
import { announcement, type Listed, loaded, now, state } from './model';
import { ModelRow } from './ModelRow';

const NOW = Date.UTC(2026, 10, 21, 12, 0);
const MIN = 60_000;

function model(extra: Partial<Model>): Listed<Model> {
  const fields = { id: 'mdl_1', name: 'Brand v2', status: 'TRAINING', createdAt: NOW - 95 * MIN };
  return { ...testModel({ ...fields, ...extra }), accountId: 'a1' };
}

function renderRow(m: Listed<Model>) {
  render(
    <ModelRow model={m} position={0} total={1} active highlighted={false} onFocusRow={() => {}} />,
  );
  return screen.getByRole('listitem');
}

beforeEach(async () => {
  await loaded;
  // The popup's state, as if the background had stored this snapshot.
  state.accounts.value = [{ id: 'a1', label: 'Personal', since: 1 }];
  state.snapshots.value = {
    a1: {
      models: [],
      datasets: [{ id: 'ds_1', name: 'Brand photos', createdAt: NOW }],
      listedAt: NOW,
      checkedAt: NOW,
      error: null,
      datasetsError: null,
      dropped: 0,
    },
  };
  now.value = NOW;
  announcement.value = null;
});
afterEach(cleanup);

describe('a model row', () => {
  it.each<[string, Partial<Model>, string[]]>([
    ['training', {}, ['Training', 'for 1 h 35 min', 'Mine', 'Not usable']],
    [
      'completed',
      {
        status: 'COMPLETED',
        updatedAt: NOW - 2 * 60 * MIN,
        available: true,
        uri: 'model/b/version/2',
      },
      ['Completed', 'finished 2 h ago', 'Usable'],
    ],
    [
      'shared',
      { status: 'COMPLETED', owned: false, available: true, uri: 'model/s/version/1' },
      ['Shared'],
    ],
    ['errored', { status: 'ERRORED', updatedAt: NOW - 5 * MIN }, ['Errored', 'failed 5 min ago']],
    ['of an unknown status', { status: 'QUEUED' }, ['Queued', 'updated 1 h ago']],
  ])('shows the facts of a %s model', (_, extra, facts) => {
    const row = renderRow(model(extra));
    for (const fact of facts) expect(row.textContent).toContain(fact);
  });

  it('shows its status in words, not only in colour', () => {
    const row = renderRow(model({}));
    const status = row.querySelector('.status')!;
    expect(status.textContent).toBe('Training');
    expect(status.className).toContain('st-training');
  });

  it('renders a hostile name as text', () => {
    const row = renderRow(model({ name: '<img src=x onerror=alert(1)>' }));
    expect(row.querySelector('img')).toBeNull();
    expect(row.querySelector('.name')!.textContent).toBe('<img src=x onerror=alert(1)>');
  });

  it('names the dataset it was trained from, as a link to it', () => {
    const row = renderRow(model({ datasetId: 'ds_1' }));
    expect(screen.getByRole('button', { name: 'Brand photos' })).toBeTruthy();
    expect(row.textContent).toContain('Brand photos');
  });

  it('leaves out a dataset it cannot name', () => {
    renderRow(model({ datasetId: 'unknown' }));
    expect(screen.queryByRole('button', { name: /unknown/ })).toBeNull();
  });

  it('disables Copy model URI without a URI, says why, and copies nothing', async () => {
    const writeText = vi.fn(async () => {});
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    renderRow(model({}));
    const button = screen.getByRole('button', { name: 'Copy model URI' });
    expect(button.getAttribute('aria-disabled')).toBe('true');
    expect(button.getAttribute('title')).toBe('No URI yet: the model is still training.');
    fireEvent.click(button);
    expect(writeText).not.toHaveBeenCalled();
    expect(announcement.value?.text).toBe('No URI yet: the model is still training.');
  });

  it('copies the URI and the ID, and announces it', async () => {
    const writeText = vi.fn(async () => {});
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    renderRow(model({ status: 'COMPLETED', uri: 'model/brand/version/2', available: true }));
    fireEvent.click(screen.getByRole('button', { name: 'Copy model URI' }));
    await vi.waitFor(() => expect(writeText).toHaveBeenCalledWith('model/brand/version/2'));
    expect(announcement.value?.text).toBe('Copied the URI of Brand v2.');
    fireEvent.click(screen.getByRole('button', { name: 'Copy model ID' }));
    await vi.waitFor(() => expect(writeText).toHaveBeenLastCalledWith('mdl_1'));
  });

  it('says so when the browser refuses to copy', async () => {
    vi.stubGlobal('navigator', {
      ...navigator,
      clipboard: { writeText: async () => Promise.reject(new Error('denied')) },
    });
    renderRow(model({}));
    fireEvent.click(screen.getByRole('button', { name: 'Copy model ID' }));
    await vi.waitFor(() => expect(announcement.value?.tone).toBe('error'));
    expect(announcement.value?.text).toMatch(/did not allow copying/);
  });
});
