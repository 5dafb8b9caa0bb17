import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

// The product's layers, lowest first. A module may import from its own folder and from any layer
// below its own; never from above, never from a peer (the three pages), never from tests.
// docs/architecture.md ("Layers") says what each one is for.
export const LAYERS: readonly (readonly string[])[] = [
  ['utils/api'], // Ideogram's API: types, schemas, limits, the client, its errors
  ['utils/words'], // how numbers, times, statuses and waits are said
  ['utils/models'], // what a model's trainings and a search mean, from API types alone
  ['utils/storage'], // what is kept, parsed and repaired, through one writer
  ['utils/messaging'], // what pages and the worker say to each other
  ['utils/views'], // what pages show, computed from what is stored
  ['utils/studio'], // datasets: rules, tray, planning, collecting images
  ['utils/sample'], // the sample account, an in-memory Ideogram
  ['utils/accounts'], // accounts, keys, and which API answers each
  ['utils/refresh'], // the engine: checks, schedules, transitions
  ['utils/surfaces'], // the browser's surfaces: badge, menus, address bar, notifications
  ['utils/background'], // the worker, wired
  ['components'], // what the pages share
  ['components/popup', 'components/options', 'components/studio'], // the pages, side by side
  ['entrypoints'], // what the browser loads
];

export const ROOTS = ['utils', 'components', 'entrypoints'];

export interface Import {
  from: string;
  line: number;
  /** The file imported, relative to the repository, or the specifier when it resolves nowhere. */
  to: string;
}

const IMPORT =
  /(?:\bimport|\bexport)\s[^'";]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;

/** The relative imports of a module's source (packages are not layers). */
export function importsOf(file: string, source: string, exists: (file: string) => boolean) {
  const found: Import[] = [];
  for (const match of source.matchAll(IMPORT)) {
    const spec = match[1] ?? match[2] ?? match[3]!;
    if (!spec.startsWith('.')) continue;
    const line = source.slice(0, match.index).split('\n').length;
    const base = path.posix.join(path.posix.dirname(file), spec);
    const to =
      [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`].find(
        (candidate) => /\.[a-z]+$/.test(candidate) && exists(candidate),
      ) ?? base;
    found.push({ from: file, line, to });
  }
  return found;
}

/** The layer a file belongs to (the deepest folder listed that holds it), or -1 outside them. */
export function layerOf(file: string): { rank: number; name: string } | null {
  let best: { rank: number; name: string } | null = null;
  LAYERS.forEach((names, rank) => {
    for (const name of names) {
      if (file.startsWith(`${name}/`) && (!best || name.length > best.name.length)) {
        best = { rank, name };
      }
    }
  });
  return best;
}

/** What is wrong with one import, or null. */
function problemOf({ from, to }: Import): string | null {
  const source = layerOf(from)!;
  const target = layerOf(to);
  // A document of the repository's own read as text (`PRIVACY.md?raw`) is content, not code.
  if (!target && /^[\w.-]+\.md\?raw$/.test(to)) return null;
  if (!target) return `imports ${to}, outside the product's folders`;
  if (target.name === source.name) return null;
  if (target.rank < source.rank) return null;
  if (target.rank === source.rank)
    return `imports ${to}: ${source.name} and ${target.name} are peers`;
  return `imports ${to}: ${target.name} is above ${source.name}`;
}

/** Cycles among files (strongly connected components of two or more, or a file importing itself). */
function cyclesOf(imports: readonly Import[]): Import[][] {
  const edges = new Map<string, Import[]>();
  for (const edge of imports) edges.set(edge.from, [...(edges.get(edge.from) ?? []), edge]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: Import[][] = [];
  let next = 0;
  const visit = (file: string) => {
    index.set(file, next);
    low.set(file, next++);
    stack.push(file);
    onStack.add(file);
    for (const { to } of edges.get(file) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(file, Math.min(low.get(file)!, low.get(to)!));
      } else if (onStack.has(to)) low.set(file, Math.min(low.get(file)!, index.get(to)!));
    }
    if (low.get(file) !== index.get(file)) return;
    const members = new Set<string>();
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      members.add(member);
    } while (member !== file);
    const inside = imports.filter((edge) => members.has(edge.from) && members.has(edge.to));
    if (members.size > 1 || inside.length > 0) cycles.push(inside);
  };
  for (const file of edges.keys()) if (!index.has(file)) visit(file);
  return cycles;
}

/** Every upward, sideways or outward import, and every cycle, as `file:line: problem`. */
export function layerProblems(sources: ReadonlyMap<string, string>): string[] {
  const exists = (file: string) => sources.has(file) || existsSync(file);
  const imports = [...sources].flatMap(([file, source]) => importsOf(file, source, exists));
  const problems: string[] = [];
  for (const edge of imports) {
    const problem = problemOf(edge);
    if (problem) problems.push(`${edge.from}:${edge.line}: ${problem}`);
  }
  for (const cycle of cyclesOf(imports)) {
    const files = [...new Set(cycle.map((edge) => edge.from))].sort();
    problems.push(
      `a cycle among ${files.join(', ')}: ${cycle.map((e) => `${e.from}:${e.line} imports ${e.to}`).join('; ')}`,
    );
  }
  return problems;
}

/** The product's modules (tests excluded), by path relative to the repository. */
export function productSources(): Map<string, string> {
  const sources = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const file = path.posix.join(dir, name);
      if (statSync(file).isDirectory()) walk(file);
      else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) {
        sources.set(file, readFileSync(file, 'utf8'));
      }
    }
  };
  for (const root of ROOTS) walk(root);
  return sources;
}
