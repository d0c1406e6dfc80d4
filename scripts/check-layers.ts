// The layer rule: imports in src/ run one way, from the shell down to the pure money logic,
// and no module imports itself through others. `npm test` and `npm run lint` run it; the
// layers and why they are in this order are in docs/architecture.md.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The app's folders under src/, lowest first: a module may import from its own folder and
 *  from folders before it, never from one after it. */
export const LAYERS: readonly string[] = [
  'loan',
  'core',
  'ui',
  'storage',
  'sync',
  'voice',
  'journey',
  'assist',
  'office',
  'app',
  'main.tsx',
];

/** Folders outside the app's layers, with the layers each may import. */
export const SEPARATE: Readonly<Record<string, readonly string[]>> = {
  server: ['loan'],
  sw: [],
};

/** One broken rule: the importing file, what it imported, and why that is not allowed. */
export interface Violation {
  file: string;
  imported: string;
  reason: string;
}

const CODE = /\.(ts|tsx|js|mjs)$/;
const TEST = /\.(test|spec)\.(ts|tsx)$/;
// Static imports and re-exports (`import … from`, `export … from`, bare `import '…'`) and
// dynamic `import('…')`. Type-only imports count too: a type from a higher layer still
// couples the lower one to it.
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g;

/** The first folder of a path under src/ (or the file's name at src/'s top). */
function topOf(srcPath: string): string {
  return srcPath.split('/')[0] as string;
}

/** Resolves a relative import the way Vite and TypeScript do for this project's files. */
function resolveImport(from: string, spec: string, exists: (path: string) => boolean): string {
  const base = normalize(join(dirname(from), spec));
  for (const candidate of [
    base,
    `${base}.ts`,
    `${base}.tsx`,
    `${base}/index.ts`,
    `${base}/index.tsx`,
  ]) {
    if (exists(candidate)) return candidate;
  }
  return base;
}

/** Checks a tree given as source texts keyed by their path under src/ ('journey/store.ts'). */
export function checkLayers(files: ReadonlyMap<string, string>): Violation[] {
  const violations: Violation[] = [];
  const exists = (path: string) => files.has(path);
  const graph = new Map<string, string[]>();
  for (const [file, source] of files) {
    if (!CODE.test(file)) continue;
    const isTest = TEST.test(file);
    const edges: string[] = [];
    for (const match of source.matchAll(IMPORT)) {
      const target = resolveImport(file, match[1] as string, exists);
      if (target.startsWith('..')) continue;
      const from = topOf(file);
      const to = topOf(target);
      edges.push(target);
      if (from === to || isTest) continue;
      const allowed = SEPARATE[from];
      if (allowed) {
        if (!allowed.includes(to)) {
          violations.push({
            file,
            imported: target,
            reason: `${from}/ may import only ${allowed.join(', ') || 'nothing'} from src/`,
          });
        }
        continue;
      }
      if (SEPARATE[to]) {
        violations.push({ file, imported: target, reason: `the app does not import ${to}/` });
        continue;
      }
      const fromRank = LAYERS.indexOf(from);
      const toRank = LAYERS.indexOf(to);
      if (fromRank < 0 || toRank < 0) {
        violations.push({
          file,
          imported: target,
          reason: `${fromRank < 0 ? from : to} is in no layer: add it to LAYERS`,
        });
      } else if (toRank > fromRank) {
        violations.push({
          file,
          imported: target,
          reason: `${from} is below ${to}: imports run ${LAYERS.join(' ← ')}`,
        });
      }
    }
    if (!isTest) graph.set(file, edges);
  }
  violations.push(...findCycles(graph));
  return violations;
}

/** Every module cycle, once each, found by depth-first search. */
function findCycles(graph: ReadonlyMap<string, readonly string[]>): Violation[] {
  const cycles: Violation[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue;
      if (state.get(next) === 'open') {
        const loop = [...stack.slice(stack.indexOf(next)), next];
        cycles.push({ file: node, imported: next, reason: `module cycle: ${loop.join(' → ')}` });
      } else if (!state.has(next)) {
        visit(next);
      }
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
  return cycles;
}

/** Reads every code file under a src/ folder into the map checkLayers takes. */
export function readTree(srcDir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (CODE.test(name) || name.endsWith('.json')) {
        files.set(relative(srcDir, path), CODE.test(name) ? readFileSync(path, 'utf8') : '');
      }
    }
  };
  walk(srcDir);
  return files;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const src = resolve(import.meta.dirname, '../src');
  if (!existsSync(src)) throw new Error(`No src/ at ${src}`);
  const violations = checkLayers(readTree(src));
  for (const v of violations) console.error(`src/${v.file} imports src/${v.imported}: ${v.reason}`);
  console.log(
    violations.length === 0
      ? 'Layers: every import in src/ runs one way, and no module cycle.'
      : `Layers: ${violations.length} import(s) break the rule (docs/architecture.md).`,
  );
  process.exit(violations.length === 0 ? 0 : 1);
}
