import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

interface Tree {
  name: string;
  uid?: string;
  children?: Tree[];
}

/**
 * The modules that weigh most in some built files, from an analysis build made elsewhere (so the
 * tested build is untouched). Sizes are of each module's code in the bundle, before compression.
 */
export function biggestContributors(files: string[], top = 8): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'model-watch-analysis-'));
  try {
    execFileSync('npx', ['wxt', 'build', '--analyze'], {
      stdio: 'ignore',
      env: {
        ...process.env,
        MODEL_WATCH_OUT_DIR: path.join(dir, 'out'),
        MODEL_WATCH_STATS: path.join(dir, 'stats.html'),
      },
    });
    // Chunk names without their content hash, which the analysis build may change.
    const stem = (file: string) => file.replace(/-[\w-]{8}\.js$/, '.js');
    const wanted = new Set(files.map(stem));
    const sizes = new Map<string, number>();
    for (const name of readdirSync(dir).filter((f) => /^stats-.*\.json$/.test(f))) {
      const data = JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as {
        tree: Tree;
        nodeParts: Record<string, { renderedLength: number }>;
      };
      for (const bundle of data.tree.children ?? []) {
        if (!wanted.has(stem(bundle.name))) continue;
        const walk = (node: Tree, trail: string[]) => {
          if (node.children) for (const child of node.children) walk(child, [...trail, node.name]);
          else if (node.uid) {
            const where = [...trail.slice(1), node.name].join('/');
            const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(where)?.[1];
            const key = pkg ? `npm:${pkg}` : where;
            sizes.set(key, (sizes.get(key) ?? 0) + (data.nodeParts[node.uid]?.renderedLength ?? 0));
          }
        };
        walk(bundle, []);
      }
    }
    return [...sizes]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, bytes]) => `${name} (${(bytes / 1024).toFixed(1)} KB)`)
      .join(', ');
  } catch (error) {
    return `(the analysis build failed: ${(error as Error).message})`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
