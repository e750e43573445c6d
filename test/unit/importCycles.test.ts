import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

// No import cycle in src/, type-only imports included: each file's imports (import, import type, export … from,
// import(), require) as TypeScript's own pre-processor reads them, resolved as tsc resolves them, then every strongly
// connected group of files (Tarjan). A cycle makes load order matter and hides which layer depends on which.
const root = path.join(__dirname, '..', '..', '..');
const src = path.join(root, 'src');

/** Cycles tolerated while someone removes them: each must still exist (delete it here once it is gone). None now. */
const KNOWN: string[] = [];

function graph(): Map<string, string[]> {
  const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
  const options: ts.CompilerOptions = { moduleResolution: ts.ModuleResolutionKind.Node10, allowJs: false };
  const edges = new Map<string, string[]>();
  for (const rel of files) {
    const file = path.join(src, rel);
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets: string[] = [];
    for (const { fileName } of importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const resolved = ts.resolveModuleName(fileName, file, options, ts.sys).resolvedModule?.resolvedFileName;
      if (resolved && resolved.startsWith(src) && !resolved.endsWith('.d.ts')) targets.push(path.relative(src, resolved));
    }
    edges.set(rel, targets);
  }
  return edges;
}

/** Strongly connected components of more than one file, or a file importing itself; each sorted, as `a → b → …`. */
function cycles(edges: Map<string, string[]>): string[] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) !== index.get(v)) return;
    const group: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      group.push(w);
    } while (w !== v);
    if (group.length > 1 || (edges.get(v) ?? []).includes(v)) found.push(group.sort().join(' ↔ '));
  };
  for (const v of edges.keys()) if (!index.has(v)) visit(v);
  return found.sort();
}

describe('import cycles in src/', () => {
  it('finds the imports of every file, type-only ones and re-exports included', () => {
    const edges = graph();
    assert.ok(edges.size > 100, `${edges.size} files`);
    assert.ok(edges.get(path.join('shared', 'liveTranscript.ts'))?.includes(path.join('shared', 'protocol.ts')), 'import type');
    assert.ok(edges.get(path.join('core', 'catalog', 'index.ts'))?.includes(path.join('core', 'catalog', 'types.ts')), 'export * from');
  });

  it('finds a cycle when there is one', () => {
    const edges = new Map([['a.ts', ['b.ts']], ['b.ts', ['c.ts']], ['c.ts', ['a.ts']], ['d.ts', ['a.ts']], ['e.ts', ['e.ts']]]);
    assert.deepEqual(cycles(edges), ['a.ts ↔ b.ts ↔ c.ts', 'e.ts']);
  });

  it('has none (the known ones, being removed, aside)', () => {
    const found = cycles(graph());
    assert.deepEqual(found.filter((c) => !KNOWN.includes(c)), [], 'a new import cycle');
    assert.deepEqual(KNOWN.filter((c) => !found.includes(c)), [], 'a known cycle is gone: delete it from KNOWN');
  });
});
