// `npm run bench`: Warren's SSH session code against the OpenSSH client, in
// the same run, against the same throwaway sshd on 127.0.0.1. Not a test:
// vitest only collects *.test.ts under src-*, so this never runs in `npm test`.
//
// `npm run bench` runs every suite; `npm run bench -- sftp` (or `terminal`,
// `tunnels`, `hosts`) runs the named ones. `hosts` (the hosts store at 10,000
// hosts, BENCH_HOSTS / BENCH_HOSTS_OPS) needs no sshd. Env knobs: BENCH_CONNECT_RUNS (default 10),
// BENCH_THROUGHPUT_RUNS (default 5), BENCH_SFTP_RUNS (default 3),
// BENCH_SFTP_MIB (default 512). `wan` (only when named) runs the SFTP suite
// and connect time over an emulated long link; its knobs are in bench/wan.ts;
// BENCH_WATCHDOG_MIN (default 30) and BENCH_SFTP_STEP_S (default 180) give
// its full sizes the time they need.
import { startSshd, type Sshd } from '../test-support/sshd';
import { opensshAlgorithms, warrenAlgorithms } from './algorithms';
import { liveChildren, sshArgs, timeSsh } from './openssh';
import { hostsBench } from './hosts-store';
import { sftpBench, sftpBenchCleanup } from './sftp';
import { tunnelsBench } from './tunnels';
import { rendererBench } from './renderer';
import { hostTreeBench } from './host-tree';
import { sharedBench } from './shared';
import { wanBench } from './wan';
import { formatTable, summarize, type Row } from './stats';
import type { Target } from './target';
import { warrenConnect, warrenThroughput } from './warren';

const CONNECT_RUNS = runsFromEnv('BENCH_CONNECT_RUNS', 10);
const THROUGHPUT_RUNS = runsFromEnv('BENCH_THROUGHPUT_RUNS', 5);
/** The whole benchmark gives up after this, whatever is hanging. */
const WATCHDOG_MS = Number(process.env.BENCH_WATCHDOG_MIN ?? 30) * 60_000;
const CONNECT_TIMEOUT_MS = 15_000;
const THROUGHPUT_TIMEOUT_MS = 120_000;

// 48 MiB of zeros → exactly 64 MiB of base64 on one line: printable, so the
// PTY passes it through untouched, and cheap for the server to produce.
const RAW_BYTES = 48 * 1024 * 1024;
const OUTPUT_BYTES = (RAW_BYTES / 3) * 4;
const payload = (bytes: number) => `head -c ${bytes} /dev/zero | base64 -w 0`;
// $((1+1)) so the terminal's echo of the typed command cannot match the marker.
const WARREN_COMMAND = `${payload(RAW_BYTES)}; echo; echo DONE-$((1+1))`;
const WARREN_MARKER = 'DONE-2';

function runsFromEnv(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
}

function progress(text: string): void {
  process.stderr.write(`${text}\n`);
}

async function measureConnect(target: Target): Promise<Row> {
  const warren: number[] = [];
  const openssh: number[] = [];
  // One untimed round first: the first connection pays for cold caches
  // (sshd re-exec, shell binaries, ssh2's crypto set-up) on both sides.
  // Then alternate, so drift in machine load hits both clients alike.
  for (let i = 0; i <= CONNECT_RUNS; i++) {
    const w = await warrenConnect(target);
    const o = await timeSsh(target, 'echo ready', CONNECT_TIMEOUT_MS);
    if (i === 0) continue;
    warren.push(w);
    openssh.push(o);
    progress(`connect ${i}/${CONNECT_RUNS}: Warren ${w.toFixed(1)} ms, OpenSSH ${o.toFixed(1)} ms`);
  }
  return { metric: 'connect + first command', unit: 'ms', warren: summarize(warren), openssh: summarize(openssh), better: 'lower' };
}

async function measureThroughput(target: Target): Promise<Row> {
  const warren: number[] = [];
  const openssh: number[] = [];
  for (let i = 0; i <= THROUGHPUT_RUNS; i++) {
    const w = await warrenThroughput(target, WARREN_COMMAND, WARREN_MARKER, OUTPUT_BYTES, THROUGHPUT_TIMEOUT_MS);
    // ssh's process time includes connecting, which Warren's figure does not
    // (its clock starts once the shell is up). So each full run is paired
    // with an identical run that prints nothing, and only the difference
    // counts as transfer time.
    const full = await timeSsh(target, payload(RAW_BYTES), THROUGHPUT_TIMEOUT_MS);
    const empty = await timeSsh(target, payload(0), CONNECT_TIMEOUT_MS);
    const o = OUTPUT_BYTES / 1e6 / (Math.max(full - empty, 1) / 1000);
    if (i === 0) continue;
    warren.push(w);
    openssh.push(o);
    progress(`throughput ${i}/${THROUGHPUT_RUNS}: Warren ${w.toFixed(1)} MB/s, OpenSSH ${o.toFixed(1)} MB/s (${full.toFixed(0)} − ${empty.toFixed(0)} ms)`);
  }
  return { metric: 'terminal output, 64 MiB', unit: 'MB/s', warren: summarize(warren), openssh: summarize(openssh), better: 'higher' };
}

