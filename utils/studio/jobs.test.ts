import { describe, expect, it } from 'vitest';
import { errorForStatus } from '../api/errors';
import type { IdeogramApi } from '../api/client';
import { createStudio } from './jobs';

const account = { id: 'a1', label: 'Account 1', since: 1 } as never;

function studioWith(api: Partial<IdeogramApi>) {
  let watched = 0;
  const studio = createStudio({
    clientFor: async () => ({ account, api: api as IdeogramApi }),
    now: () => 1000,
    watchTraining: async () => void watched++,
  });
  return { studio, watched: () => watched };
}

const detail = (fileCount: number) => ({
  dataset: { id: 'd1', name: 'Set', createdAt: 0 },
  fileCount,
  files: [],
  modelIds: [],
});

describe('starting a training', () => {
  it('a 402 says so, without promising a retry, and keeps what was prepared', async () => {
    const { studio } = studioWith({
      getDataset: async () => detail(20),
      trainModel: async () => {
        throw errorForStatus(402, 'the training', undefined, {
          rejectReason: 'insufficient_funds',
        });
      },
    });
    await expect(
      studio.startTraining({ accountId: 'a1', datasetId: 'd1', name: 'Brand v9' }),
    ).rejects.toThrow(
      'Ideogram says the account has run out of funds (HTTP 402). Add credit on Ideogram’s billing page. What you prepared is kept: try again when that is fixed.',
    );
  });

  it('too few images, or a bad name, are refused before anything is sent', async () => {
    let sent = 0;
    const { studio } = studioWith({
      getDataset: async () => detail(9),
      trainModel: async () => {
        sent++;
        throw new Error('not reached');
      },
    });
    await expect(
      studio.startTraining({ accountId: 'a1', datasetId: 'd1', name: 'Brand v9' }),
    ).rejects.toThrow('A training needs at least 15 images: this dataset has 9, 6 more needed.');
    await expect(
      studio.startTraining({ accountId: 'a1', datasetId: 'd1', name: 'no' }),
    ).rejects.toThrow('A name needs at least 5 characters');
    expect(sent).toBe(0);
  });

  it('a second start of the same dataset while one is on its way is refused', async () => {
    let release!: () => void;
    let sent = 0;
    const { studio } = studioWith({
      getDataset: async () => detail(20),
      trainModel: async () => {
        sent++;
        await new Promise<void>((resolve) => (release = resolve));
        return { modelId: 'm1', datasetId: 'd1', modelName: 'Brand v9', status: 'CREATING' };
      },
    });
    const first = studio.startTraining({ accountId: 'a1', datasetId: 'd1', name: 'Brand v9' });
    await expect(
      studio.startTraining({ accountId: 'a1', datasetId: 'd1', name: 'Brand v9' }),
    ).rejects.toThrow('already being started');
    await new Promise((r) => setTimeout(r, 0));
    release();
    await first.catch(() => {});
    expect(sent).toBe(1);
  });
});
