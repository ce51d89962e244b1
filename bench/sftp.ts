// SFTP throughput: Warren's transfer engine against OpenSSH's `sftp -b` and
// `scp`, same sshd, same files, interleaved so machine-load drift hits all
// alike. One large file each way, then many small files in nested folders.
// Call sftpBench() from a runner with an sshd (see bench/sftp-run.ts).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { connectSftp, randomFile, type Connected } from '../test-support/sftp-fixture';
import { downloadFile, uploadFile } from '../src-main/sftp/transfer';
import { downloadTree, uploadTree } from '../src-main/sftp/tree-transfer';
import { OpenSshTools } from './sftp-openssh';
import { summarize, type Row } from './stats';
import type { Target } from './target';

export interface SftpBenchOptions {
  /** Timed runs after one untimed warm-up (default: BENCH_SFTP_RUNS or 3). */
  runs?: number;
  /** Size of the large file (default 512 MiB). */
  bigBytes?: number;
  /** Number of small files (default 2,000) and the size of each (default 4 KiB). */
  smallFiles?: number;
  smallBytes?: number;
  /** Whether run 0 is an untimed warm-up (default true); the WAN suite, where one run takes minutes, skips it. */
  warmup?: boolean;
  /** Only these cases (default all): a look at one row without waiting minutes for the rest. */
  cases?: readonly Case[];
  /** OpenSSH tools to compare with (default both); Warren always runs. */
  tools?: readonly Exclude<Tool, 'warren'>[];
  progress?(line: string): void;
}

export interface SftpBenchResult {
  rows: Row[];
  /** Lines to print under the table: method, and median times. */
  notes: string[];
}

/** Any single transfer, Warren's or OpenSSH's, gives up after this (BENCH_SFTP_STEP_S: `sftp -r` over a long link needs more). */
const STEP_TIMEOUT_MS = Number(process.env.BENCH_SFTP_STEP_S ?? 180) * 1000;
const MiB = 1024 * 1024;
/** Scratch dirs of runs still going, so an aborted runner can remove them. */
const scratchDirs = new Set<string>();

/** Removes what a running sftpBench has on disk; for runners that exit early. */
export function sftpBenchCleanup(): void {
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
  scratchDirs.clear();
}

export type Tool = 'warren' | 'sftp' | 'scp';
export type Case = 'big-down' | 'big-up' | 'small-down' | 'small-up';
export const CASES: readonly Case[] = ['big-down', 'big-up', 'small-down', 'small-up'];
type Samples = Record<`${Case}:${Tool}`, number[]>;

interface Ctx {
  conn: Connected;
  tools: OpenSshTools;
  /** Source file and tree, and a folder that is emptied after every step. */
  big: string;
  tree: string;
  empty: string;
  out: string;
  bigBytes: number;
  smallFiles: number;
  cases: readonly Case[];
  chosen: readonly Tool[];
}

export async function sftpBench(target: Target, options: SftpBenchOptions = {}): Promise<SftpBenchResult> {
  const runs = options.runs ?? Number(process.env.BENCH_SFTP_RUNS ?? 3);
  if (!Number.isInteger(runs) || runs < 1) throw new Error('runs (BENCH_SFTP_RUNS) must be a positive integer');
  const progress = options.progress ?? ((line: string) => process.stderr.write(`${line}\n`));
  const bigBytes = options.bigBytes ?? 512 * MiB;
  const smallFiles = options.smallFiles ?? 2_000;
  const smallBytes = options.smallBytes ?? 4096;
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'warren-sftp-bench-'));
  scratchDirs.add(scratch);
  let conn: Connected | undefined;
  try {
    progress(`sftp bench: preparing ${bigBytes / MiB} MiB file and ${smallFiles} × ${smallBytes} B files in ${scratch}`);
    const ctx = prepare(scratch, bigBytes, smallFiles, smallBytes);
    conn = await connectSftp({ port: target.port, user: target.user, clientKeyPath: target.keyPath });
    const tools = new OpenSshTools(target, scratch, STEP_TIMEOUT_MS);
    const full: Ctx = { ...ctx, conn, tools, cases: options.cases ?? CASES, chosen: ['warren', ...(options.tools ?? ['sftp', 'scp'])] };
    const samples = {} as Samples;
    const first = options.warmup === false ? 1 : 0;
    for (let i = first; i <= runs; i++) {
      const run = await oneRun(full, i);
      // Run 0 warms caches (page cache, sshd, ssh2's JIT) and is not counted.
      if (i > 0) for (const [key, ms] of Object.entries(run)) (samples[key as keyof Samples] ??= []).push(ms);
      progress(`sftp run ${i}/${runs}${i === 0 ? ' (warm-up)' : ''}: ${Object.entries(run).map(([k, ms]) => `${k} ${(ms / 1000).toFixed(2)} s`).join(', ')}`);
    }
    return report(samples, bigBytes, smallFiles, smallBytes);
  } finally {
    conn?.close();
    rmSync(scratch, { recursive: true, force: true });
    scratchDirs.delete(scratch);
  }
}

