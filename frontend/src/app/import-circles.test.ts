// No module of the SPA imports itself back through others (an import circle): a circle makes the order
// in which modules run depend on which one is loaded first, and lazy chunks then break in odd ways.
// Type-only imports vanish at build time and dynamic import() loads later, so neither counts.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(__dirname, '..');
const STATIC_IMPORT = /^\s*(?:import|export)\s+(?!type\b)[^'";]*?from\s+'(\.[^']+)'|^\s*import\s+'(\.[^']+)'/gm;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !/\.(test|d)\.ts$/.test(name) ? [path] : [];
  });
}

function resolveImport(from: string, spec: string, files: Set<string>): string | null {
  const base = resolve(dirname(from), spec);
  return [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')].find((p) => files.has(p)) ?? null;
}

/** Each circle once, as the list of its modules from the first one found. */
export function circles(files: string[], read: (path: string) => string): string[][] {
  const known = new Set(files);
  const edges = new Map(files.map((file) => [file, [...read(file).matchAll(STATIC_IMPORT)]
    .map((m) => resolveImport(file, m[1] ?? m[2]!, known)).filter((p): p is string => p !== null)]));
  const found: string[][] = [];
  const done = new Set<string>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  function visit(file: string): void {
    stack.push(file);
    onStack.add(file);
    for (const next of edges.get(file) ?? []) {
      if (onStack.has(next)) found.push(stack.slice(stack.indexOf(next)));
      else if (!done.has(next)) visit(next);
    }
    stack.pop();
    onStack.delete(file);
    done.add(file);
  }
  for (const file of files) if (!done.has(file)) visit(file);
  return found;
}

describe('imports', () => {
  it('form no circle', () => {
    const files = sources(SRC);
    expect(files.length).toBeGreaterThan(50);
    const found = circles(files, (path) => readFileSync(path, 'utf8')).map((c) => c.map((p) => relative(SRC, p)).join(' → '));
    expect(found).toEqual([]);
  });

  it('finds a circle when there is one', () => {
    const code: Record<string, string> = { '/a.ts': "import { b } from './b';", '/b.ts': "import { a } from './a';", '/c.ts': "import type { a } from './a';" };
    expect(circles(Object.keys(code), (p) => code[p]!)).toEqual([['/a.ts', '/b.ts']]);
  });
});
