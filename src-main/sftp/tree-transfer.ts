// Whole-folder upload and download. The tree is listed first (totals known,
// hostile names refused before anything is written), folders are created
// parents-first (empty ones too), then files go several at a time: for many
// small files the cost is round trips per file, and parallel files hide them.
// How many at a time is found as the tree goes (flight-control.ts), and a
// small file takes the short path of small-file.ts.
import { setMaxListeners } from 'node:events';
import { lstat as localLstat, mkdir as localMkdir } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import posix from 'node:path/posix';
import type { SFTPWrapper } from 'ssh2';
import { AppError } from '../errors/app-error';
import { FlightControl, forEachAdaptive } from './flight-control';
import { forEachLimit } from './pool';
import { lstatOrNull, mkdir as remoteMkdir } from './remote-fs';
import { localError } from './sftp-errors';
import { downloadSmall, smallFileLimit, uploadSmall } from './small-file';
import { DEFAULT_CHUNK_SIZE, PART_SUFFIX, RANGES_SUFFIX, downloadFile, uploadFile, type TransferOptions } from './transfer';
import { localPathIn, walkLocal, walkRemote, type SkippedEntry, type TreeFile, type TreePlan, type WalkOptions } from './tree-walk';

export interface TreeProgress {
  bytesDone: number;
  bytesTotal: number;
  filesDone: number;
  filesTotal: number;
}

export interface TreeOptions {
  /**
   * Continue `.warren-part` files, and skip files whose target already exists
   * with the source's size (taken as done by an earlier, interrupted run).
   */
  resume?: boolean;
  signal?: AbortSignal;
  onProgress?(progress: TreeProgress): void;
  /** A resumed file's source changed since its part was begun, so that file starts over (see TransferOptions). */
  onRestart?(why: string): void;
  /** Files in flight at once; default: found as the tree goes, from DEFAULT_PARALLEL up to MAX_PARALLEL (flight-control.ts). */
  parallel?: number;
  /** Per file (see TransferOptions). Buffers in use stay under parallel × 2 × concurrency × chunkSize (downloads read ahead of the disk). */
  chunkSize?: number;
  /** Reads in flight per file; default 8: a tree of large files holds at most 16 × 2 × 8 × 255 KiB = 64 MiB, small files far less. */
  concurrency?: number;
  /** The walk's limits (see tree-walk.ts); the defaults suit any real tree. */
  maxDepth?: number;
  maxEntries?: number;
}

export interface TreeResult {
  files: number;
  dirs: number;
  bytes: number;
  /** Files not sent again because `resume` found them complete. */
  alreadyThere: number;
  /** Entries left out, each with why: symlinks, special files, unsafe names, loops, too deep (see tree-walk.ts). */
  skipped: SkippedEntry[];
}

/** Measured on loopback with 2,000 × 4 KiB files: 8 → 16 at once cut the time by ~10–25%; 32 gained little more. */
export const DEFAULT_PARALLEL = 16;
/**
 * Most files in flight: at a 50 ms round trip a small file takes 2–3 of them,
 * so 256 at once is ~2,000 files a second. OpenSSH allows ~1,000 open handles;
 * a server that announces fewer gets at most half of its limit.
 */
export const MAX_PARALLEL = 256;
/** Buffers the files in flight may hold together (what 16 files of 2 × 8 × 255 KiB held before the number became adaptive). */
const FLIGHT_BYTES = 64 * 1024 * 1024;
/** What finishing a file is worth next to its bytes, for the throughput the number of files in flight is tuned by. */
const FILE_UNITS = 64 * 1024;
/** Requests in flight per file within a tree: 8 × 255 KiB covers ssh2's 2 MiB receive window. */
const TREE_FILE_CONCURRENCY = 8;
/** Folders created at once. */
const MKDIR_PARALLEL = 128;

interface Side {
  /** Creates a folder (relative path) unless a real folder is already there; true if it made it. */
  ensureDir(rel: string): Promise<boolean>;
  /** Size of an existing file at the target, for resume; null when absent. */
  targetSize(rel: string): Promise<number | null>;
  /** `fresh`: the file's folder was just created, so nothing is in the way. */
  copy(file: TreeFile, opts: TransferOptions, fresh: boolean): Promise<unknown>;
  /**
   * Folder creations are answered in the order they are sent (one SFTP
   * channel), so a child's may go right behind its parent's without waiting.
   */
  ordered?: boolean;
  /** The server's limit on open handles, if it announced one. */
  maxHandles?: number;
}

