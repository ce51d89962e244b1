// The layout rules ARCHITECTURE.md states, checked on the code itself: a
// folder that imports a folder that imports it back is one feature split in
// two, or a leaf in the wrong place.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cycles, folderGraph, importGraph, sourceFiles } from '../test-support/import-graph';

const repo = path.resolve(import.meta.dirname, '..');
const production = (file: string) => !/\.test\.tsx?$/.test(file);
const rel = (file: string) => path.relative(repo, file);

describe('src-main', () => {
  const root = path.join(repo, 'src-main');
  const graph = importGraph(sourceFiles(root, production));

  it('has no folder cycles', () => {
    expect(cycles(folderGraph(graph, root))).toEqual([]);
  });

  it('has no file cycles, type-only imports included', () => {
    expect(cycles(graph).map((c) => c.map(rel))).toEqual([]);
  });

  it('keeps electron in the shell', () => {
    const shell = ['main.ts', 'preload.ts', 'ipc/electron-transport.ts'].map((f) => path.join(root, f));
    const users = [...graph.keys()].filter((f) => !shell.includes(f) && /from ['"]electron['"]/.test(readText(f)));
    expect(users.map(rel)).toEqual([]);
  });
});

describe('src-renderer', () => {
  const root = path.join(repo, 'src-renderer');
  const graph = importGraph(sourceFiles(root, production));

  it('has a store that knows no component (only itself, src-shared and window.warren)', () => {
    const allowed = ['src-renderer/store/', 'src-renderer/api/', 'src-shared/'];
    const store = [...graph].filter(([file]) => rel(file).startsWith('src-renderer/store/'));
    const outward = store.flatMap(([file, targets]) => targets.filter((t) => !allowed.some((a) => rel(t).startsWith(a))).map((t) => `${rel(file)} → ${rel(t)}`));
    expect(outward).toEqual([]);
  });
});

describe('src-shared', () => {
  it('imports nothing outside itself but zod', () => {
    const files = sourceFiles(path.join(repo, 'src-shared'), () => true);
    const outside = files.flatMap((f) => [...readText(f).matchAll(/from ['"]([^'"]+)['"]/g)].map((m) => m[1]!).filter((s) => s !== 'zod' && !s.startsWith('.')).map((s) => `${rel(f)}: ${s}`));
    expect(outside).toEqual([]);
    const escapes = [...importGraph(files)].flatMap(([f, ts]) => ts.filter((t) => !rel(t).startsWith('src-shared/')).map((t) => `${rel(f)} → ${rel(t)}`));
    expect(escapes).toEqual([]);
  });
});

function readText(file: string): string {
  return readFileSync(file, 'utf8');
}
