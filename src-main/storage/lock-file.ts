// A lock file for the few moments a process rewrites shared state (the hosts
// log and its snapshot). Created with O_EXCL and the holder's pid, so a second
// process sees it is taken; a lock whose holder is gone (crashed, killed) is
// stale and is taken over. Synchronous on purpose: the critical sections it
// guards are a stat, an append and an fsync (well under a millisecond), and
// the callers (HostsService) are synchronous.
import { closeSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import os from 'node:os';
import { AppError } from '../errors/app-error';
import { saveError } from './atomic-file';

/** How long to wait for another live holder before giving up with a clear error. */
const WAIT_MS = 3000;
/** A lock this old is stale whatever it says: no holder keeps it longer than a compaction. */
const STALE_MS = 30_000;
const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Runs `fn` holding `lockPath`; errors creating the lock come back as saveErrors naming `savingFile`. */
export function withLock<T>(lockPath: string, savingFile: string, fn: () => T, waitMs = WAIT_MS): T {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const taken = tryTake(lockPath, savingFile);
    if (taken) break;
    if (Date.now() > deadline) {
      throw new AppError('busy', `Another Warren (${holder(lockPath)}) is saving to ${savingFile} and did not finish in ${waitMs / 1000} s. Nothing was changed; try again.`);
    }
    Atomics.wait(sleeper, 0, 0, 2);
  }
  try {
    return fn();
  } finally {
    rmSync(lockPath, { force: true });
  }
}

function tryTake(lockPath: string, savingFile: string): boolean {
  let fd: number;
  try {
    fd = openSync(lockPath, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw saveError(error, savingFile);
    if (isStale(lockPath)) rmSync(lockPath, { force: true });
    return false;
  }
  try {
    writeSync(fd, `${process.pid} ${os.hostname()} ${new Date().toISOString()}\n`);
    closeSync(fd);
    return true;
  } catch (error) {
    closeSync(fd);
    rmSync(lockPath, { force: true });
    throw saveError(error, savingFile);
  }
}

/**
 * Stale when its holder is no longer running on this machine, when it is our
 * own pid (our critical sections are synchronous, so a lock we do not hold
 * right now was left by an earlier process that had our pid), or when it is
 * older than any real holder keeps it.
 */
export function isStale(lockPath: string, now = Date.now()): boolean {
  let text: string;
  let age: number;
  try {
    text = readFileSync(lockPath, 'utf8');
    age = now - statSync(lockPath).mtimeMs;
  } catch {
    return false; // gone already: the next try takes it
  }
  if (age > STALE_MS) return true;
  const [pidText, host] = text.split(' ');
  const pid = Number(pidText);
  // Still being written (or written by a crash mid-way): judge by age alone.
  if (!Number.isInteger(pid) || pid <= 0) return age > 1000;
  if (host !== os.hostname()) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

function holder(lockPath: string): string {
  try {
    return `pid ${readFileSync(lockPath, 'utf8').split(' ')[0]}`;
  } catch {
    return 'another process';
  }
}
