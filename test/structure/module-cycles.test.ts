import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSource, sourceFiles, withoutComments } from './source-files.ts';

/**
 * The server's modules (src/server/modules/<module>) depend on each other in one direction: no
 * module reaches back to one that reaches it. Decided for issue 11: the run-time imports must form
 * no cycle at all. An `import type` is erased when Node strips the types, so it cannot make a
 * load-order cycle; it is how a module names a shape another owns. A type-only import that closes
 * a cycle is still allowed only when listed here, with its reason.
 */
const TYPE_ONLY_BACK_EDGES: Record<string, string> = {
  'audit -> auth': 'an audit row names its actor, the signed-in Principal that auth resolves',
  'notifications -> cases': "a case change's notices are computed from the case row that cases reads",
};

const MODULES = 'src/server/modules/';

interface Import {
  specifier: string;
  typeOnly: boolean;
}

/** The relative imports and re-exports of a source text, and whether each is erased (`import type`). */
function importsOf(text: string): Import[] {
  const code = withoutComments(text);
  const found: Import[] = [];
  for (const m of code.matchAll(/\b(?:import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/g)) {
    found.push({ specifier: m[2] as string, typeOnly: m[1] !== undefined });
  }
  for (const m of code.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    found.push({ specifier: m[1] as string, typeOnly: false });
  }
  return found.filter((i) => i.specifier.startsWith('.'));
}

const moduleOf = (file: string) =>
  file.startsWith(MODULES) ? file.slice(MODULES.length).split('/')[0] : undefined;

type Graph = Map<string, Map<string, string[]>>;

/** Module → module edges, each with the files that make it; type-only imports only when asked. */
function moduleGraph(withTypes: boolean): Graph {
  const graph: Graph = new Map();
  for (const file of sourceFiles(MODULES.slice(0, -1))) {
    const from = moduleOf(file) as string;
    for (const imp of importsOf(readSource(file))) {
      if (imp.typeOnly && !withTypes) continue;
      const to = moduleOf(path.posix.normalize(path.posix.join(path.posix.dirname(file), imp.specifier)));
      if (to === undefined || to === from) continue;
      const edges = graph.get(from) ?? new Map<string, string[]>();
      graph.set(from, edges);
      edges.set(to, [...(edges.get(to) ?? []), `${file}${imp.typeOnly ? ' (type)' : ''}`]);
    }
  }
  return graph;
}

/** Every edge that lies on a cycle, as `from -> to: files`, sorted. */
function cycleEdges(graph: Graph): string[] {
  const reach = (start: string) => {
    const seen = new Set<string>();
    const stack = [start];
    while (stack.length > 0) {
      for (const next of graph.get(stack.pop() as string)?.keys() ?? []) {
        if (!seen.has(next)) {
          seen.add(next);
          stack.push(next);
        }
      }
    }
    return seen;
  };
  const out: string[] = [];
  for (const [from, edges] of graph) {
    for (const [to, files] of edges) {
      if (reach(to).has(from)) out.push(`${from} -> ${to}: ${files.join(', ')}`);
    }
  }
  return out.sort();
}

const without = (graph: Graph, allowed: readonly string[]): Graph =>
  new Map(
    [...graph].map(([from, edges]) => [
      from,
      new Map([...edges].filter(([to]) => !allowed.includes(`${from} -> ${to}`))),
    ]),
  );

describe('module dependencies', () => {
  it('has no cycle of run-time imports between modules', () => {
    expect(cycleEdges(moduleGraph(false))).toEqual([]);
  });

  it('has no cycle through type-only imports but the listed ones', () => {
    expect(cycleEdges(without(moduleGraph(true), Object.keys(TYPE_ONLY_BACK_EDGES)))).toEqual([]);
  });

  it('keeps the list true: each listed edge exists, is type-only and closes a cycle', () => {
    const all = moduleGraph(true);
    const onCycles = cycleEdges(all).map((e) => e.slice(0, e.indexOf(':')));
    for (const edge of Object.keys(TYPE_ONLY_BACK_EDGES)) {
      const [from, to] = edge.split(' -> ') as [string, string];
      const files = all.get(from)?.get(to) ?? [];
      expect(files, `${edge} is gone: drop it from the list`).not.toEqual([]);
      expect(
        files.filter((f) => !f.endsWith(' (type)')),
        `${edge} must stay type-only`,
      ).toEqual([]);
      expect(onCycles, `${edge} closes no cycle any more: drop it from the list`).toContain(edge);
    }
  });

  it('reads imports and finds cycles as it should', () => {
    expect(
      importsOf(`import { a } from './a.ts';
import type { B } from '../b/b.ts';
import {
  type C,
  d,
} from '../c/c.ts';
export { e } from '../e/e.ts';
// import { f } from '../f/f.ts';
const g = await import('../g/g.ts');
import { z } from 'zod';`),
    ).toEqual([
      { specifier: './a.ts', typeOnly: false },
      { specifier: '../b/b.ts', typeOnly: true },
      // Inline `type` qualifiers leave the import itself in place, so the module still loads.
      { specifier: '../c/c.ts', typeOnly: false },
      { specifier: '../e/e.ts', typeOnly: false },
      { specifier: '../g/g.ts', typeOnly: false },
    ]);
    const graph: Graph = new Map([
      ['a', new Map([['b', ['a.ts']]])],
      ['b', new Map([['c', ['b.ts']]])],
      ['c', new Map([['a', ['c.ts']]])],
      ['d', new Map([['a', ['d.ts']]])],
    ]);
    expect(cycleEdges(graph)).toEqual(['a -> b: a.ts', 'b -> c: b.ts', 'c -> a: c.ts']);
    expect(cycleEdges(without(graph, ['c -> a']))).toEqual([]);
  });
});