function prepare(scratch: string, bigBytes: number, smallFiles: number, smallBytes: number) {
  const big = path.join(scratch, 'big.bin');
  randomFile(big, bigBytes);
  // Nested like a source tree: 10 folders × 10 subfolders × files, plus an empty folder.
  const tree = path.join(scratch, 'tree');
  for (let i = 0; i < smallFiles; i++) {
    const dir = path.join(tree, `d${i % 10}`, `s${Math.floor(i / 10) % 10}`);
    mkdirSync(dir, { recursive: true });
    randomFile(path.join(dir, `f${i}.dat`), smallBytes);
  }
  mkdirSync(path.join(tree, 'empty'), { recursive: true });
  const empty = path.join(scratch, 'empty.bin');
  writeFileSync(empty, '');
  const out = path.join(scratch, 'out');
  mkdirSync(out);
  return { big, tree, empty, out, bigBytes, smallFiles };
}

/** One measurement of every case and tool, interleaved; OpenSSH times have set-up taken out. */
async function oneRun(c: Ctx, round: number): Promise<Partial<Record<keyof Samples, number>>> {
  const signal = () => AbortSignal.timeout(STEP_TIMEOUT_MS);
  const sftp = c.conn.sftp;
  const dst = path.join(c.out, 'x');
  const sftpSetup = c.chosen.includes('sftp') ? await step(c, () => c.tools.sftpBaseline()) : 0;
  const scpSetup = c.chosen.includes('scp') ? await step(c, () => c.tools.scpBaseline(c.empty, dst)) : 0;
  const net = (ms: number, setup: number) => Math.max(ms - setup, 1);
  const r: Partial<Record<keyof Samples, number>> = {};
  // Each round starts with a different tool, so going first (or last) favours none of them.
  const measure = async (kase: Case, runs: Record<Tool, () => Promise<number>>) => {
    if (!c.cases.includes(kase)) return;
    const tools = c.chosen;
    for (let k = 0; k < tools.length; k++) {
      const tool = tools[(k + round) % tools.length]!;
      r[`${kase}:${tool}`] = await runs[tool]();
    }
  };
  await measure('big-down', {
    warren: () => step(c, () => downloadFile(sftp, c.big, dst, { signal: signal() }), 'file'),
    sftp: async () => net(await step(c, () => c.tools.sftpGet(c.big, dst), 'file'), sftpSetup),
    scp: async () => net(await step(c, () => c.tools.scpGet(c.big, dst), 'file'), scpSetup),
  });
  await measure('big-up', {
    warren: () => step(c, () => uploadFile(sftp, c.big, dst, { signal: signal() }), 'file'),
    sftp: async () => net(await step(c, () => c.tools.sftpPut(c.big, dst), 'file'), sftpSetup),
    scp: async () => net(await step(c, () => c.tools.scpPut(c.big, dst), 'file'), scpSetup),
  });
  await measure('small-down', {
    warren: () => step(c, () => downloadTree(sftp, c.tree, dst, { signal: signal() }), 'tree'),
    sftp: async () => net(await step(c, () => c.tools.sftpGet(c.tree, dst, true), 'tree'), sftpSetup),
    scp: async () => net(await step(c, () => c.tools.scpGet(c.tree, dst, true), 'tree'), scpSetup),
  });
  await measure('small-up', {
    warren: () => step(c, () => uploadTree(sftp, c.tree, dst, { signal: signal() }), 'tree'),
    sftp: async () => net(await step(c, () => c.tools.sftpPut(c.tree, dst, true), 'tree'), sftpSetup),
    scp: async () => net(await step(c, () => c.tools.scpPut(c.tree, dst, true), 'tree'), scpSetup),
  });
  return r;
}

