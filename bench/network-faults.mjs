// Writes bench/fault-matrix.browsers.md: the faults of the network itself (a hang, a dropped
// connection, a body over the client's limit, being offline), staged by each browser's own
// network stack against the production build. It runs the e2e flow that asserts them
// (tests/e2e/network.spec.ts, part of `npm test`), asking it for its rows; `npm test` itself
// writes nothing.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const dir = mkdtempSync(path.join(tmpdir(), 'model-watch-faults-'));
try {
  execFileSync('npx', ['playwright', 'test', 'tests/e2e/network.spec.ts'], {
    stdio: 'inherit',
    env: { ...process.env, MODEL_WATCH_FAULT_TABLE: dir },
  });
  const table = (browser) => readFileSync(path.join(dir, `fault-matrix.${browser}.md`), 'utf8');
  writeFileSync(
    new URL('./fault-matrix.browsers.md', import.meta.url),
    [
      '# Faults of the network itself, in each browser',
      '',
      'Written by `npm run bench` from `tests/e2e/network.spec.ts` (which `npm test` runs in both',
      'browsers): each fault staged by the browser’s own network stack in the periodic check of the',
      'production build, with 10 models listed before it and the popup open. Every other fault (each',
      'status, body and Retry-After) is in [`fault-matrix.md`](fault-matrix.md), from the unit harness.',
      '',
      table('chromium'),
      table('firefox'),
    ].join('\n'),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
