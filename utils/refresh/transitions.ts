import type { Model } from '../api/types';
import type { Notice } from '../storage/notices';

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
      notices.push({
        modelId: model.id,
        name: model.name,
        status: model.status === 'COMPLETED' ? 'COMPLETED' : 'ERRORED',
        uri: model.uri,
        at,
      });
    }
  }
  return notices;
}
