// What `ssh-copy-id` does, over SFTP on a connection that is already logged
// in: no remote shell is involved, so there is nothing to quote and it works
// on servers whose login shell is odd (fish, a menu, Windows).
//
// Symlinks: `~/.ssh` or `authorized_keys` may be symlinks (dotfile managers,
// keys kept on another disk); ssh-copy-id writes through them and so does
// sshd read through them, so Warren follows a link that leads to a folder or
// a regular file. It refuses a dangling or looping link (it would create a
// file wherever the link points) and anything that is not a regular file
// (`authorized_keys -> /dev/null` is how some admins switch keys off).
import type { ErrorCode } from '../../src-shared/errors';
import path from 'node:path/posix';
import type { Client, SFTPWrapper, Stats } from 'ssh2';
import { AppError } from '../errors/app-error';
import { REPLY_TIMEOUT_MS, seconds, withDeadline } from '../connections/deadline';
import { STATUS, call, remoteError, statusOf } from '../sftp/sftp-errors';
import { formatPublicKey, hasKey, parsePublicKey } from './public-key';

export interface CopyIdResult {
  /** False when the key was already there: nothing was written. */
  added: boolean;
  /** The server's authorized_keys file. */
  path: string;
  /** Why sshd may still ignore the file (StrictModes), in words for the user; usually empty. */
  warnings: string[];
}

const WRITE_FAILED: [ErrorCode, string] = ['write-failed', 'the server could not write it. Its disk may be full, you may be over your disk quota, or the file system may be read-only'];

function openSftp(client: Client): Promise<SFTPWrapper> {
  // ssh2 throws at once when the connection is already gone; withDeadline turns that into a rejection.
  return withDeadline<SFTPWrapper>((done) => client.sftp(done), {
    ms: REPLY_TIMEOUT_MS,
    timeout: () => new AppError('timeout', `The server did not start SFTP within ${seconds(REPLY_TIMEOUT_MS)}, so the key was not installed. Try again; the server may be overloaded.`),
    late: (sftp) => sftp.end(),
  }).catch((error: unknown) => {
    if (error instanceof AppError) throw error;
    throw new AppError('sftp-unavailable', `Could not open SFTP on the server to install the key: ${(error as Error).message}. The server may have SFTP switched off.`);
  });
}

/** stat() that follows links; null when nothing is there, an AppError for a dangling or looping link. */
async function statOrNull(sftp: SFTPWrapper, file: string): Promise<Stats | null> {
  try {
    return await call<Stats>(sftp, (cb) => sftp.stat(file, cb));
  } catch (error) {
    // OpenSSH's sftp-server reports ELOOP as "no such file" too.
    if (statusOf(error) !== STATUS.NO_SUCH_FILE) throw remoteError(error, 'look at', file);
  }
  const link = await call<Stats>(sftp, (cb) => sftp.lstat(file, cb)).catch(() => null);
  if (!link) return null;
  const target = await call<string>(sftp, (cb) => sftp.readlink(file, cb)).catch(() => '?');
  throw new AppError('unsafe-path', `${file} on the server is a symbolic link to ${target}, which does not exist (or loops). Warren will not create a file through it; fix or remove the link, then try again.`);
}

async function ensureSshFolder(sftp: SFTPWrapper, dir: string): Promise<void> {
  const stats = await statOrNull(sftp, dir);
  if (stats) {
    if (!stats.isDirectory()) throw new AppError('not-a-folder', `${dir} on the server is not a folder, so authorized_keys cannot go in it. Rename or remove it, then try again.`);
    return;
  }
  await call(sftp, (cb) => sftp.mkdir(dir, { mode: 0o700 }, cb)).catch((error: unknown) => {
    throw remoteError(error, 'create the folder', dir, WRITE_FAILED);
  });
}

async function readAuthorizedKeys(sftp: SFTPWrapper, file: string): Promise<Buffer | null> {
  const stats = await statOrNull(sftp, file);
  if (!stats) return null;
  if (!stats.isFile()) throw new AppError('not-a-file', `${file} on the server is not a regular file (it may be a link to /dev/null, which switches key logins off). Warren leaves it alone; change it on the server if keys should work.`);
  return call<Buffer>(sftp, (cb) => sftp.readFile(file, cb)).catch((error: unknown) => {
    throw remoteError(error, 'read', file);
  });
}

/** Appends at the end (O_APPEND), so the existing lines, owner, mode and links all stay as they are. */
async function append(sftp: SFTPWrapper, file: string, text: string, at: number, created: boolean): Promise<void> {
  const handle = await call<Buffer>(sftp, (cb) => sftp.open(file, 'a', { mode: 0o600 }, cb)).catch((error: unknown) => {
    throw remoteError(error, created ? 'create' : 'open', file, WRITE_FAILED);
  });
  const bytes = Buffer.from(text);
  let failure: unknown = null;
  await call(sftp, (cb) => sftp.write(handle, bytes, 0, bytes.length, at, cb)).catch((error: unknown) => (failure = error));
  await call(sftp, (cb) => sftp.close(handle, cb)).catch((error: unknown) => (failure ??= error));
  if (failure === null) return;
  // An empty authorized_keys that Warren made would only puzzle the user later.
  if (created) await call(sftp, (cb) => sftp.unlink(file, cb)).catch(() => {});
  throw remoteError(failure, 'write', file, WRITE_FAILED);
}

/** sshd's StrictModes refuses authorized_keys when it or a folder above it is writable by others. */
async function strictModeWarnings(sftp: SFTPWrapper, paths: string[]): Promise<string[]> {
  const warnings: string[] = [];
  for (const p of paths) {
    const stats = await call<Stats>(sftp, (cb) => sftp.stat(p, cb)).catch(() => null);
    if (stats && (stats.mode & 0o022) !== 0) {
      const mode = (stats.mode & 0o777).toString(8).padStart(4, '0');
      warnings.push(`${p} is writable by group or others (mode ${mode}); sshd may ignore authorized_keys until you run: chmod go-w ${p}`);
    }
  }
  return warnings;
}

/**
 * Installs `publicKey` (one .pub line) in ~/.ssh/authorized_keys on the
 * server `client` is logged in to: creates ~/.ssh (0700) and the file (0600)
 * when missing, appends the key unless the same key (type and key bytes;
 * comment and options aside) is already there, and keeps everything else,
 * existing modes included. Rejects with an AppError naming the remote file.
 */
export async function copyId(client: Client, publicKey: string): Promise<CopyIdResult> {
  const key = parsePublicKey(publicKey);
  const sftp = await openSftp(client);
  try {
    const home = await call<string>(sftp, (cb) => sftp.realpath('.', cb)).catch((error: unknown) => {
      throw remoteError(error, 'find your home folder', 'on the server');
    });
    const sshDir = path.join(home, '.ssh');
    const file = path.join(sshDir, 'authorized_keys');
    await ensureSshFolder(sftp, sshDir);
    const existing = await readAuthorizedKeys(sftp, file);
    const added = existing === null || !hasKey(existing.toString('utf8'), key);
    if (added) {
      // A last line without its newline would otherwise run into ours.
      const separator = existing && existing.length > 0 && existing.at(-1) !== 0x0a ? '\n' : '';
      await append(sftp, file, `${separator}${formatPublicKey(key)}\n`, existing?.length ?? 0, existing === null);
    }
    return { added, path: file, warnings: await strictModeWarnings(sftp, [home, sshDir, file]) };
  } finally {
    sftp.end();
  }
}
