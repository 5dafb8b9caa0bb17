import { describe, expect, it } from 'vitest';
import { layerProblems, productSources } from './layers';

// Imports point down: see LAYERS in ./layers.ts for the order, and docs/architecture.md.

describe('the layers of the product', () => {
  it('every import in utils/, components/ and entrypoints/ points down, with no cycle', () => {
    expect(layerProblems(productSources())).toEqual([]);
  });

  it('names the file and line of an import that points up, sideways or out', () => {
    const sources = new Map([
      ['utils/api/client.ts', "import type { Mode } from '../storage/all-accounts';\n"],
      ['utils/storage/all-accounts.ts', "\n\nimport { x } from '../../tests/models';\n"],
      ['components/popup/Row.tsx', "import { y } from '../options/model';\n"],
      ['components/options/model.ts', "import { api } from '../../utils/api/client';\n"],
    ]);
    expect(layerProblems(sources)).toEqual([
      'utils/api/client.ts:1: imports utils/storage/all-accounts.ts: utils/storage is above utils/api',
      "utils/storage/all-accounts.ts:3: imports tests/models.ts, outside the product's folders",
      'components/popup/Row.tsx:1: imports components/options/model.ts: components/popup and components/options are peers',
    ]);
  });

  it('finds a cycle inside one folder, with each import in it', () => {
    const sources = new Map([
      ['utils/surfaces/a.ts', "import { b } from './b';\n"],
      ['utils/surfaces/b.ts', "export const b = 1;\nexport { a } from './a';\n"],
      ['utils/surfaces/c.ts', "const lazy = () => import('./c');\n"],
    ]);
    expect(layerProblems(sources)).toEqual([
      'a cycle among utils/surfaces/a.ts, utils/surfaces/b.ts: utils/surfaces/a.ts:1 imports utils/surfaces/b.ts; utils/surfaces/b.ts:2 imports utils/surfaces/a.ts',
      'a cycle among utils/surfaces/c.ts: utils/surfaces/c.ts:1 imports utils/surfaces/c.ts',
    ]);
  });
});
