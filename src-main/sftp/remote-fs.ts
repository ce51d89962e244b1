// Remote file operations over one SFTP channel, as promises, with errors that
// name the path and the reason. Paths are the server's (POSIX) paths.
import path from 'node:path/posix';
import type { Attributes, FileEntryWithStats, SFTPWrapper, Stats } from 'ssh2';
import { AppError } from '../errors/app-error';
import type { FileEntry } from '../../src-shared/contract';
import { forEachLimit, limiter } from './pool';
import { STATUS, call, remoteError, statusOf } from './sftp-errors';

// A remote entry is what the renderer lists: one shape, defined in the contract.
export type RemoteEntry = FileEntry;
export type RemoteKind = FileEntry['kind'];

const S_IFMT = 0o170000;
const KINDS: Record<number, RemoteKind> = { 0o040000: 'dir', 0o100000: 'file', 0o120000: 'symlink' };
/** Symlink look-ups in flight at once while listing (each is two requests). */
const LINK_LOOKUPS = 32;
/** Requests in flight at once while deleting a tree. */
const REMOVE_REQUESTS = 32;

export function kindOf(mode: number): RemoteKind {
  return KINDS[mode & S_IFMT] ?? 'other';
}

function toEntry(dir: string, name: string, attrs: Attributes): RemoteEntry {
  return {
    name,
    path: path.join(dir, name),
    kind: kindOf(attrs.mode),
    size: attrs.size,
    mtimeMs: attrs.mtime * 1000,
    mode: attrs.mode & 0o7777,
    uid: attrs.uid,
    gid: attrs.gid,
  };
}

/** The raw directory listing, without '.' and '..'. Entries carry lstat-style attributes. */
export async function readDir(sftp: SFTPWrapper, dir: string): Promise<RemoteEntry[]> {
  // ssh2's readdir on a path opens the folder and keeps asking until EOF, so
  // large folders (OpenSSH sends ~100 names per reply) come back whole.
  const list = await call<FileEntryWithStats[]>(sftp, (cb) => sftp.readdir(dir, cb)).catch((error: unknown) => {
    throw remoteError(error, 'list the folder', dir);
  });
  return list.filter((e) => e.filename !== '.' && e.filename !== '..').map((e) => toEntry(dir, e.filename, e.attrs));
}

/** Fills in linkTarget/targetKind; never fails, so one bad link cannot spoil a listing. */
async function resolveLink(sftp: SFTPWrapper, entry: RemoteEntry): Promise<void> {
  const [target, stats] = await Promise.all([
    call<string>(sftp, (cb) => sftp.readlink(entry.path, cb)).catch(() => undefined),
    call<Stats>(sftp, (cb) => sftp.stat(entry.path, cb)).catch(() => undefined),
  ]);
  if (target !== undefined) entry.linkTarget = target;
  entry.targetKind = !stats ? 'missing' : stats.isDirectory() ? 'dir' : 'file';
}

export async function listDir(sftp: SFTPWrapper, dir: string): Promise<RemoteEntry[]> {
  const entries = await readDir(sftp, dir);
  const links = entries.filter((e) => e.kind === 'symlink');
  await forEachLimit(links, LINK_LOOKUPS, (e) => resolveLink(sftp, e));
  return entries;
}

/** Follows symlinks, like stat(2). */
export async function stat(sftp: SFTPWrapper, file: string): Promise<RemoteEntry> {
  const attrs = await call<Stats>(sftp, (cb) => sftp.stat(file, cb)).catch((error: unknown) => {
    throw remoteError(error, 'read the details of', file);
  });
  return toEntry(path.dirname(file), path.basename(file), attrs);
}

/** Does not follow symlinks, like lstat(2). */
export async function lstat(sftp: SFTPWrapper, file: string): Promise<RemoteEntry> {
  const attrs = await call<Stats>(sftp, (cb) => sftp.lstat(file, cb)).catch((error: unknown) => {
    throw remoteError(error, 'read the details of', file);
  });
  return toEntry(path.dirname(file), path.basename(file), attrs);
}

/** lstat, or null when nothing is there. Other errors still throw. */
export async function lstatOrNull(sftp: SFTPWrapper, file: string): Promise<RemoteEntry | null> {
  return lstat(sftp, file).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'not-found') return null;
    throw error;
  });
}

/** realpath(sftp, '.') is the login folder. */
export async function realpath(sftp: SFTPWrapper, file: string): Promise<string> {
  return call<string>(sftp, (cb) => sftp.realpath(file, cb)).catch((error: unknown) => {
    throw remoteError(error, 'resolve the path', file);
  });
}

