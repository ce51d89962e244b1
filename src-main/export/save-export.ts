// Save… in "Export as ssh config": the text goes to the file the user chose,
// readable by its owner only (0600, as ssh expects of a config). An existing
// file is replaced only when the user said so — the native Save dialog asked,
// or they pressed Replace after being told — and then all-or-nothing, so a
// failed write leaves the old file whole.
import { closeSync, fsyncSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors/app-error';
import { osError, type ErrnoMeanings } from '../errors/os-error';
import { replaceFileAtomic } from '../storage/atomic-file';

const MEANINGS: ErrnoMeanings = {
  EEXIST: ['exists', 'a file of that name is already there. Choose Replace to overwrite it, or type another name'],
  ENOENT: ['not-found', 'that folder does not exist. Check the path'],
  ENOTDIR: ['not-a-folder', 'part of the path is a file, not a folder'],
  EISDIR: ['is-a-folder', 'that is a folder. Add a file name to the path'],
  EACCES: ['permission-denied', 'permission was denied. Pick a folder you can write to'],
  EPERM: ['permission-denied', 'permission was denied. Pick a folder you can write to'],
  EROFS: ['read-only', 'the folder is on a read-only file system'],
  ENOSPC: ['disk-full', 'the disk is full. Free some space and try again'],
  EDQUOT: ['disk-full', 'the disk quota is used up. Free some space and try again'],
  ENAMETOOLONG: ['name-too-long', 'the name is too long'],
};

/** Writes `text` to `file` (0600); `replace` allows overwriting an existing file. Throws an AppError that says what happened. */
export function saveExportedText(file: string, text: string, replace: boolean): void {
  if (!path.isAbsolute(file)) throw new AppError('invalid-path', `Type the whole path of the file, starting at ${path.sep === '/' ? '/' : 'the drive'} (for example ${path.sep === '/' ? '/home/you/.ssh/warren.conf' : 'C:\\Users\\you\\.ssh\\warren.conf'}).`);
  try {
    if (statSync(file, { throwIfNoEntry: false })?.isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
    // Without consent, 'wx' refuses an existing file in the same call that creates it (no window for a race).
    if (!replace) writeNew(file, text);
    // A temp file beside it, renamed over it: the old file stays whole if anything fails.
    else replaceFileAtomic(file, text);
  } catch (error) {
    throw osError(error, MEANINGS, 'save the export to', file);
  }
}

function writeNew(file: string, text: string): void {
  const fd = openSync(file, 'wx', 0o600);
  try {
    const bytes = Buffer.from(text);
    let at = 0;
    while (at < bytes.length) at += writeSync(fd, bytes, at, bytes.length - at);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(file, { force: true }); // never leave half a config behind
    throw error;
  }
  closeSync(fd);
}