const SUITES = ['terminal', 'sftp', 'tunnels', 'hosts', 'renderer', 'host-tree', 'wan', 'shared'] as const;
type Suite = (typeof SUITES)[number];

function chosenSuites(args: string[]): Suite[] {
  const unknown = args.filter((a) => !(SUITES as readonly string[]).includes(a));
  if (unknown.length > 0) throw new Error(`unknown bench suite ${unknown.join(', ')}; choose from ${SUITES.join(', ')}`);
  // `renderer` (bench/renderer.ts) and `host-tree` (bench/host-tree.ts) need `npm run build` and Chromium: only when named.
  // `wan` (bench/wan.ts, an emulated long link) takes long at its full sizes: only when named.
  return args.length > 0 ? (args as Suite[]) : SUITES.filter((s) => s !== 'renderer' && s !== 'host-tree' && s !== 'wan');
}

async function main(): Promise<void> {
  const suites = chosenSuites(process.argv.slice(2));
  let sshd: Sshd | undefined;
  // Stop sshd (and any ssh still running) however the run ends.
  const cleanup = async () => {
    for (const child of liveChildren) child.kill('SIGKILL');
    sftpBenchCleanup();
    await sshd?.stop();
    sshd = undefined;
  };
  const abort = (why: string) => {
    progress(`bench: ${why}; stopping`);
    void cleanup().finally(() => process.exit(1));
  };
  setTimeout(() => abort(`still running after ${WATCHDOG_MS / 1000} s`), WATCHDOG_MS).unref();
  process.once('SIGINT', () => abort('interrupted'));
  process.once('SIGTERM', () => abort('terminated'));

  try {
    if (suites.includes('hosts')) {
      const hosts = await hostsBench();
      console.log(`\n${hosts.table}`);
      for (const note of hosts.notes) console.log(note);
      if (suites.every((s) => s === 'hosts')) return;
    }
    if (suites.includes('host-tree')) {
      const tree = await hostTreeBench();
      console.log(`\n${tree.table}`);
      for (const note of tree.notes) console.log(note);
      if (suites.every((s) => s === 'hosts' || s === 'host-tree')) return;
    }
    sshd = await startSshd();
    const target: Target = { port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath };
    progress(`sshd on 127.0.0.1:${sshd.port} as ${sshd.user}; suites: ${suites.join(', ')}`);
    const rows: Row[] = [];
    const notes: string[] = [];
    if (suites.includes('terminal')) {
      rows.push(await measureConnect(target), await measureThroughput(target));
      notes.push(
        'Connect: Warren = start → shell ready → `echo` output seen; OpenSSH = whole `ssh -tt … echo ready` process.',
        'Terminal output: MB = 10^6 bytes; OpenSSH time = full run − same run printing nothing (session set-up removed).',
      );
    }
    if (suites.includes('sftp')) {
      const sftp = await sftpBench(target, { bigBytes: Number(process.env.BENCH_SFTP_MIB ?? 512) * 1024 * 1024 });
      rows.push(...sftp.rows);
      notes.push(...sftp.notes);
    }
    if (suites.includes('wan')) {
      const wan = await wanBench(target, progress);
      rows.push(...wan.rows);
      notes.push(...wan.notes);
    }
    if (suites.includes('tunnels')) {
      const tunnels = await tunnelsBench(target);
      rows.push(...tunnels.rows);
      notes.push(...tunnels.notes);
    }
    if (suites.includes('shared')) {
      // A second terminal or Files tab on a connected host: a channel, not a login (issue 16).
      const shared = await sharedBench(target, undefined, progress);
      console.log(`\n${shared.table}`);
      notes.push(...shared.notes);
    }
    if (suites.includes('renderer')) {
      const renderer = await rendererBench(target);
      console.log(`\n${renderer.table}`);
      notes.push(...renderer.notes);
    }
    const algorithms = { warren: await warrenAlgorithms(target), openssh: await opensshAlgorithms(target, sshArgs(target, 'true')) };
    if (rows.length > 0) console.log(`\n${formatTable(rows)}`);
    console.log(`Negotiated (each client's defaults): Warren/ssh2 ${algorithms.warren}; OpenSSH ${algorithms.openssh}.`);
    for (const note of notes) console.log(note);
  } finally {
    await cleanup();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
