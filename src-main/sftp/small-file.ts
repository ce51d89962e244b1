// A small file of a tree in the fewest round trips. On a long link a 4 KiB
// file costs round trips, not bytes: the plain path (transfer.ts) spends one
// on open, one on fstat, one per read or write and one on close. Here the
// listing already gave the size and mode, so a download is open, then read
// and close sent together (the server answers a channel's requests in order;
// OpenSSH's sftp-server does): 2 round trips. An upload is open, then write
// and close together, then the rename that puts the whole file under its
// name: 3. The rename waits for the close's answer, so a file under the
// real name is still always whole.
//
// Each returns false, having changed nothing, when the file is not as the
// caller thought (grown, shrunk, too big for one request): the caller then
// takes the plain path, which copes with all of that.
import { constants } from 'node:fs';
import { lstat as localLstat, open as localOpen, rename as localRename, type FileHandle } from 'node:fs/promises';
import type { SFTPWrapper } from 'ssh2';
import { AppError } from '../errors/app-error';
import { closeQuietly, corkForTick, localRead, serverLimit } from './chunk-io';
import { call, cancelled, localError, remoteError } from './sftp-errors';
import { PART_SUFFIX, WRITE_FAILED, commitRemote, partMode } from './transfer';

const NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const FRESH = constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | NOFOLLOW;

/** Largest file that goes in one request; a download asks for one byte more, to see that the file did not grow. */
export function smallFileLimit(sftp: SFTPWrapper, direction: 'read' | 'write'): number {
  return serverLimit(sftp, direction) - 1;
}

/** Settles with `work`, or rejects with `error()` as soon as `signal` aborts (a hung link must not hold a cancel). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined, error: () => AppError): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(error());
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => (signal.removeEventListener('abort', onAbort), resolve(value)),
      (failure: unknown) => (signal.removeEventListener('abort', onAbort), reject(failure)),
    );
    if (signal.aborted) onAbort();
  });
}

/**
 * Downloads a file the listing says is `listed.size` bytes (at most
 * smallFileLimit). `fresh`: its folder was just made by this transfer, so no
 * folder can be in the way and the look for one is skipped: on loopback a
 * small file costs its local file calls (each a thread-pool hop) more than
 * its round trips, and this is one of five.
 */
export async function downloadSmall(sftp: SFTPWrapper, remotePath: string, localPath: string, listed: { size: number; mode: number }, signal?: AbortSignal, fresh = false): Promise<boolean> {
  const action = `download ${remotePath} to`;
  const part = localPath + PART_SUFFIX;
  const stop = () => cancelled(remotePath, null);
  if (signal?.aborted) throw stop();
  if (!fresh && (await localLstat(localPath).catch(() => null))?.isDirectory()) {
    throw new AppError('is-a-folder', `Could not ${action} ${localPath}: a folder with that name is in the way. Choose another name or folder.`);
  }
  const handle = await untilAborted(call<Buffer>(sftp, (cb) => sftp.open(remotePath, 'r', cb)), signal, stop).catch((error: unknown) => {
    throw error instanceof AppError ? error : remoteError(error, action, localPath);
  });
  const buffer = Buffer.allocUnsafe(listed.size + 1);
  const reading = call<number>(sftp, (cb) => sftp.read(handle, buffer, 0, buffer.length, 0, (e, bytes) => cb(e, bytes)));
  closeQuietly(sftp, handle);
  const got = await untilAborted(reading, signal, stop).catch((error: unknown) => {
    throw error instanceof AppError ? error : remoteError(error, action, localPath);
  });
  if (got !== listed.size) return false;
  if (signal?.aborted) throw stop();
  const asLocal = (error: unknown) => Promise.reject(localError(error, action, localPath));
  const file = await localOpen(part, FRESH, partMode(listed.mode)).catch(asLocal);
  try {
    await writeAll(file, buffer.subarray(0, got)).catch(asLocal);
  } finally {
    await file.close();
  }
  await localRename(part, localPath).catch(asLocal);
  return true;
}

async function writeAll(file: FileHandle, data: Buffer): Promise<void> {
  for (let put = 0; put < data.length; ) put += (await file.write(data, put, data.length - put, put)).bytesWritten;
}

/** Uploads a local file to `remotePath`, where nothing is (its folder was just made). */
export async function uploadSmall(sftp: SFTPWrapper, localPath: string, remotePath: string, signal?: AbortSignal): Promise<boolean> {
  const action = `upload ${localPath} to`;
  const part = remotePath + PART_SUFFIX;
  const stop = () => cancelled(localPath, part);
  if (signal?.aborted) throw cancelled(localPath, null);
  const file = await localOpen(localPath, 'r').catch((error: unknown) => {
    throw localError(error, action, remotePath);
  });
  let data: Buffer;
  let mode: number;
  try {
    const info = await file.stat();
    if (!info.isFile()) throw new AppError('not-a-file', `Could not upload ${localPath}: it is not a regular file.`);
    if (info.size > smallFileLimit(sftp, 'write')) return false;
    data = Buffer.allocUnsafe(info.size);
    await localRead(file, data, 0, action, remotePath);
    mode = info.mode;
  } finally {
    await file.close();
  }
  const handle = await untilAborted(call<Buffer>(sftp, (cb) => sftp.open(part, 'w', { mode: partMode(mode) }, cb)), signal, () => cancelled(localPath, null)).catch((error: unknown) => {
    throw error instanceof AppError ? error : remoteError(error, action, remotePath);
  });
  // Sent together: the close's answer comes after the write's, and is the server's last word on the data.
  corkForTick(sftp);
  const writing = data.length > 0 ? call(sftp, (cb) => sftp.write(handle, data, 0, data.length, 0, cb)) : Promise.resolve();
  const closing = call(sftp, (cb) => sftp.close(handle, cb));
  await untilAborted(Promise.all([writing, closing]), signal, stop).catch((error: unknown) => {
    throw error instanceof AppError ? error : remoteError(error, action, remotePath, WRITE_FAILED);
  });
  await untilAborted(commitRemote(sftp, part, remotePath, false, action), signal, stop);
  return true;
}
