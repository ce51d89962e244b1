// Test and benchmark helpers: a real sshd, a real ssh2 client on it, and
// temp-dir file utilities. The server runs on this machine as this user, so
// remote paths are local paths and tests can check results with node:fs.
import { createHash, randomFillSync } from 'node:crypto';
import { createReadStream, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, readlinkSync, rmSync, writeSync, closeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Client, SFTPWrapper } from 'ssh2';
import { AppError } from '../src-main/errors/app-error';
import { connectClient } from './ssh-client';
import { startSshd, type Sshd, type SshdOptions } from './sshd';
import { startWanProxy, type WanProxy } from './wan-proxy';

export interface Connected {
  client: Client;
  sftp: SFTPWrapper;
  /** Ends the connection (idempotent). */
  close(): void;
}

export async function connectSftp(sshd: Pick<Sshd, 'port' | 'user' | 'clientKeyPath'>): Promise<Connected> {
  const client = await connectClient(sshd);
  return new Promise((resolve, reject) =>
    client.sftp((error, sftp) => {
      if (error) {
        client.end();
        return reject(error);
      }
      resolve({ client, sftp, close: () => client.end() });
    }),
  );
}

export interface SftpFixture extends Connected {
  sshd: Sshd;
  /** A fresh temp dir for the test's files, removed by stop(). */
  work: string;
  /** A new empty folder under `work`, so no test sees another's files. */
  fresh(): string;
  /** Writes `bytes` of random data to `work/source.bin`; resolves with its path and sha256. */
  source(bytes: number): Promise<{ file: string; sha256: string }>;
  stop(): Promise<void>;
}

export async function startSftpFixture(options: SshdOptions = {}): Promise<SftpFixture> {
  const sshd = await startSshd(options);
  const conn = await connectSftp(sshd);
  const work = mkdtempSync(path.join(os.tmpdir(), 'warren-sftp-'));
  let made = 0;
  return {
    ...conn,
    sshd,
    work,
    fresh: () => {
      const dir = path.join(work, `t${++made}`);
      mkdirSync(dir);
      return dir;
    },
    source: async (bytes) => {
      const file = path.join(work, 'source.bin');
      randomFile(file, bytes);
      return { file, sha256: await sha256File(file) };
    },
    stop: async () => {
      conn.close();
      await sshd.stop();
      rmSync(work, { recursive: true, force: true });
    },
  };
}

/** Writes `bytes` of random data without holding it all in memory. */
export function randomFile(file: string, bytes: number): void {
  const fd = openSync(file, 'w');
  const block = Buffer.allocUnsafe(1024 * 1024);
  try {
    for (let left = bytes; left > 0; left -= block.length) {
      const n = Math.min(left, block.length);
      writeSync(fd, randomFillSync(block, 0, n), 0, n);
    }
  } finally {
    closeSync(fd);
  }
}

export function sha256File(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .once('error', reject)
      .once('end', () => resolve(hash.digest('hex')));
  });
}

/** A fixture whose `far` connection reaches its sshd through an emulated long link (wan-proxy.ts); stop() ends all three. */
export interface FarSftpFixture extends SftpFixture {
  wan: WanProxy;
  far: Connected;
}

export async function startFarSftpFixture(rttMs: number): Promise<FarSftpFixture> {
  const fx = await startSftpFixture();
  const wan = await startWanProxy({ targetPort: fx.sshd.port, rttMs }).catch(async (error: unknown) => {
    await fx.stop();
    throw error;
  });
  const far = await connectSftp({ port: wan.port, user: fx.sshd.user, clientKeyPath: fx.sshd.clientKeyPath }).catch(async (error: unknown) => {
    await wan.close();
    await fx.stop();
    throw error;
  });
  const stop = async () => {
    far.close();
    await wan.close();
    await fx.stop();
  };
  return { ...fx, wan, far, stop };
}

/**
 * SIGKILLs (or sends `signal` to) every process under the sshd listener: the
 * per-connection sshd and its session child, where internal-sftp runs. The
 * whole subtree goes, so no server process is left writing to a file after the
 * "crash". SIGSTOP makes a server that is up but silent (a dead peer behind NAT).
 */
export function killSessions(sshd: Pick<Sshd, 'dir'>, signal: NodeJS.Signals = 'SIGKILL'): number {
  const victims = sessionProcesses(sshd);
  for (const pid of victims) {
    try {
      process.kill(pid, signal);
    } catch {
      // Already gone.
    }
  }
  return victims.length;
}

/** Every process under the sshd listener: per-connection sshd, session children, internal-sftp. */
function sessionProcesses(sshd: Pick<Sshd, 'dir'>): number[] {
  const listener = Number(readFileSync(path.join(sshd.dir, 'sshd.pid'), 'utf8').trim());
  const parents = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // Field 4 of /proc/<pid>/stat is the parent; the name (field 2) may hold spaces.
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(name)]);
    } catch {
      // The process ended while we looked.
    }
  }
  const found: number[] = [];
  const visit = (pid: number) => (parents.get(pid) ?? []).forEach((child) => (found.push(child), visit(child)));
  visit(listener);
  return found;
}

/** How many file descriptors the server's processes hold on any of `files` (a handle the client never closed). */
export function serverHandlesOn(sshd: Pick<Sshd, 'dir'>, files: string[]): number {
  let count = 0;
  for (const pid of sessionProcesses(sshd)) {
    let fds: string[] = [];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue; // ended meanwhile
    }
    for (const fd of fds) {
      try {
        if (files.includes(readlinkSync(`/proc/${pid}/fd/${fd}`))) count++;
      } catch {
        // closed meanwhile
      }
    }
  }
  return count;
}

/** The AppError a run fails with; fails the test if it resolves or throws something else. */
export async function failure(run: Promise<unknown>): Promise<AppError> {
  const error = await run.then(() => null, (e: unknown) => e);
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${error === null ? 'success' : String(error)}`);
  return error;
}

/** Every entry under `root` as 'rel' (folders end in '/') → sha256, 'dir' or 'other': two trees compare byte for byte. */
export async function snapshot(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const visit = async (rel: string) => {
    for (const e of readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        out[`${r}/`] = 'dir';
        await visit(r);
      } else out[r] = e.isFile() ? await sha256File(path.join(root, r)) : 'other';
    }
  };
  await visit('');
  return out;
}
