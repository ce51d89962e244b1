// Turns SFTP status codes and local errno codes into AppErrors that name the
// path and say what to do. Codes match src-main/local-fs so the UI can treat
// both sides alike ('not-found', 'permission-denied', 'exists', ...).
import type { SFTPWrapper } from 'ssh2';
import type { ErrorCode } from '../../src-shared/errors';
import { AppError } from '../errors/app-error';
import { osError, type ErrnoMeanings } from '../errors/os-error';
import { isSftpClosed, sftpSocket } from '../ssh2-internals/ssh2-internals';

/** SFTP v3 status codes (draft-ietf-secsh-filexfer-02 §7). */
export const STATUS = {
  EOF: 1,
  NO_SUCH_FILE: 2,
  PERMISSION_DENIED: 3,
  FAILURE: 4,
  NO_CONNECTION: 6,
  CONNECTION_LOST: 7,
  OP_UNSUPPORTED: 8,
} as const;

/** What ssh2 says to every request still waiting when the channel closes. */
const NO_RESPONSE = 'No response from server';

export function statusOf(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
}

export function isConnectionLost(error: unknown): boolean {
  if (error instanceof AppError) return error.code === 'connection-lost';
  const status = statusOf(error);
  return status === STATUS.NO_CONNECTION || status === STATUS.CONNECTION_LOST || (error as Error | null)?.message === NO_RESPONSE;
}

/**
 * ssh2 keeps accepting requests on an SFTP channel whose connection is gone
 * and never calls back (its pending requests are failed once, on close; later
 * ones wait forever). `readable` turns false at that close, so check it first;
 * a socket that no longer writes is gone too, even before ssh2 has noticed.
 */
export function sftpGone(sftp: SFTPWrapper): boolean {
  return isSftpClosed(sftp) || sftpSocket(sftp)?.writable === false;
}

/** Requests waiting for an answer, per SFTP channel: each entry fails its request. */
const waiting = new WeakMap<SFTPWrapper, Set<(error: Error) => void>>();
/** The channels watched on each connection stream, so one stream carries one 'close' listener however many channels it has. */
const watchedOn = new WeakMap<object, Set<SFTPWrapper>>();

function failWaiting(sftp: SFTPWrapper): void {
  const pending = waiting.get(sftp);
  if (!pending || pending.size === 0) return;
  const fails = [...pending];
  pending.clear();
  for (const fail of fails) fail(new Error(NO_RESPONSE));
}

/**
 * The requests still waiting on `sftp`, watched so that they all fail the
 * moment the channel or its connection closes. ssh2 fails the requests it
 * holds then, but a compound call (readdir on a path is open, read until EOF,
 * close) can lose its callback between two of its requests on a dead channel
 * and never answer: the files pane would hang and the transfer never pause.
 */
function waitingOn(sftp: SFTPWrapper): Set<(error: Error) => void> {
  let pending = waiting.get(sftp);
  if (pending) return pending;
  pending = new Set();
  waiting.set(sftp, pending);
  const fail = () => failWaiting(sftp);
  sftp.once('end', fail);
  sftp.once('close', fail);
  const socket = sftpSocket(sftp);
  if (socket) {
    let channels = watchedOn.get(socket);
    if (!channels) {
      const all = new Set<SFTPWrapper>();
      channels = all;
      watchedOn.set(socket, all);
      socket.once('close', () => {
        for (const channel of all) failWaiting(channel);
      });
    }
    channels.add(sftp);
    sftp.once('close', () => channels.delete(sftp));
  }
  return pending;
}

/**
 * Runs one ssh2 callback-style request as a promise; fails at once if the
 * channel is gone, and as soon as it goes while the request waits.
 */
export function call<T = void>(sftp: SFTPWrapper, run: (cb: (error: Error | null | undefined, value?: T) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (sftpGone(sftp)) return reject(new Error(NO_RESPONSE));
    const pending = waitingOn(sftp);
    let settled = false;
    const settle = (error: Error | null | undefined, value?: T) => {
      if (settled) return;
      settled = true;
      pending.delete(fail);
      if (error) reject(error);
      else resolve(value as T);
    };
    const fail = (error: Error) => settle(error);
    pending.add(fail);
    try {
      run(settle);
    } catch (error) {
      // ssh2 throws synchronously for some misuse (an extension the server lacks).
      settle(error as Error);
    }
  });
}

const LOST = 'the connection to the server was lost. Reconnect and try again';

/**
 * `action` reads after "Could not", e.g. 'list the folder', 'download'.
 * `failure` overrides the text for SSH_FX_FAILURE, which OpenSSH sends for
 * many errnos without saying which (EEXIST, ENOSPC, EDQUOT, ENOTEMPTY, ...).
 */
