import { describe, expect, it } from 'vitest';
import { statusLabel } from '../words/format';
import { isKnownStatus } from './types';

describe('statuses in words', () => {
  it.each([
    ['TRAINING', 'Training'],
    ['COMPLETED', 'Completed'],
    ['ERRORED', 'Errored'],
    ['QUEUED', 'Queued'],
    ['in_review', 'In review'],
  ])('%s reads %j', (status, label) => {
    expect(statusLabel(status)).toBe(label);
  });

  it('tells documented statuses from ones Ideogram added later', () => {
    expect(isKnownStatus('ARCHIVED')).toBe(true);
    expect(isKnownStatus('QUEUED')).toBe(false);
  });
});
