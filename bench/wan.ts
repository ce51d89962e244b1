// `npm run bench -- wan`: the SFTP suite and connect time over an emulated
// long link (test-support/wan-proxy.ts in front of the bench's sshd), Warren against
// `sftp`/`scp`/`ssh` with their defaults, through the same proxy in the same
// run. On loopback the CPU is the limit; on a long link the protocol is.
//
// Env knobs: BENCH_WAN_RTTS (ms, default "0,20,50,100"), BENCH_WAN_MBPS
// (bandwidth cap per direction, 10^6 B/s; default none), BENCH_WAN_MIB (large
// file, default 256), BENCH_WAN_SMALL_FILES (default 2000), BENCH_WAN_SMALL_KIB
// (default 4), BENCH_WAN_RUNS (timed runs per RTT, default 1, no warm-up),
// BENCH_WAN_CONNECT_RUNS (default 3; 0 skips connect), BENCH_WAN_CASES (default
// all of big-down,big-up,small-down,small-up; "small" or "big" for both
// directions), BENCH_WAN_TOOLS (OpenSSH tools, default sftp,scp). A quick look: BENCH_WAN_RTTS=0,50
// BENCH_WAN_MIB=32 BENCH_WAN_SMALL_FILES=100.
import { timeSsh } from './openssh';
import { CASES, sftpBench } from './sftp';
import { summarize, type Row } from './stats';
import type { Target } from './target';
import { forkWanProxy } from '../test-support/wan-proxy';
import { warrenConnect } from './warren';

const CONNECT_TIMEOUT_MS = 30_000;

function numbers(name: string, fallback: string): number[] {
  const values = (process.env[name] ?? fallback).split(',').map((v) => Number(v.trim()));
  if (values.some((v) => !Number.isFinite(v) || v < 0)) throw new Error(`${name} must be a comma-separated list of numbers ≥ 0`);
  return values;
}

/** A comma-separated subset of `all`; a name that is a prefix of some ("small") picks them all. */
function subset<T extends string>(name: string, all: readonly T[]): T[] {
  const asked = process.env[name]?.split(',').map((v) => v.trim()).filter(Boolean);
  if (!asked?.length) return [...all];
  const chosen = all.filter((item) => asked.some((a) => item === a || item.startsWith(`${a}-`)));
  if (chosen.length === 0 || asked.some((a) => !all.some((item) => item === a || item.startsWith(`${a}-`)))) throw new Error(`${name} must list some of ${all.join(', ')}`);
  return chosen;
}

function positive(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
}

export interface WanBenchResult {
  rows: Row[];
  notes: string[];
}

export async function wanBench(target: Target, progress: (line: string) => void): Promise<WanBenchResult> {
  const rtts = numbers('BENCH_WAN_RTTS', '0,20,50,100');
  const mbps = process.env.BENCH_WAN_MBPS ? positive('BENCH_WAN_MBPS', 1) : 0;
  const bigBytes = Math.round(positive('BENCH_WAN_MIB', 256) * 1024 * 1024);
  const smallFiles = Math.round(positive('BENCH_WAN_SMALL_FILES', 2000));
  const smallBytes = Math.round(positive('BENCH_WAN_SMALL_KIB', 4) * 1024);
  const runs = Math.round(positive('BENCH_WAN_RUNS', 1));
  const connectRuns = process.env.BENCH_WAN_CONNECT_RUNS === '0' ? 0 : Math.round(positive('BENCH_WAN_CONNECT_RUNS', 3));
  const cases = subset('BENCH_WAN_CASES', CASES);
  // Warren always runs; this picks what it is compared with.
  const tools = subset('BENCH_WAN_TOOLS', ['sftp', 'scp'] as const);
  const rows: Row[] = [];
  const notes: string[] = [];
  for (const rtt of rtts) {
    const link = `RTT ${rtt} ms${mbps ? `, ${mbps} MB/s` : ''}`;
    const proxy = await forkWanProxy({ targetPort: target.port, rttMs: rtt, mbps });
    try {
      const via: Target = { ...target, port: proxy.port };
      progress(`wan: ${link} through 127.0.0.1:${proxy.port}`);
      if (connectRuns > 0) rows.push(prefixed(link, await measureConnect(via, connectRuns, progress)));
      const sftp = await sftpBench(via, { bigBytes, smallFiles, smallBytes, runs, warmup: false, cases, tools, progress: (line) => progress(`wan ${link}: ${line}`) });
      rows.push(...sftp.rows.map((row) => prefixed(link, row)));
      notes.push(`${link}: ${sftp.notes[0]}`);
    } finally {
      await proxy.close();
    }
  }
  notes.push(
    `WAN: a userspace proxy on 127.0.0.1 delays each direction by RTT/2 (order kept${mbps ? `, ${mbps} MB/s cap each way` : ', no bandwidth cap'}); ` +
      `${runs} timed run(s) per RTT, no warm-up; large file ${bigBytes / 1024 / 1024} MiB, ${smallFiles} × ${smallBytes / 1024} KiB in nested folders.`,
    'WAN connect: Warren = start → shell ready → `echo` seen; OpenSSH = whole `ssh -tt … echo ready` process. OpenSSH sftp/scp times have their own set-up (measured through the proxy) taken out.',
  );
  return { rows, notes };
}

function prefixed(link: string, row: Row): Row {
  return { ...row, metric: `${link}: ${row.metric}` };
}

async function measureConnect(target: Target, runs: number, progress: (line: string) => void): Promise<Row> {
  const warren: number[] = [];
  const openssh: number[] = [];
  for (let i = 0; i < runs; i++) {
    warren.push(await warrenConnect(target));
    openssh.push(await timeSsh(target, 'echo ready', CONNECT_TIMEOUT_MS));
    progress(`wan connect ${i + 1}/${runs}: Warren ${warren.at(-1)!.toFixed(0)} ms, ssh ${openssh.at(-1)!.toFixed(0)} ms`);
  }
  return { metric: 'connect + first prompt vs ssh', unit: 'ms', warren: summarize(warren), openssh: summarize(openssh), better: 'lower' };
}
