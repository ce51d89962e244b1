// The remote side of Edit locally: read the file whole, and write a save back
// safely. A save goes to `.name.warren-part` beside the file and is renamed
// over it only when the server has confirmed every byte, so the file under its
// real name is always either the old or the new version, never half of one.
import path from 'node:path/posix';
import type { SFTPWrapper, Stats } from 'ssh2';
import { AppError } from '../errors/app-error';
import { kindOf, posixRename } from '../sftp/remote-fs';
import { call, remoteError } from '../sftp/sftp-errors';

/** Larger files are not text anyone edits by hand; the transfer queue is the place for them. */
export const EDIT_SIZE_LIMIT = 64 * 1024 * 1024;

/** What identifies a version of the remote file: SFTP gives whole seconds. */
export interface RemoteFacts {
  size: number;
  mtimeMs: number;
  /** Permission bits, kept on every save. */
  mode: number;
}

export const sameVersion = (a: RemoteFacts, b: RemoteFacts) => a.size === b.size && a.mtimeMs === b.mtimeMs;

const factsOf = (attrs: Stats): RemoteFacts => ({ size: attrs.size, mtimeMs: attrs.mtime * 1000, mode: attrs.mode & 0o7777 });

/** The file's current version, or null when it is gone. */
export async function remoteFacts(sftp: SFTPWrapper, file: string): Promise<RemoteFacts | null> {
  try {
    return factsOf(await call<Stats>(sftp, (cb) => sftp.stat(file, cb)));
  } catch (error) {
    const e = remoteError(error, 'read the details of', file);
    if (e.code === 'not-found') return null;
    throw e;
  }
}

/** Reads the whole file (a regular file under the size limit) with the version it was. */
export async function readRemote(sftp: SFTPWrapper, file: string): Promise<{ data: Buffer; facts: RemoteFacts }> {
  const attrs = await call<Stats>(sftp, (cb) => sftp.stat(file, cb)).catch((error: unknown) => {
    throw remoteError(error, 'open', file);
  });
  const facts = factsOf(attrs);
  if (kindOf(attrs.mode) !== 'file') throw new AppError('not-a-file', `Only files can be edited; ${file} is not a regular file.`);
  if (facts.size > EDIT_SIZE_LIMIT) {
    throw new AppError('unsupported', `${file} is ${Math.round(facts.size / 1048576)} MiB: too large to edit locally (the limit is ${EDIT_SIZE_LIMIT / 1048576} MiB). Download it instead.`);
  }
  const data = await call<Buffer>(sftp, (cb) => sftp.readFile(file, cb)).catch((error: unknown) => {
    throw remoteError(error, 'read', file);
  });
  return { data, facts };
}

export const partPathOf = (file: string) => path.join(path.dirname(file), `.${path.basename(file)}.warren-part`);

/** Writes `data` over `file` through a part file, with `mode`; resolves with the version now on the server. */
export async function writeRemote(sftp: SFTPWrapper, file: string, data: Buffer, mode: number): Promise<RemoteFacts> {
  const part = partPathOf(file);
  const fail = (error: unknown) => Promise.reject(remoteError(error, 'save', file, ['write-failed', 'the server could not store the data; usually its disk is full or you are over quota there. Your changes are kept in the local copy']));
  await call(sftp, (cb) => sftp.writeFile(part, data, { mode }, cb)).catch(fail);
  // The server's umask may have narrowed the mode given at creation.
  await call(sftp, (cb) => sftp.chmod(part, mode, cb)).catch(fail);
  // The version we wrote is the part's (a rename keeps size and mtime). Asking
  // the file after the rename could record someone else's write that landed
  // in between as ours, and the next save would overwrite it unasked.
  const facts = await remoteFacts(sftp, part).catch(fail);
  try {
    if (!facts) throw new AppError('not-found', `Saved ${file}, but its part file vanished from the server at once; someone else removed it.`);
    await posixRename(sftp, part, file);
  } catch (error) {
    await call(sftp, (cb) => sftp.unlink(part, cb)).catch(() => {});
    throw error;
  }
  return facts;
}
