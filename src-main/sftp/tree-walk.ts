// Lists a whole folder tree up front (local or remote), so a tree transfer
// knows its totals before it starts and refuses a hostile listing before it
// has written anything.
//
// Symlinks are skipped on both sides, never followed and never recreated:
// following one can loop forever or reach outside the tree, and recreating it
// would copy a pointer whose target rarely means the same thing on the other
// machine (and could point a later write outside the chosen folder). They are
// reported in `skipped` so the user can see what was left out.
import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import posix from 'node:path/posix';
import type { SFTPWrapper } from 'ssh2';
import { AppError } from '../errors/app-error';
import { forEachLimit } from './pool';
import { readDir } from './remote-fs';
import { localError } from './sftp-errors';

export interface TreeFile {
  /** Relative path with '/' separators. */
  rel: string;
  size: number;
}

export interface TreePlan {
  /** Relative folders, parents before children; the root itself is ''. */
  dirs: string[];
  files: TreeFile[];
  /** Relative paths of symlinks and special files that were left out. */
  skipped: string[];
}

/** Folders listed at once while walking (listings are round trips on a remote). */
const WALK_PARALLEL = 8;

interface Listed {
  name: string;
  kind: 'file' | 'dir' | 'symlink' | 'other';
  size: number;
}

/** Breadth-first, one level at a time, so parents always come before children. */
async function walk(list: (rel: string) => Promise<Listed[]>): Promise<TreePlan> {
  const plan: TreePlan = { dirs: [''], files: [], skipped: [] };
  for (let level = ['']; level.length > 0; ) {
    const next: string[] = [];
    await forEachLimit(level, WALK_PARALLEL, async (dir) => {
      for (const entry of await list(dir)) {
        const rel = dir ? `${dir}/${entry.name}` : entry.name;
        if (entry.kind === 'dir') next.push(rel);
        else if (entry.kind === 'file') plan.files.push({ rel, size: entry.size });
        else plan.skipped.push(rel);
      }
    });
    next.sort();
    plan.dirs.push(...next);
    level = next;
  }
  plan.files.sort((a, b) => (a.rel < b.rel ? -1 : 1));
  return plan;
}

export function walkLocal(root: string): Promise<TreePlan> {
  return walk(async (rel) => {
    const dir = path.join(root, ...rel.split('/').filter(Boolean));
    const entries = await readdir(dir, { withFileTypes: true }).catch((error: unknown) => {
      throw localError(error, 'read the folder', dir);
    });
    return Promise.all(
      entries.map(async (e): Promise<Listed> => {
        const kind = e.isDirectory() ? 'dir' : e.isFile() ? 'file' : e.isSymbolicLink() ? 'symlink' : 'other';
        const file = path.join(dir, e.name);
        const size = kind !== 'file' ? 0 : (await lstat(file).catch((error: unknown) => Promise.reject(localError(error, 'read', file)))).size;
        return { name: e.name, kind, size };
      }),
    );
  });
}

export function walkRemote(sftp: SFTPWrapper, root: string): Promise<TreePlan> {
  return walk(async (rel) => {
    const dir = rel ? posix.join(root, rel) : root;
    const entries = await readDir(sftp, dir);
    for (const e of entries) checkName(e.name, dir);
    return entries;
  });
}

/**
 * A name from the server becomes part of a local path, so it must be one
 * plain name: not '.', '..', empty, and free of separators and NUL. On
 * Windows '\' is a separator too.
 */
export function checkName(name: string, dir: string): void {
  const bad = name === '' || name === '.' || name === '..' || name.includes('/') || name.includes('\0') || (process.platform === 'win32' && name.includes('\\'));
  if (bad) {
    throw new AppError(
      'unsafe-name',
      `The server listed an entry named ${JSON.stringify(name)} in ${dir}. Warren will not download a name that could write outside the chosen folder; nothing was downloaded.`,
    );
  }
}

/** Joins a checked relative path under a local root, and proves the result stays inside it. */
export function localPathIn(root: string, rel: string): string {
  const base = path.resolve(root);
  const full = path.resolve(base, ...rel.split('/'));
  if (full !== base && !full.startsWith(base + path.sep)) {
    throw new AppError('unsafe-name', `Warren will not write ${full}: it is outside the chosen folder ${base}.`);
  }
  return full;
}
