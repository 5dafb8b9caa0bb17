// Measures an earlier commit's build beside today's, in the same run on the same machine: the
// popup's first row and the worker's wake-to-badge, with today's harness and fake API. The commit
// is BENCH_BEFORE, or the last one before "Only the product ships" (sample mode moved out of the
// HTTP fake, the popup split into lazy parts), which is what today's figures are held against.
// Writes bench/popup.before.json and bench/worker.before.json; report.mjs puts them side by side.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const commit = process.env.BENCH_BEFORE ?? 'ba953f5';
const root = process.cwd();
const run = (cmd, args, options = {}) =>
  execFileSync(cmd, args, { stdio: 'inherit', cwd: root, ...options });

rmSync('bench/before.json', { force: true });
try {
  execFileSync('git', ['cat-file', '-e', `${commit}^{commit}`], { cwd: root, stdio: 'ignore' });
} catch {
  console.log(`bench/before.mjs: commit ${commit} is not in this clone; no comparison measured.`);
  process.exit(0);
}

const tree = path.join(mkdtempSync(path.join(os.tmpdir(), 'model-watch-before-')), 'tree');
run('git', ['worktree', 'add', '--detach', tree, commit]);
try {
  symlinkSync(path.join(root, 'node_modules'), path.join(tree, 'node_modules'));
  run('npx', ['wxt', 'build'], { cwd: tree, stdio: ['ignore', 'ignore', 'inherit'] });
  const built = path.join(root, '.output/before-chrome-mv3');
  rmSync(built, { recursive: true, force: true });
  cpSync(path.join(tree, '.output/chrome-mv3'), built, { recursive: true });
} finally {
  run('git', ['worktree', 'remove', '--force', tree]);
}

run('node', ['bench/prepare.mjs', '.output/before-chrome-mv3', '.output/bench-before-chrome-mv3']);
run(
  'npx',
  [
    'playwright',
    'test',
    '--config',
    'bench/playwright.config.ts',
    'bench/worker.bench.spec.ts',
    'bench/popup.bench.spec.ts',
    '--grep',
    'first paint|wake to badge',
  ],
  {
    env: {
      ...process.env,
      BENCH_BUILD: '.output/bench-before-chrome-mv3',
      BENCH_LABEL: 'before',
      BENCH_COMMIT: commit,
    },
  },
);
const subject = execFileSync('git', ['log', '-1', '--format=%h %s', commit], { cwd: root })
  .toString()
  .trim();
writeFileSync('bench/before.json', `${JSON.stringify({ commit: subject }, null, 2)}\n`);
