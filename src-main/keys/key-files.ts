// Writes a key pair to disk the way a private key must be written: created
// 0600 from the first byte (never readable by others, not even briefly), never
// over an existing file unless asked, and nothing half-written left behind.
import { randomBytes } from 'node:crypto';
import { constants, type FileHandle, lstat, mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors/app-error';
import { osError, type ErrnoMeanings } from '../errors/os-error';

const PRIVATE_MODE = 0o600;
const PUBLIC_MODE = 0o644;
const FOLDER_MODE = 0o700;

const KEY_FILE_ERRORS: ErrnoMeanings = {
  EEXIST: ['exists', 'it already exists. Choose another file name, or confirm replacing it'],
  ENOSPC: ['disk-full', 'the disk is full. Free some space and try again'],
  EDQUOT: ['disk-full', 'you are over your disk quota. Free some space and try again'],
  EACCES: ['permission-denied', 'permission denied. Choose a folder you can write to'],
  EPERM: ['permission-denied', 'the operation is not permitted. Choose a folder you can write to'],
  EROFS: ['read-only', 'the disk is read-only. Choose another folder'],
  ENOTDIR: ['not-a-folder', 'a part of the path is a file, not a folder'],
  EISDIR: ['is-a-folder', 'a folder with that name is in the way'],
  ENOENT: ['not-found', 'that path does not exist or cannot hold files'],
};

export function keyFileError(error: unknown, action: string, file: string): AppError {
  return osError(error, KEY_FILE_ERRORS, action, file);
}

export function publicKeyPath(privateKeyPath: string): string {
  return `${privateKeyPath}.pub`;
}

/** Fails with an AppError ('exists') naming the first of the pair that is already there. */
export async function refuseExisting(privateKeyPath: string): Promise<void> {
  for (const file of [privateKeyPath, publicKeyPath(privateKeyPath)]) {
    // lstat: a symlink, even a dangling one, is in the way too.
    const found = await lstat(file).then(
      () => true,
      (error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? false : Promise.reject(keyFileError(error, 'check', file))),
    );
    if (found) throw keyFileError(Object.assign(new Error('exists'), { code: 'EEXIST' }), 'create', file);
  }
}

/** Creates `file` (O_EXCL, so it cannot already exist or be a symlink) and writes `text`; removes it on failure. */
async function createExclusive(file: string, text: string, mode: number, shownAs = file): Promise<void> {
  let handle: FileHandle;
  try {
    handle = await open(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode);
  } catch (error) {
    throw keyFileError(error, 'create', shownAs);
  }
  try {
    // The umask may have taken bits off the public key's 0644; the private one can only get stricter.
    await handle.chmod(mode);
    await handle.writeFile(text);
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => {});
    await rm(file, { force: true });
    throw keyFileError(error, 'write', shownAs);
  }
  try {
    await handle.close();
  } catch (error) {
    // Network file systems may report a full disk only here.
    await rm(file, { force: true });
    throw keyFileError(error, 'write', shownAs);
  }
}

/**
 * mkdir -p with mode 0700 for each folder it makes. Not Node's recursive
 * mkdir: on Node 20 that spins forever where mkdir says ENOENT under a
 * parent that exists (e.g. anywhere in /proc).
 */
async function makeFolders(dir: string): Promise<void> {
  const missing: string[] = [];
  for (let at = path.resolve(dir); ; at = path.dirname(at)) {
    const found = await stat(at).then(
      (stats) => (stats.isDirectory() ? true : Promise.reject(Object.assign(new Error('not a folder'), { code: 'ENOTDIR' }))),
      (error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? false : Promise.reject(error)),
    );
    if (found || path.dirname(at) === at) break;
    missing.unshift(at);
  }
  for (const folder of missing) {
    await mkdir(folder, { mode: FOLDER_MODE }).catch((error: NodeJS.ErrnoException) => (error.code === 'EEXIST' ? undefined : Promise.reject(error)));
  }
}

function tempName(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
}

/**
 * Writes `<file>` (0600) and `<file>.pub` (0644), creating the folder (0700)
 * when missing. Without `overwrite`, an existing file of the pair fails with
 * AppError 'exists' and nothing is written. With it, both new files are
 * written completely beside the old ones first and then renamed over them,
 * so a full disk leaves the old pair as it was.
 */
export async function writeKeyPair(file: string, privateText: string, publicText: string, overwrite: boolean): Promise<void> {
  const pub = publicKeyPath(file);
  const dir = path.dirname(file);
  await makeFolders(dir).catch((error: unknown) => {
    throw keyFileError(error, 'create the folder', dir);
  });
  if (!overwrite) {
    await createExclusive(file, privateText, PRIVATE_MODE);
    try {
      await createExclusive(pub, publicText, PUBLIC_MODE);
    } catch (error) {
      await rm(file, { force: true });
      throw error;
    }
    return;
  }
  const tempPrivate = tempName(file);
  const tempPublic = tempName(pub);
  try {
    await createExclusive(tempPrivate, privateText, PRIVATE_MODE, file);
    await createExclusive(tempPublic, publicText, PUBLIC_MODE, pub);
    await rename(tempPrivate, file).catch((error: unknown) => Promise.reject(keyFileError(error, 'replace', file)));
    await rename(tempPublic, pub).catch((error: unknown) => Promise.reject(keyFileError(error, 'replace', pub)));
  } finally {
    await rm(tempPrivate, { force: true });
    await rm(tempPublic, { force: true });
  }
}
