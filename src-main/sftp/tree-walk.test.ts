// The walk's own logic over an in-memory side: limits, loops and cost,
// without a network in the way. Hostile servers over SSH are in
// tree-walk-hostile.test.ts.
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error';
import { makeDirs } from './tree-transfer';
import { walk, type Listed, type WalkSide } from './tree-walk';

type Tree = { [name: string]: Tree | number };

/** A side over nested objects (numbers are file sizes); each folder's identity is its object. */
function memorySide(root: Tree, extra: Partial<WalkSide> = {}): WalkSide & { lists: number } {
  const ids = new Map<Tree, string>();
  // Folders by full path, filled as they are listed, so the side itself costs O(1) per look-up.
  const byPath = new Map<string, Tree>([['/r', root]]);
  const find = (full: string): Tree => byPath.get(full)!;
  const side = {
    lists: 0,
    root: '/r',
    join: (parent: string, name: string) => `${parent}/${name}`,
    list: async (full: string): Promise<Listed[]> => {
      side.lists++;
      return Object.entries(find(full)).map(([name, v]): Listed => {
        if (typeof v === 'number') return { name, kind: 'file', size: v };
        byPath.set(`${full}/${name}`, v);
        return { name, kind: 'dir', size: 0 };
      });
    },
    identify: async (full: string) => {
      const t = find(full);
      if (!ids.has(t)) ids.set(t, `#${ids.size}`);
      return ids.get(t)!;
    },
    ...extra,
  };
  return side;
}

function chain(depth: number): Tree {
  const root: Tree = {};
  let t = root;
  for (let i = 0; i < depth; i++) {
    const next: Tree = { f: 1 };
    t.d = next;
    t = next;
  }
  return root;
}

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

describe('walk', () => {
  it('lists folders parents-first and files sorted, with sizes', async () => {
    const plan = await walk(memorySide({ b: { x: 3, y: { z: 4 } }, a: 1, c: {} }));
    expect(plan.dirs).toEqual(['', 'b', 'c', 'b/y']);
    expect(plan.files).toEqual([
      { rel: 'a', size: 1 },
      { rel: 'b/x', size: 3 },
      { rel: 'b/y/z', size: 4 },
    ]);
    expect(plan.skipped).toEqual([]);
  });

  it('a 2,000-deep chain walks in well under a second of CPU (linear, not quadratic)', async () => {
    const side = memorySide(chain(2000));
    const before = cpuMs();
    const plan = await walk(side, { maxDepth: 5000 });
    const walked = cpuMs() - before;
    expect(plan.dirs).toHaveLength(2001);
    expect(plan.files).toHaveLength(2000);
    // Creating its folders groups them by depth once; re-scanning per level was the 100+ s.
    const made: string[] = [];
    const t0 = cpuMs();
    await makeDirs(plan.dirs, { ensureDir: async (rel) => (made.push(rel), true) }, new AbortController().signal);
    const mkdirs = cpuMs() - t0;
    expect(made).toEqual(plan.dirs);
    console.log(`2,000-deep chain: walk ${walked.toFixed(0)} ms CPU, folder plan ${mkdirs.toFixed(0)} ms CPU`);
    expect(walked).toBeLessThan(1000);
    expect(mkdirs).toBeLessThan(1000);
  });

  it('stops at the depth limit with a note, and transfers everything above it', async () => {
    const plan = await walk(memorySide(chain(300)));
    expect(plan.dirs).toHaveLength(257);
    expect(plan.files).toHaveLength(256);
    expect(plan.skipped).toEqual([{ rel: Array(257).fill('d').join('/'), why: 'deeper than 256 folders, not listed' }]);
  });

  it('refuses a tree with more entries than the limit, saying how many it allows', async () => {
    const wide = (): Tree => Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`f${i}`, 1]));
    expect((await walk(memorySide({ a: wide() }), { maxEntries: 60 })).files).toHaveLength(50);
    const error = await walk(memorySide({ a: wide(), b: wide() }), { maxEntries: 60 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('tree-too-large');
    expect((error as AppError).message).toMatch(/more than 60 files and folders.*Nothing was transferred/);
  });

  it('a folder listed twice (the same identity) is skipped with a note, not walked again', async () => {
    const loop: Tree = { f: 1 };
    loop.again = loop;
    const side = memorySide({ loop });
    const plan = await walk(side);
    expect(plan.dirs).toEqual(['', 'loop']);
    expect(plan.skipped).toEqual([{ rel: 'loop/again', why: expect.stringMatching(/same folder as one already listed/) }]);
    expect(side.lists).toBe(3);
  });

  it('a folder that resolves to an ancestor is a loop even when the ancestor is above the root', async () => {
    const side = memorySide(
      { up: { f: 1 } },
      { identify: async (full) => (full.endsWith('/up') ? '/' : '/srv/r'), contains: (id, parentId) => parentId.startsWith(id === '/' ? id : `${id}/`) || id === parentId },
    );
    const plan = await walk(side);
    expect(plan.skipped).toEqual([{ rel: 'up', why: 'a folder that contains itself (a loop), not listed again' }]);
    expect(plan.files).toEqual([]);
  });

  it('Cancel stops the walk at once, even while a listing is still unanswered', async () => {
    const abort = new AbortController();
    const side = memorySide({ a: {} }, { list: () => new Promise<Listed[]>(() => {}) });
    const walking = walk(side, { signal: abort.signal });
    setTimeout(() => abort.abort(), 20);
    const t0 = performance.now();
    const error = await walking.catch((e: unknown) => e);
    expect((error as AppError).code).toBe('cancelled');
    expect(performance.now() - t0).toBeLessThan(1000);
    await expect(walk(side, { signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'cancelled' });
  });
});
