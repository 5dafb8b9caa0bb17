import { describe, expect, it } from 'vitest';
import { settle, startTestBackground, startWithKey } from '../../tests/background-harness';
import { fakeDataset, standardAccount, TEST_KEY } from '../../tests/fake-api';
import { COUNT_MAX_AGE, COUNTS_PER_REFRESH, datasetsToCount } from './datasets';

// Each dataset's image count, fetched in the background after the lists and kept with them: the
// Datasets tab reads it from storage, never with a request per popup opening.

const detailPaths = (paths: string[]) => paths.filter((p) => p.startsWith('/datasets/'));

describe('counting datasets’ images', () => {
  it('counts each dataset once after the lists come, and keeps the counts across refreshes', async () => {
    const env = await startWithKey();
    await settle();
    expect((await env.snapshot()).datasets.map((d) => [d.name, d.fileCount])).toEqual([
      ['Brand photos', 24],
      ['Poster styles', 12],
    ]);
    env.fake.clearRequests();

    // Fresh lists within six hours keep the counts and ask for no detail.
    await env.ask('refresh', { force: true });
    await settle();
    expect(env.fake.paths().sort()).toEqual(['/datasets', '/models']);
    expect((await env.snapshot()).datasets.map((d) => d.fileCount)).toEqual([24, 12]);

    // Images added elsewhere are seen once the count is over six hours old.
    env.fake.account.datasets[0]!.files.push({ file_name: 'new.jpg', file_size_bytes: 1 });
    env.advance(COUNT_MAX_AGE + 60_000);
    env.fake.advance(COUNT_MAX_AGE + 60_000);
    env.fake.clearRequests();
    await env.ask('refresh', { force: true });
    await settle();
    expect(detailPaths(env.fake.paths())).toHaveLength(2);
    expect((await env.snapshot()).datasets.map((d) => d.fileCount)).toEqual([25, 12]);
  });

  it('asks for at most ten details per refresh; the rest come with the next lists', async () => {
    const account = standardAccount();
    account.datasets = Array.from({ length: 14 }, (_, i) => fakeDataset(`Set ${i + 1}`, i + 1));
    const env = await startTestBackground({ account });
    await env.ask('saveKey', { key: TEST_KEY, check: true });
    await settle();
    expect(detailPaths(env.fake.paths())).toHaveLength(COUNTS_PER_REFRESH);
    const counted = (await env.snapshot()).datasets.filter((d) => d.fileCount !== undefined);
    expect(counted).toHaveLength(COUNTS_PER_REFRESH);

    env.fake.clearRequests();
    await env.ask('refresh', { force: true });
    await settle();
    expect(detailPaths(env.fake.paths())).toHaveLength(14 - COUNTS_PER_REFRESH);
    const all = (await env.snapshot()).datasets;
    expect(all.every((d) => d.fileCount === Number(d.name.slice(4)))).toBe(true);
  });

  it('leaves a dataset whose detail fails uncounted, keeps the others, and shows no error', async () => {
    const account = standardAccount();
    const env = await startTestBackground({ account });
    env.fake.failPath(`/datasets/${account.datasets[0]!.dataset_id}`, {
      type: 'status',
      status: 500,
    });
    await env.ask('saveKey', { key: TEST_KEY, check: true });
    await settle();
    const snapshot = await env.snapshot();
    expect(snapshot.datasets.map((d) => d.fileCount)).toEqual([undefined, 12]);
    // The lists are good; a count that could not be read is no reason for an error banner.
    expect(snapshot.error).toBeNull();
    expect((await env.badge()).text).toBe('2');

    // The next lists ask for the missing one only.
    env.fake.clearFault();
    env.fake.clearRequests();
    await env.ask('refresh', { force: true });
    await settle();
    expect(detailPaths(env.fake.paths())).toEqual([`/datasets/${account.datasets[0]!.dataset_id}`]);
    expect((await env.snapshot()).datasets.map((d) => d.fileCount)).toEqual([24, 12]);
  });

  it('keeps the count a page just read, so the list shows it without asking again', async () => {
    const account = standardAccount();
    const env = await startTestBackground({ account });
    // Counting fails at first: the popup opening the dataset is what reads it.
    env.fake.failPath('/datasets/', { type: 'status', status: 503 });
    await env.ask('saveKey', { key: TEST_KEY, check: true });
    await settle();
    env.fake.clearFault();
    const id = account.datasets[1]!.dataset_id;
    const detail = await env.ask('getDataset', { accountId: await env.accountId(), id });
    expect(detail.files).toHaveLength(12);
    expect((await env.snapshot()).datasets.map((d) => d.fileCount)).toEqual([undefined, 12]);
  });

  it('counts the oldest and the never-counted first', () => {
    const now = 10 * COUNT_MAX_AGE;
    const snapshot = {
      datasets: [
        { id: 'fresh', countedAt: now - 1000 },
        { id: 'old', countedAt: now - COUNT_MAX_AGE - 1 },
        { id: 'never' },
        { id: 'older', countedAt: now - 2 * COUNT_MAX_AGE },
      ],
    };
    const due = datasetsToCount(
      { id: 'a', label: 'A', since: 1 },
      { a: snapshot } as unknown as Parameters<typeof datasetsToCount>[1],
      now,
    );
    expect(due).toEqual(['never', 'older', 'old']);
  });
});
