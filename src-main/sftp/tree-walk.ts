// Lists a whole folder tree up front (local or remote), so a tree transfer
// knows its totals before it starts. A server decides what its listings say,
// so the walk assumes nothing of them: it stops at once on Cancel, skips (and
// says so) any folder it has already listed (a folder that contains itself),
// any entry whose name could write outside the chosen folder, and anything
// deeper than a limit; it refuses a tree with more entries than a limit; and
// its cost is linear in the entries listed.
//
// Symlinks are skipped on both sides, never followed and never recreated:
// following one can loop forever or reach outside the tree, and recreating it
// would copy a pointer whose target rarely means the same thing on the other
// machine (and could point a later write outside the chosen folder). They are
// reported in `skipped` so the user can see what was left out.
import { lstat, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FileEntryWithStats, SFTPWrapper } from 'ssh2';
import { AppError } from '../errors/app-error';
import { closeQuietly } from './chunk-io';
import { kindOf, realpath } from './remote-fs';
import { safeEntryName } from './safe-name';
import { STATUS, call, localError, remoteError, statusOf } from './sftp-errors';

export interface TreeFile {
  /** Relative path with '/' separators. */
  rel: string;
  size: number;
  /** Permission bits, when the listing gave them (remote listings do). */
  mode?: number;
}

/** An entry the walk left out, and why (words shown to the user). */
export interface SkippedEntry {
  rel: string;
  why: string;
}

export interface TreePlan {
  /** Relative folders, parents before children; the root itself is ''. */
  dirs: string[];
  files: TreeFile[];
  skipped: SkippedEntry[];
}

export interface WalkOptions {
  signal?: AbortSignal;
  /** Folders below the root deeper than this are skipped with a note (default 256). */
  maxDepth?: number;
  /** More entries than this refuses the whole tree (default 1,000,000). */
  maxEntries?: number;
}

export const MAX_DEPTH = 256;
export const MAX_ENTRIES = 1_000_000;
/**
 * Folders listed at once: each listing is round trips on a remote, and more
 * in flight hides them. A held folder handle is cheap for the server
 * (OpenSSH allows ~1,000 open handles).
 */
const WALK_PARALLEL = 64;
/** READDIR requests sent together: most folders fit in one answer (OpenSSH sends ~100 names), and the next one says EOF. */
const READDIR_AHEAD = 2;

export interface Listed {
  name: string;
  kind: 'file' | 'dir' | 'symlink' | 'other';
  size: number;
  mode?: number;
}

/** One side's file system, as the walk sees it. */
export interface WalkSide {
  /** The root's name for error messages. */
  root: string;
  /** The full path of a folder below `parent`. */
  join(parent: string, name: string): string;
  list(dir: string): Promise<Listed[]>;
  /** What the folder really is (a realpath, a device and inode), or null when the side cannot say. */
  identify(dir: string): Promise<string | null>;
  /** True when the folder `id` contains the folder `parentId` (or is it): listing it would go round. */
  contains?(id: string, parentId: string): boolean;
  /** Why a listed name must not be used, or null. */
  unsafe?(name: string): string | null;
}

interface Dir {
  rel: string;
  full: string;
  depth: number;
  parentId: string | null;
}

const SYMLINK = 'a symbolic link, not followed';
const SPECIAL = 'not a regular file or folder';

/**
 * Walks with up to WALK_PARALLEL listings in flight; each folder's listing and
 * identity are asked for together, so the check costs no extra round trip.
 */