/** Mirrors `localDir` into `remoteDir` (created if missing). */
export async function uploadTree(sftp: SFTPWrapper, localDir: string, remoteDir: string, opts: TreeOptions = {}): Promise<TreeResult> {
  const plan = await walkLocal(localDir, walkOptions(opts));
  const remote = (rel: string) => (rel ? posix.join(remoteDir, rel) : remoteDir);
  return run(plan, localDir, opts, {
    ensureDir: (rel) =>
      remoteMkdir(sftp, remote(rel)).then(
        () => true,
        async (error: unknown) => {
          if (error instanceof AppError && error.code === 'exists' && (await lstatOrNull(sftp, remote(rel)))?.kind === 'dir') return false;
          throw error;
        },
      ),
    targetSize: async (rel) => {
      const there = await lstatOrNull(sftp, remote(rel));
      return there?.kind === 'file' ? there.size : null;
    },
    // In a folder we just made, skipping the look at the target saves a round trip per file.
    copy: async (file, o, fresh) => {
      const from = localPathIn(localDir, file.rel);
      if (fresh && file.size <= smallFileLimit(sftp, 'write') && (await uploadSmall(sftp, from, remote(file.rel), o.signal))) return;
      return uploadFile(sftp, from, remote(file.rel), o, { targetAbsent: fresh });
    },
    ordered: true,
    maxHandles: announcedHandles(sftp),
  });
}

/** Mirrors `remoteDir` into `localDir` (created if missing); never writes outside `localDir`. */
export async function downloadTree(sftp: SFTPWrapper, remoteDir: string, localDir: string, opts: TreeOptions = {}): Promise<TreeResult> {
  const plan = await walkRemote(sftp, remoteDir, walkOptions(opts));
  return run(plan, remoteDir, opts, {
    ensureDir: async (rel) => {
      const dir = localPathIn(localDir, rel);
      return localMkdir(dir).then(
        () => true,
        async (error: unknown) => {
          // Only a real folder will do: a symlink here could lead the download
          // anywhere on this machine.
          const there = await localLstat(dir).catch(() => null);
          if ((error as NodeJS.ErrnoException).code === 'EEXIST' && there?.isDirectory()) return false;
          if (there?.isSymbolicLink()) throw new AppError('unsafe-path', `Could not download into ${dir}: it is a symbolic link, which Warren will not write through.`);
          throw localError(error, 'create the folder', dir);
        },
      );
    },
    targetSize: async (rel) => {
      const there = await localLstat(localPathIn(localDir, rel)).catch(() => null);
      return there?.isFile() ? there.size : null;
    },
    copy: async (file, o, fresh) => {
      const from = posix.join(remoteDir, file.rel);
      const to = localPathIn(localDir, file.rel);
      // The listing gave size and mode, so a small file needs no fstat; a part to resume takes the plain path.
      const small = file.mode !== undefined && file.size <= smallFileLimit(sftp, 'read') && !(o.resume && (await partThere(to)));
      if (small && (await downloadSmall(sftp, from, to, { size: file.size, mode: file.mode! }, o.signal, fresh))) return;
      return downloadFile(sftp, from, to, o);
    },
    maxHandles: announcedHandles(sftp),
  });
}

async function run(plan: TreePlan, sourceRoot: string, opts: TreeOptions, side: Side): Promise<TreeResult> {
  const progress: TreeProgress = { bytesDone: 0, bytesTotal: sum(plan.files), filesDone: 0, filesTotal: plan.files.length };
  const report = () => opts.onProgress?.({ ...progress });
  const result: TreeResult = { files: plan.files.length, dirs: plan.dirs.length, bytes: progress.bytesTotal, alreadyThere: 0, skipped: plan.skipped };
  const { signal, release } = treeSignal(opts.signal);
  report();
  try {
    const made = await makeDirs(plan.dirs, side, signal, side.ordered);
    const flight = flightFor(opts, side);
    const perFile = 2 * (opts.concurrency ?? TREE_FILE_CONCURRENCY) * (opts.chunkSize ?? DEFAULT_CHUNK_SIZE);
    const each = async (file: TreeFile) => {
      if (signal.aborted) throw new AppError('cancelled', 'Cancelled.');
      let counted = 0;
      const count = (done: number) => {
        progress.bytesDone += done - counted;
        counted = done;
        report();
      };
      if (opts.resume && (await side.targetSize(file.rel)) === file.size) result.alreadyThere++;
      else await side.copy(file, fileOptions(opts, signal, count), made.has(parentOf(file.rel)));
      progress.filesDone++;
      count(file.size);
    };
    await forEachAdaptive(plan.files, {
      limit: () => flight.limit(),
      weight: (file) => Math.min(file.size, perFile),
      budget: FLIGHT_BYTES,
      each,
      finished: (file) => flight.done(file.size + FILE_UNITS, performance.now()),
    });
  } catch (error) {
    if (error instanceof AppError && error.code === 'cancelled') {
      throw new AppError(
        'cancelled',
        `The transfer of ${sourceRoot} was cancelled after ${progress.filesDone} of ${progress.filesTotal} files. Unfinished files are kept as .warren-part, so the transfer can resume.`,
      );
    }
    throw error;
  } finally {
    release();
  }
  return result;
}

