// Runs OpenSSH's `sftp -b` and `scp` as a user would, timing the whole
// process. Each timed command has a twin that moves nothing (a `pwd` batch, an
// empty file), so connection set-up can be taken out of the figure.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { liveChildren } from './openssh';
import type { Target } from './target';

function commonArgs(target: Target): string[] {
  return [
    // As in openssh.ts: no ~/.ssh/config, no agent, only our key.
    '-F', '/dev/null',
    '-o', 'IdentityAgent=none',
    '-o', 'IdentitiesOnly=yes',
    '-i', target.keyPath,
    '-P', String(target.port),
    '-o', 'StrictHostKeyChecking=no',
    '-o', 'UserKnownHostsFile=/dev/null',
    '-o', 'BatchMode=yes',
  ];
}

/** Wall-clock ms for one command, which must exit 0 within `timeoutMs`. */
function timed(command: string, args: string[], timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    liveChildren.add(child);
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      liveChildren.delete(child);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      liveChildren.delete(child);
      if (code === 0) return resolve(performance.now() - t0);
      const why = signal === 'SIGKILL' ? `timed out after ${timeoutMs} ms` : `exited with ${code ?? signal}`;
      reject(new Error(`OpenSSH: ${command} ${why}: ${stderr.trim()}`));
    });
  });
}

/** sftp quotes arguments like a shell; our scratch paths have no quotes of their own. */
const q = (p: string) => `"${p}"`;

export class OpenSshTools {
  private n = 0;

  constructor(
    private readonly target: Target,
    /** Where batch files go. */
    private readonly scratch: string,
    private readonly timeoutMs: number,
  ) {}

  private remote(p: string): string {
    return `${this.target.user}@127.0.0.1:${p}`;
  }

  /** `sftp -b` with the given batch lines. */
  sftp(lines: string[]): Promise<number> {
    const batch = path.join(this.scratch, `batch-${++this.n}`);
    writeFileSync(batch, `${lines.join('\n')}\n`);
    return timed('sftp', [...commonArgs(this.target), '-b', batch, `${this.target.user}@127.0.0.1`], this.timeoutMs);
  }

  sftpGet = (from: string, to: string, recursive = false) => this.sftp([`get ${recursive ? '-r ' : ''}${q(from)} ${q(to)}`]);
  sftpPut = (from: string, to: string, recursive = false) => this.sftp([`put ${recursive ? '-r ' : ''}${q(from)} ${q(to)}`]);
  /** Connect, authenticate, start the subsystem, one round trip, quit. */
  sftpBaseline = () => this.sftp(['pwd']);

  scpGet = (from: string, to: string, recursive = false) => timed('scp', [...commonArgs(this.target), ...(recursive ? ['-r'] : []), this.remote(from), to], this.timeoutMs);
  scpPut = (from: string, to: string, recursive = false) => timed('scp', [...commonArgs(this.target), ...(recursive ? ['-r'] : []), from, this.remote(to)], this.timeoutMs);
  /** scp of an empty file: everything but the data. */
  scpBaseline = (empty: string, to: string) => this.scpGet(empty, to);
}