export function walk(side: WalkSide, opts: WalkOptions = {}): Promise<TreePlan> {
  const maxDepth = opts.maxDepth ?? MAX_DEPTH;
  const maxEntries = opts.maxEntries ?? MAX_ENTRIES;
  const { signal } = opts;
  const dirs: { rel: string; depth: number }[] = [];
  const files: TreeFile[] = [];
  const skipped: SkippedEntry[] = [];
  const seen = new Set<string>();
  const queue: (Dir | undefined)[] = [{ rel: '', full: side.root, depth: 0, parentId: null }];
  let head = 0;
  let active = 0;
  let entries = 0;
  let stopped = false;

  return new Promise<TreePlan>((resolve, reject) => {
    const finish = (error: unknown, plan?: TreePlan) => {
      if (stopped) return;
      stopped = true;
      signal?.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolve(plan!);
    };
    const onAbort = () => finish(new AppError('cancelled', `Listing ${side.root} was cancelled.`));

    const visit = async (dir: Dir) => {
      const [listed, identity] = await Promise.all([side.list(dir.full), side.identify(dir.full).catch(() => null)]);
      if (stopped) return;
      const id = identity ?? dir.full;
      if (dir.parentId !== null && side.contains?.(id, dir.parentId)) {
        skipped.push({ rel: dir.rel, why: 'a folder that contains itself (a loop), not listed again' });
        return;
      }
      if (dir.parentId !== null && seen.has(id)) {
        skipped.push({ rel: dir.rel, why: 'the same folder as one already listed (a loop, or a folder mounted twice), not listed again' });
        return;
      }
      seen.add(id);
      dirs.push({ rel: dir.rel, depth: dir.depth });
      entries += listed.length;
      if (entries > maxEntries) {
        throw new AppError(
          'tree-too-large',
          `${side.root} holds more than ${maxEntries.toLocaleString('en-US')} files and folders, more than Warren lists for one transfer. Nothing was transferred; transfer its subfolders one at a time.`,
        );
      }
      for (const entry of listed) {
        const rel = dir.rel ? `${dir.rel}/${entry.name}` : entry.name;
        const unsafe = side.unsafe?.(entry.name);
        if (unsafe) skipped.push({ rel: dir.rel ? `${dir.rel}/${JSON.stringify(entry.name)}` : JSON.stringify(entry.name), why: `its name ${unsafe}; it could be written outside the chosen folder` });
        else if (entry.kind === 'file') files.push(entry.mode === undefined ? { rel, size: entry.size } : { rel, size: entry.size, mode: entry.mode });
        else if (entry.kind === 'symlink') skipped.push({ rel, why: SYMLINK });
        else if (entry.kind === 'other') skipped.push({ rel, why: SPECIAL });
        else if (dir.depth + 1 > maxDepth) skipped.push({ rel, why: `deeper than ${maxDepth} folders, not listed` });
        else queue.push({ rel, full: side.join(dir.full, entry.name), depth: dir.depth + 1, parentId: id });
      }
    };

    const pump = () => {
      if (stopped) return;
      while (active < WALK_PARALLEL && head < queue.length) {
        if (signal?.aborted) return onAbort();
        const dir = queue[head]!;
        // Free what the walk is done with: a long queue of listed folders is memory only.
        queue[head++] = undefined;
        active++;
        visit(dir).then(
          () => {
            active--;
            pump();
          },
          (error: unknown) => finish(error),
        );
      }
      if (active === 0 && head === queue.length) finish(null, plan(dirs, files, skipped));
    };

    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    pump();
  });
}

function plan(dirs: { rel: string; depth: number }[], files: TreeFile[], skipped: SkippedEntry[]): TreePlan {
  const byRel = (a: { rel: string }, b: { rel: string }) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0);
  dirs.sort((a, b) => a.depth - b.depth || byRel(a, b));
  files.sort(byRel);
  skipped.sort(byRel);
  return { dirs: dirs.map((d) => d.rel), files, skipped };
}

export function walkLocal(root: string, opts: WalkOptions = {}): Promise<TreePlan> {
  return walk(
    {
      root,
      join: (parent, name) => path.join(parent, name),
      list: async (dir) => {
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
      },
      // A bind mount can show a folder inside itself; device and inode say which folder it really is.
      identify: async (dir) => {
        const s = await stat(dir, { bigint: true });
        return `${s.dev}:${s.ino}`;
      },
    },
    opts,
  );
}

export function walkRemote(sftp: SFTPWrapper, root: string, opts: WalkOptions = {}): Promise<TreePlan> {
  return walk(
    {
      root,
      join: (parent, name) => (parent.endsWith('/') ? `${parent}${name}` : `${parent}/${name}`),
      list: (dir) => listAhead(sftp, dir),
      identify: (dir) => realpath(sftp, dir),
      contains: (id, parentId) => id === parentId || parentId.startsWith(id.endsWith('/') ? id : `${id}/`),
      unsafe: (name) => safeEntryName(name, process.platform),
    },
    opts,
  );
}

/**
 * A folder's entries in two round trips: OPENDIR, then READDIR_AHEAD READDIRs
 * in flight until one says EOF (a server answers a channel's requests in
 * order), then a CLOSE nobody waits for. ssh2's readdir on a path waits for
 * each of its four requests in turn. Each answer with names sends the next
 * READDIR at once, which also acknowledges it: a server without TCP_NODELAY
 * would otherwise hold the EOF behind it until the client's delayed ACK.
 */
export async function listAhead(sftp: SFTPWrapper, dir: string): Promise<Listed[]> {
  const failed = (error: unknown) => remoteError(error, 'list the folder', dir);
  const handle = await call<Buffer>(sftp, (cb) => sftp.opendir(dir, cb)).catch((error: unknown) => Promise.reject(failed(error)));
  const ask = () =>
    call<FileEntryWithStats[]>(sftp, (cb) => sftp.readdir(handle, cb)).catch((error: unknown) => {
      if (statusOf(error) === STATUS.EOF) return null;
      throw failed(error);
    });
  const pending = Array.from({ length: READDIR_AHEAD }, ask);
  const out: Listed[] = [];
  try {
    for (let list = await pending.shift()!; list !== null; list = await pending.shift()!) {
      pending.push(ask());
      for (const e of list) if (e.filename !== '.' && e.filename !== '..') out.push({ name: e.filename, kind: kindOf(e.attrs.mode), size: e.attrs.size, mode: e.attrs.mode & 0o7777 });
    }
  } finally {
    for (const p of pending) p.catch(() => {});
    closeQuietly(sftp, handle);
  }
  return out;
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
