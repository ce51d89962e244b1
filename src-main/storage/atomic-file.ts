// Writing a file all-or-nothing: the new content goes to a temp file beside
// it, is flushed to the disk, and replaces the old one with a rename, so a
// crash, a full disk or a read-only folder leaves the old file whole. Callers
// change their in-memory state only after this returns.
import { closeSync, fdatasyncSync, fstatSync, fsyncSync, ftruncateSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { AppError } from '../errors/app-error';

/** Replaces `file` with `data`, or throws a saveError and leaves `file` as it was. */
export function writeFileAtomic(file: string, data: string | Buffer): void {
  try {
    replaceFileAtomic(file, data);
  } catch (error) {
    throw saveError(error, file);
  }
}

/**
 * The same, throwing the file system's own error, for callers that word it
 * themselves. The new file is 0600 whatever the old one was.
 */
export function replaceFileAtomic(file: string, data: string | Buffer): void {
  const temp = path.join(path.dirname(file), `${tempPrefix(file)}${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | null = null;
  try {
    fd = openSync(temp, 'wx', 0o600);
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    let at = 0;
    while (at < bytes.length) at += writeSync(fd, bytes, at, bytes.length - at);
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    renameSync(temp, file);
  } catch (error) {
    if (fd !== null) closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
  syncFolder(path.dirname(file));
}

const tempPrefix = (file: string) => `.${path.basename(file)}.`;

/**
 * Removes temp files a crash left beside `file` (a write that never reached
 * its rename). They never hold the only copy of anything: `file` is whole.
 * Call it only while no other writer can be mid-write (under a lock).
 */
export function removeLeftoverTemps(file: string): string[] {
  const prefix = tempPrefix(file);
  const dir = path.dirname(file);
  const gone: string[] = [];
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    rmSync(path.join(dir, name), { force: true });
    gone.push(name);
  }
  return gone;
}

/**
 * Appends `data` to `file` and flushes it, or throws a saveError and leaves the
 * file at its old length (a partly written tail is cut off again). `expected`
 * is the length the caller last saw; appending elsewhere would mix records.
 * Returns the new length.
 */
export function appendDurable(file: string, data: string | Buffer, expected: number): number {
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  let fd: number | null = null;
  /** Only our own bytes are ever cut off: never before we have written any. */
  let writing = false;
  try {
    fd = openSync(file, 'r+');
    const size = fstatSync(fd).size;
    if (size !== expected) throw new AppError('changed', `Warren could not save: ${file} changed while saving. Nothing was changed; try again.`);
    writing = true;
    let at = 0;
    while (at < bytes.length) at += writeSync(fd, bytes, at, bytes.length - at, expected + at);
    fdatasyncSync(fd);
    writing = false;
    closeSync(fd);
    return expected + bytes.length;
  } catch (error) {
    if (fd !== null && !writing) closeSync(fd);
    else if (fd !== null) {
      try {
        ftruncateSync(fd, expected);
      } catch {
        // The reader ignores a tail that does not end in a newline, and the next writer cuts it.
      }
      closeSync(fd);
    }
    throw saveError(error, file);
  }
}

/** Null when `dir` takes a new file, else the saveError a write there would get (read-only, full, denied). */
export function probeWritable(dir: string): AppError | null {
  const probe = path.join(dir, `.warren-probe-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    closeSync(openSync(probe, 'wx', 0o600));
    rmSync(probe, { force: true });
    return null;
  } catch (error) {
    return saveError(error, dir);
  }
}

/** The rename is durable only once the folder is flushed; where that is not possible (some file systems), the data still is. */
function syncFolder(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Not fatal: the file itself is complete.
  }
}

/** "Warren could not save: <why> (<file>)" with a code the UI can branch on. */
export function saveError(error: unknown, file: string): AppError {
  if (error instanceof AppError) return error;
  const errno = (error as NodeJS.ErrnoException | null)?.code;
  const [code, why] =
    errno === 'ENOSPC' || errno === 'EDQUOT' ? (['disk-full', 'the disk is full. Free some space and try again'] as const)
    : errno === 'EROFS' ? (['read-only', 'the folder is on a read-only file system'] as const)
    : errno === 'EACCES' || errno === 'EPERM' ? (['permission-denied', 'permission was denied. Check who owns Warren’s data folder'] as const)
    : (['io-error', (error as Error | null)?.message ?? String(error)] as const);
  return new AppError(code, `Warren could not save: ${why} (${file}). Nothing was changed.`);
}