/** A caller's `parallel` is kept as given; else the number is found as the tree goes. */
function flightFor(opts: TreeOptions, side: Side): Pick<FlightControl, 'limit' | 'done'> {
  if (opts.parallel !== undefined) {
    const fixed = Math.max(1, Math.floor(opts.parallel));
    return { limit: () => fixed, done: () => {} };
  }
  const max = Math.max(DEFAULT_PARALLEL, Math.min(MAX_PARALLEL, Math.floor((side.maxHandles ?? Infinity) / 2)));
  return new FlightControl({ initial: DEFAULT_PARALLEL, max });
}

/** ssh2 keeps the limit the server announced (limits@openssh.com) as a public but untyped field. */
function announcedHandles(sftp: SFTPWrapper): number | undefined {
  const limit = (sftp as { maxOpenHandles?: unknown }).maxOpenHandles;
  return typeof limit === 'number' && limit > 0 ? limit : undefined;
}

/** A part (or a striped part's record) left by an earlier run, which only the plain path resumes. */
async function partThere(local: string): Promise<boolean> {
  const found = await Promise.all([localLstat(local + PART_SUFFIX), localLstat(local + PART_SUFFIX + RANGES_SUFFIX)].map((p) => p.then(() => true, () => false)));
  return found.includes(true);
}

function walkOptions(opts: TreeOptions): WalkOptions {
  return { signal: opts.signal, maxDepth: opts.maxDepth, maxEntries: opts.maxEntries };
}

function fileOptions(opts: TreeOptions, signal: AbortSignal, onProgress: (done: number) => void): TransferOptions {
  return { resume: opts.resume, signal, chunkSize: opts.chunkSize, concurrency: opts.concurrency ?? TREE_FILE_CONCURRENCY, onProgress, onRestart: opts.onRestart };
}

function parentOf(rel: string): string {
  return rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/')) : '';
}

/**
 * A signal of our own that follows the caller's: each file in flight listens
 * to it, and 16 listeners would trip Node's leak warning on a signal we do
 * not own.
 */
function treeSignal(outer: AbortSignal | undefined): { signal: AbortSignal; release(): void } {
  const inner = new AbortController();
  setMaxListeners(0, inner.signal);
  const follow = () => inner.abort(outer?.reason);
  if (outer?.aborted) follow();
  else outer?.addEventListener('abort', follow, { once: true });
  return { signal: inner.signal, release: () => outer?.removeEventListener('abort', follow) };
}

/**
 * One depth level at a time, since a folder needs its parent; or, when the
 * side answers in order (`ordered`), all at once, parents sent first.
 * Resolves with the folders it created. Levels are grouped in one pass:
 * re-scanning every remaining folder per level cost 100+ s of CPU on a
 * 2,000-deep tree.
 */
export async function makeDirs(dirs: string[], side: Pick<Side, 'ensureDir'>, signal: AbortSignal, ordered = false): Promise<Set<string>> {
  const made = new Set<string>();
  if (ordered) {
    // `dirs` is parents-first (tree-walk.ts), and forEachLimit starts them in that order.
    await forEachLimit(dirs, MKDIR_PARALLEL, async (rel) => {
      if (signal.aborted) throw new AppError('cancelled', 'Cancelled.');
      if (await side.ensureDir(rel)) made.add(rel);
    });
    return made;
  }
  const levels: string[][] = [];
  for (const rel of dirs) (levels[depthOf(rel)] ??= []).push(rel);
  for (const level of levels) {
    if (signal.aborted) throw new AppError('cancelled', 'Cancelled.');
    if (!level) continue;
    await forEachLimit(level, MKDIR_PARALLEL, async (rel) => {
      if (await side.ensureDir(rel)) made.add(rel);
    });
  }
  return made;
}

function depthOf(rel: string): number {
  let depth = rel ? 1 : 0;
  for (let i = rel.indexOf('/'); i !== -1; i = rel.indexOf('/', i + 1)) depth++;
  return depth;
}

function sum(files: TreeFile[]): number {
  return files.reduce((total, f) => total + f.size, 0);
}