/** Times `run`, checks what it produced at out/x, then removes it. */
async function step(c: Ctx, run: () => Promise<unknown>, expect?: 'file' | 'tree'): Promise<number> {
  const dst = path.join(c.out, 'x');
  rmSync(dst, { recursive: true, force: true });
  // Every tool starts with no dirty pages queued for the disk: otherwise the
  // writeback of the previous step's 512 MiB throttles whoever comes next.
  execFileSync('sync');
  const t0 = performance.now();
  await run();
  const ms = performance.now() - t0;
  if (expect === 'file' && statSync(dst).size !== c.bigBytes) throw new Error(`bench: ${dst} has the wrong size`);
  if (expect === 'tree' && countFiles(dst) !== c.smallFiles) throw new Error(`bench: ${dst} is missing files`);
  rmSync(dst, { recursive: true, force: true });
  return ms;
}

function countFiles(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? countFiles(path.join(dir, e.name)) : e.isFile() ? 1 : 0), 0);
}

function report(samples: Samples, bigBytes: number, smallFiles: number, smallBytes: number): SftpBenchResult {
  const mbps = (ms: number) => bigBytes / 1e6 / (ms / 1000);
  const median = (key: keyof Samples) => summarize(samples[key]).median;
  const bigLabel = `${bigBytes / MiB} MiB file`;
  const smallLabel = `${smallFiles.toLocaleString('en')} × ${smallBytes / 1024} KiB files`;
  const rows: Row[] = [];
  const other: Record<Exclude<Tool, 'warren'>, [string, string]> = { sftp: ['sftp get', 'sftp put'], scp: ['scp', 'scp'] };
  for (const [dir, index] of [['down', 0], ['up', 1]] as const) {
    for (const tool of ['sftp', 'scp'] as const) {
      if (!samples[`big-${dir}:warren`] || !samples[`big-${dir}:${tool}`]) continue;
      rows.push({
        metric: `${dir === 'down' ? 'download' : 'upload'} ${bigLabel} vs ${other[tool][index]}`,
        unit: 'MB/s',
        warren: summarize(samples[`big-${dir}:warren`].map(mbps)),
        openssh: summarize(samples[`big-${dir}:${tool}`].map(mbps)),
        better: 'higher',
      });
    }
    for (const tool of ['sftp', 'scp'] as const) {
      if (!samples[`small-${dir}:warren`] || !samples[`small-${dir}:${tool}`]) continue;
      rows.push({
        metric: `${dir === 'down' ? 'download' : 'upload'} ${smallLabel} vs ${tool} -r`,
        unit: 's',
        warren: summarize(samples[`small-${dir}:warren`].map((ms) => ms / 1000)),
        openssh: summarize(samples[`small-${dir}:${tool}`].map((ms) => ms / 1000)),
        better: 'lower',
      });
    }
  }
  const seconds = (key: keyof Samples) => (samples[key] ? `${(median(key) / 1000).toFixed(2)} s` : '–');
  const notes = [
    `${bigLabel}, median time: download Warren ${seconds('big-down:warren')}, sftp ${seconds('big-down:sftp')}, scp ${seconds('big-down:scp')}; ` +
      `upload Warren ${seconds('big-up:warren')}, sftp ${seconds('big-up:sftp')}, scp ${seconds('big-up:scp')}.`,
    'Warren: one ssh2 connection opened beforehand; time = the transfer call (defaults: 16 × 255 KiB requests in flight, .warren-part then rename; trees: files in flight adaptive from 16 up to 256, small files in 2–3 round trips).',
    'OpenSSH: whole `sftp -b` / `scp` process minus the same tool moving nothing in that run (`pwd` batch / empty file), i.e. connection set-up removed.',
    'OpenSSH 9.x scp speaks the SFTP protocol by default. MB = 10^6 bytes. Everything on 127.0.0.1, so CPU (ciphers, copies) is the limit, not the network.',
  ];
  return { rows, notes };
}