export function remoteError(error: unknown, action: string, file: string, failure?: [code: ErrorCode, why: string]): AppError {
  if (error instanceof AppError) return error;
  if (isConnectionLost(error)) return new AppError('connection-lost', `Could not ${action} ${file}: ${LOST}.`);
  const message = (error as Error | null)?.message ?? String(error);
  const byStatus: Record<number, [ErrorCode, string]> = {
    [STATUS.NO_SUCH_FILE]: ['not-found', 'it does not exist on the server (it may have been moved or deleted). Refresh the folder and try again'],
    [STATUS.PERMISSION_DENIED]: ['permission-denied', 'the server denied permission. Check the owner and permissions of the file and its folder'],
    [STATUS.OP_UNSUPPORTED]: ['unsupported', 'the server does not support this operation'],
    [STATUS.FAILURE]: failure ?? ['failed', `the server reported a failure ("${message}")`],
  };
  const status = statusOf(error);
  const [code, why] = (status !== undefined ? byStatus[status] : undefined) ?? ['sftp-error' as const, `the server answered "${message}"`];
  return new AppError(code, `Could not ${action} ${file}: ${why}.`);
}

const LOCAL_ERRORS: ErrnoMeanings = {
  ENOENT: ['not-found', 'it does not exist on this computer (it or its folder may have been moved or deleted)'],
  EACCES: ['permission-denied', 'permission denied on this computer. Check the permissions of the file and its folder'],
  EPERM: ['permission-denied', 'the operation is not permitted on this computer'],
  ENOSPC: ['disk-full', "this computer's disk is full. Free some space, then resume the transfer"],
  EDQUOT: ['disk-full', 'you are over your disk quota on this computer. Free some space, then resume the transfer'],
  EISDIR: ['is-a-folder', 'a folder with that name is in the way'],
  ENOTDIR: ['not-a-folder', 'a part of the path is not a folder'],
  ELOOP: ['unsafe-path', 'it is a symbolic link, which Warren will not write through'],
  EROFS: ['read-only', 'the disk is read-only'],
};

export function localError(error: unknown, action: string, file: string): AppError {
  return osError(error, LOCAL_ERRORS, action, file);
}

export function cancelled(file: string, part: string | null): AppError {
  const kept = part ? ` The part already copied is kept as ${part}, so the transfer can resume.` : '';
  return new AppError('cancelled', `The transfer of ${file} was cancelled.${kept}`);
}

/**
 * Why the SFTP channel did not open, from what ssh2 reported. `lost` is the
 * connection's own reason when it has ended. A protocol error before the
 * server's VERSION packet means bytes that are not SFTP came first: almost
 * always a shell start-up file printing for a non-interactive session, which
 * OpenSSH's sftp reports as "Received message too long …  Ensure the remote
 * shell produces no output for non-interactive sessions."
 */
const GENERIC_CLOSE = 'The connection was closed.';

export function sftpOpenError(error: unknown, host: string, lost: string | null): AppError {
  if (error instanceof AppError && error.code !== 'connection-lost') return error;
  if (lost !== null || isConnectionLost(error)) {
    // The connection's own reason says more when it has one (keepalives, the server's words).
    const why = error instanceof AppError ? error.message : lost;
    const detail = why && why !== GENERIC_CLOSE ? ` ${why}` : ' Reconnect to try again.';
    return new AppError('connection-lost', `The connection to ${host} dropped while the file browser was opening SFTP (the server did not refuse SFTP).${detail}`);
  }
  const err = error as Error & { level?: string; code?: unknown; signal?: unknown };
  if (err.level === 'sftp-protocol') {
    return new AppError(
      'sftp-polluted',
      `${host} sent text that is not SFTP when the file browser opened (${err.message}). The server's shell start-up files print text for non-interactive sessions, which breaks SFTP. ` +
        'Make ~/.bashrc (or similar: ~/.zshenv, ~/.cshrc, /etc/bash.bashrc) print only when interactive, e.g. guard it with [[ $- == *i* ]] || return.',
    );
  }
  if (typeof err.code === 'number' || typeof err.signal === 'string') {
    const how = typeof err.code === 'number' ? `exit status ${err.code}` : `signal ${String(err.signal)}`;
    return new AppError('sftp-refused', `${host} started the file transfer (SFTP) subsystem but it ended at once (${how}). Check the server's "Subsystem sftp" line in sshd_config, and that the account's shell start-up files do not exit.`);
  }
  return new AppError('sftp-refused', `${host} refused the file transfer (SFTP) subsystem: ${err.message ?? String(error)}. The server may have SFTP turned off (its "Subsystem sftp" line in sshd_config).`);
}
