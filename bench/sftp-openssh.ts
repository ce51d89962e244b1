// Runs OpenSSH's `sftp -b` and `scp` as a user would, timing the whole
// process. Each timed command has a twin that moves nothing (a `pwd` batch, an
// empty file), so connection set-up can be taken out of the figure.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { clientOptions, timeCommand } from './openssh';
import type { Target } from './target';

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
    return timeCommand('sftp', [...clientOptions(this.target, '-P'), '-b', batch, `${this.target.user}@127.0.0.1`], this.timeoutMs);
  }

  sftpGet = (from: string, to: string, recursive = false) => this.sftp([`get ${recursive ? '-r ' : ''}${q(from)} ${q(to)}`]);
  sftpPut = (from: string, to: string, recursive = false) => this.sftp([`put ${recursive ? '-r ' : ''}${q(from)} ${q(to)}`]);
  /** Connect, authenticate, start the subsystem, one round trip, quit. */
  sftpBaseline = () => this.sftp(['pwd']);

  scpGet = (from: string, to: string, recursive = false) => timeCommand('scp', [...clientOptions(this.target, '-P'), ...(recursive ? ['-r'] : []), this.remote(from), to], this.timeoutMs);
  scpPut = (from: string, to: string, recursive = false) => timeCommand('scp', [...clientOptions(this.target, '-P'), ...(recursive ? ['-r'] : []), from, this.remote(to)], this.timeoutMs);
  /** scp of an empty file: everything but the data. */
  scpBaseline = (empty: string, to: string) => this.scpGet(empty, to);
}
