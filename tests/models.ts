import type { Model } from '../utils/api/types';

/**
 * A model as the extension keeps it (after parsing), with plain defaults: a test names only the
 * fields that matter to it.
 */
export function testModel(fields: Partial<Model> = {}): Model {
  return {
    id: 'mdl_test',
    name: 'Test model',
    status: 'COMPLETED',
    createdAt: 0,
    updatedAt: null,
    available: false,
    owned: true,
    uri: null,
    datasetId: null,
    ...fields,
  };
}
