/**
 * The import graph of `src/`, read with TypeScript's own pre-processor (`ts.preProcessFile`), which
 * sees static, type-only, re-export and dynamic imports alike, so a type-only cycle counts too.
 * Tests (`*.test.ts`) are left out: they may reach into any layer they exercise.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export interface SourceFile {
  /** Repository-relative, with forward slashes: `src/fakes/milvus/engine/service.ts`. */
  readonly file: string;
  /** Repository-relative files this one imports (relative specifiers only). */
  readonly imports: readonly string[];
  /** Bare specifiers (packages and `node:` built-ins). */
  readonly packages: readonly string[];
}

function listSources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listSources(full));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) out.push(full);
  }
  return out;
}

export function readSourceGraph(dir = path.join(ROOT, 'src')): SourceFile[] {
  return listSources(dir).map((full) => {
    const info = ts.preProcessFile(readFileSync(full, 'utf8'), true, true);
    const imports: string[] = [];
    const packages: string[] = [];
    for (const { fileName } of info.importedFiles) {
      if (fileName.startsWith('.')) {
        const target = path.resolve(path.dirname(full), fileName).replace(/\.js$/, '.ts');
        imports.push(path.relative(ROOT, target).split(path.sep).join('/'));
      } else {
        packages.push(fileName);
      }
    }
    return { file: path.relative(ROOT, full).split(path.sep).join('/'), imports, packages };
  });
}

/** Strongly connected components with more than one file (Tarjan), each sorted, i.e. the import cycles. */
export function importCycles(files: readonly SourceFile[]): string[][] {
  const graph = new Map(files.map((f) => [f.file, f.imports.filter((i) => i !== f.file)]));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let next = 0;
  const visit = (node: string): void => {
    index.set(node, next);
    low.set(node, next);
    next++;
    stack.push(node);
    onStack.add(node);
    for (const to of graph.get(node) ?? []) {
      if (!graph.has(to)) continue;
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node) as number, low.get(to) as number));
      } else if (onStack.has(to)) {
        low.set(node, Math.min(low.get(node) as number, index.get(to) as number));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop() as string;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return cycles;
}