/** Says why a FAILURE happened when the cause is that `target` already exists. */
async function existsError(sftp: SFTPWrapper, error: unknown, action: string, subject: string, target: string): Promise<AppError> {
  if (statusOf(error) === STATUS.FAILURE) {
    const there = await lstatOrNull(sftp, target).catch(() => null);
    if (there) {
      const what = there.kind === 'dir' ? 'a folder' : 'something';
      return new AppError('exists', `Could not ${action} ${subject}: ${what} named ${target} already exists. Choose another name, or move that one away first.`);
    }
  }
  return remoteError(error, action, subject);
}

export async function mkdir(sftp: SFTPWrapper, dir: string, mode?: number): Promise<void> {
  const attrs = mode === undefined ? {} : { mode: mode & 0o7777 };
  await call(sftp, (cb) => sftp.mkdir(dir, attrs, cb)).catch(async (error: unknown) => {
    throw await existsError(sftp, error, 'create the folder', dir, dir);
  });
}

export interface RenameOptions {
  /** Replace an existing file (never a folder) at `to`, atomically where the server allows. */
  overwrite?: boolean;
}

/**
 * Never replaces a folder. Plain SFTP rename refuses any existing target (that
 * is OpenSSH's behaviour, and the original stays where it was); with
 * `overwrite` a file at `to` is replaced via posix-rename@openssh.com.
 */
export async function rename(sftp: SFTPWrapper, from: string, to: string, options: RenameOptions = {}): Promise<void> {
  const subject = `${from} to ${to}`;
  if (options.overwrite) {
    const there = await lstatOrNull(sftp, to);
    if (there?.kind === 'dir') throw new AppError('exists', `Could not rename ${subject}: a folder named ${to} is in the way. Choose another name, or move that folder away first.`);
    if (there) return posixRename(sftp, from, to, subject);
  }
  await call(sftp, (cb) => sftp.rename(from, to, cb)).catch(async (error: unknown) => {
    throw await existsError(sftp, error, 'rename', subject, to);
  });
}

/** Atomic replace. Falls back to remove-then-rename on servers without the extension (not atomic, but never loses `from`). */
export async function posixRename(sftp: SFTPWrapper, from: string, to: string, subject = `${from} to ${to}`): Promise<void> {
  try {
    // ssh2 throws synchronously when the server did not announce the
    // extension; call() turns that into a rejection like any other.
    await call(sftp, (cb) => sftp.ext_openssh_rename(from, to, cb));
  } catch (error) {
    const unsupported = statusOf(error) === STATUS.OP_UNSUPPORTED || /does not support/.test((error as Error).message);
    if (!unsupported) throw remoteError(error, 'rename', subject);
    await call(sftp, (cb) => sftp.unlink(to, cb)).catch((e: unknown) => {
      if (statusOf(e) !== STATUS.NO_SUCH_FILE) throw remoteError(e, 'replace', to);
    });
    await call(sftp, (cb) => sftp.rename(from, to, cb)).catch((e: unknown) => {
      throw remoteError(e, 'rename', subject);
    });
  }
}

export async function chmod(sftp: SFTPWrapper, file: string, mode: number): Promise<void> {
  await call(sftp, (cb) => sftp.chmod(file, mode & 0o7777, cb)).catch((error: unknown) => {
    throw remoteError(error, 'change the permissions of', file);
  });
}

/**
 * Deletes a file, a symlink (the link itself, never what it points to), or a
 * folder with everything in it. Uses lstat throughout, so a link to a folder
 * is unlinked rather than descended into.
 */
export async function removeRecursive(sftp: SFTPWrapper, target: string): Promise<void> {
  const limit = limiter(REMOVE_REQUESTS);
  const top = await lstat(sftp, target);
  await removeEntry(sftp, top, limit);
}

async function removeEntry(sftp: SFTPWrapper, entry: RemoteEntry, limit: ReturnType<typeof limiter>): Promise<void> {
  if (entry.kind === 'dir') {
    const children = await limit(() => readDir(sftp, entry.path));
    // The limiter bounds requests, not tree walks, so nesting cannot deadlock.
    await Promise.all(children.map((child) => removeEntry(sftp, child, limit)));
    await limit(() => call(sftp, (cb) => sftp.rmdir(entry.path, cb))).catch(async (error: unknown) => {
      throw await notEmptyError(sftp, error, entry.path);
    });
    return;
  }
  await limit(() => call(sftp, (cb) => sftp.unlink(entry.path, cb))).catch((error: unknown) => {
    // Already gone (someone else deleted it meanwhile) is what we wanted.
    if (statusOf(error) === STATUS.NO_SUCH_FILE) return;
    throw remoteError(error, 'delete', entry.path);
  });
}

async function notEmptyError(sftp: SFTPWrapper, error: unknown, dir: string): Promise<AppError> {
  if (statusOf(error) === STATUS.FAILURE) {
    const left = await readDir(sftp, dir).catch(() => []);
    if (left.length) return new AppError('not-empty', `Could not delete the folder ${dir}: new files appeared in it while deleting. Refresh and try again.`);
  }
  return remoteError(error, 'delete the folder', dir);
}
