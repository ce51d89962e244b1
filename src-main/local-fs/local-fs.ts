// The local side of the file browser: the same operations as the remote side,
// on this machine's disk, with errors that name the path and say why.
import { lstat, mkdir, readdir, readlink, rename, rm, stat, chmod } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FileEntry } from '../../src-shared/contract';
import { AppError } from '../errors/app-error';
import { osError, type ErrnoMeanings } from '../errors/os-error';

const BROWSER_ERRORS: ErrnoMeanings = {
  ENOENT: ['not-found', 'it does not exist (it may have been moved or deleted)'],
  EACCES: ['permission-denied', 'permission denied'],
  EPERM: ['permission-denied', 'the operation is not permitted'],
  EEXIST: ['exists', 'something with that name already exists'],
  ENOTEMPTY: ['not-empty', 'the folder is not empty'],
  ENOTDIR: ['not-a-folder', 'a part of the path is not a folder'],
  EISDIR: ['is-a-folder', 'it is a folder'],
  ENOSPC: ['disk-full', 'the disk is full'],
  EXDEV: ['cross-device', 'it is on another disk; copy it instead'],
  ENAMETOOLONG: ['name-too-long', 'the name is too long'],
  EINVAL: ['invalid-name', 'the name is not allowed here'],
};

function describe(error: unknown, action: string, file: string): AppError {
  return osError(error, BROWSER_ERRORS, action, file, 'Cannot');
}

function absolute(file: string): string {
  if (!path.isAbsolute(file)) throw new AppError('invalid-path', `Not an absolute path: ${file}`);
  return path.normalize(file);
}

function kindOf(s: { isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean }): FileEntry['kind'] {
  return s.isSymbolicLink() ? 'symlink' : s.isDirectory() ? 'dir' : s.isFile() ? 'file' : 'other';
}

export async function entryAt(file: string): Promise<FileEntry> {
  const s = await lstat(file);
  const entry: FileEntry = {
    name: path.basename(file),
    path: file,
    kind: kindOf(s),
    size: s.size,
    mtimeMs: s.mtimeMs,
    mode: s.mode & 0o7777,
    uid: s.uid,
    gid: s.gid,
  };
  if (entry.kind === 'symlink') {
    entry.linkTarget = await readlink(file).catch(() => '');
    entry.targetKind = await stat(file).then(
      (t) => (t.isDirectory() ? 'dir' : 'file'),
      () => 'missing' as const,
    );
  }
  return entry;
}

export const localFs = {
  home: () => os.homedir(),

  async list(dir: string): Promise<FileEntry[]> {
    const at = absolute(dir);
    let names: string[];
    try {
      names = await readdir(at);
    } catch (error) {
      throw describe(error, 'list', at);
    }
    // An entry that vanishes between readdir and lstat is simply not shown.
    const entries = await Promise.all(names.map((name) => entryAt(path.join(at, name)).catch(() => null)));
    return entries.filter((e): e is FileEntry => e !== null);
  },

  async stat(file: string): Promise<FileEntry> {
    const at = absolute(file);
    return entryAt(at).catch((error: unknown) => {
      throw describe(error, 'read', at);
    });
  },

  async mkdir(dir: string): Promise<void> {
    const at = absolute(dir);
    await mkdir(at).catch((error: unknown) => {
      throw describe(error, 'create the folder', at);
    });
  },

  async rename(from: string, to: string): Promise<void> {
    const a = absolute(from);
    const b = absolute(to);
    // fs.rename replaces an existing file silently; a file manager must not.
    if (await lstat(b).then(() => true, () => false)) throw new AppError('exists', `Cannot rename ${a} to ${b}: something with that name already exists.`);
    await rename(a, b).catch((error: unknown) => {
      throw describe(error, 'rename', a);
    });
  },

  async remove(file: string): Promise<void> {
    const at = absolute(file);
    if (at === path.parse(at).root || at === os.homedir()) throw new AppError('refused', `Warren will not delete ${at}.`);
    // rm does not follow symlinks: deleting a link never deletes what it points to.
    await rm(at, { recursive: true }).catch((error: unknown) => {
      throw describe(error, 'delete', at);
    });
  },

  async chmod(file: string, mode: number): Promise<void> {
    const at = absolute(file);
    await chmod(at, mode).catch((error: unknown) => {
      throw describe(error, 'change the permissions of', at);
    });
  },
};
