import type { Model } from '../api/types';
import { failedRun } from '../models/training';
import type { Notice } from '../storage/notices';
import { formatDuration } from '../words/format';

const ACTIVE = new Set(['CREATING', 'TRAINING']);

/** Whether a model of the user's is being created or trained (unknown statuses are not). */
export function isActive(model: Model): boolean {
  return model.owned && ACTIVE.has(model.status);
}

/**
 * The user's models that were being created or trained before and have now finished or failed.
 * A model that vanished (deleted) is not a finish, and unknown statuses announce nothing.
 */
export function findTransitions(before: Model[], after: Model[], at: number): Notice[] {
  const previous = new Map(before.map((m) => [m.id, m]));
  const notices: Notice[] = [];
  for (const model of after) {
    const old = previous.get(model.id);
    if (!old || !isActive(old) || !model.owned) continue;
    if (model.status === 'COMPLETED' || model.status === 'ERRORED') {
      const notice: Notice = {
        modelId: model.id,
        name: model.name,
        status: model.status === 'COMPLETED' ? 'COMPLETED' : 'ERRORED',
        uri: model.uri,
        at,
      };
      const run = model.status === 'ERRORED' ? failedRun(model) : null;
      if (run) {
        notice.detail =
          run.updatedAt !== null && run.updatedAt > run.createdAt
            ? `Its training run failed after ${formatDuration(run.updatedAt - run.createdAt)}.`
            : 'Its training run failed.';
      }
      notices.push(notice);
    }
  }
  return notices;
}
