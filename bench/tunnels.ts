// Tunnel throughput and fan-out: Warren's forwards against `ssh -N -L` and
// `ssh -N -D`, same sshd, interleaved, one untimed warm-up, median of N.
// Traffic is generated and checked by a child process (tunnels-load.ts) for
// both clients, so neither shares a thread with its load. Set-up (starting
// the forward, or ssh until its port answers) is not timed.
// Run with `npm run bench -- tunnels` (bench/run.ts wires it to an sshd).
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Client } from 'ssh2';
import { freePort } from '../test-support/sshd';
import { startForward } from '../src-main/tunnels/forward';
import type { ForwardSpec } from '../src-main/tunnels/forward-spec';
import { connectClient } from '../test-support/ssh-client';
import { clientOptions, liveChildren } from './openssh';
import { summarize, type Row } from './stats';
import type { Target } from './target';
import type { LoadCommand, LoadReply } from './tunnels-load';

export interface TunnelsBenchOptions {
  /** Timed runs after one untimed warm-up (default BENCH_TUNNEL_RUNS or 3). */
  runs?: number;
  /** Bytes through one connection for the throughput case (default BENCH_TUNNEL_MIB or 512 MiB). */
  streamBytes?: number;
  /** Concurrent connections (default 200) and what each echoes (default 1 MiB). */
  connections?: number;
  connectionBytes?: number;
  progress?(line: string): void;
}

const MiB = 1024 * 1024;
/** Any single step, Warren's or OpenSSH's, gives up after this. */
const STEP_TIMEOUT_MS = 180_000;
type Tool = 'warren' | 'openssh';
type Case = 'stream' | 'fan-L-total' | 'fan-L-first' | 'fan-D-total' | 'fan-D-first';

export async function tunnelsBench(target: Target, options: TunnelsBenchOptions = {}): Promise<{ rows: Row[]; notes: string[] }> {
  const runs = options.runs ?? Number(process.env.BENCH_TUNNEL_RUNS ?? 3);
  if (!Number.isInteger(runs) || runs < 1) throw new Error('runs (BENCH_TUNNEL_RUNS) must be a positive integer');
  const streamBytes = options.streamBytes ?? Number(process.env.BENCH_TUNNEL_MIB ?? 512) * MiB;
  const count = options.connections ?? 200;
  const each = options.connectionBytes ?? MiB;
  const progress = options.progress ?? ((line: string) => process.stderr.write(`${line}\n`));

  const load = new Load();
  let client: Client | undefined;
  try {
    const { echoPort, sinkPort } = (await load.ask({ op: 'servers' })) as { echoPort: number; sinkPort: number };
    client = await connectClient({ port: target.port, user: target.user, clientKeyPath: target.keyPath });
    const c = client;
    const samples = new Map<string, number[]>();
    const add = (key: `${Case}:${Tool}`, value: number) => samples.set(key, [...(samples.get(key) ?? []), value]);
    const local = (destPort: number): ForwardSpec => ({ kind: 'local', bindHost: '127.0.0.1', bindPort: 0, destHost: '127.0.0.1', destPort });

    for (let i = 0; i <= runs; i++) {
      const line: string[] = [];
      const keep = (key: `${Case}:${Tool}`, value: number, shown: string) => {
        if (i > 0) add(key, value);
        line.push(`${key} ${shown}`);
      };
      const stream = async (port: number) => ((await load.ask({ op: 'stream', port, bytes: streamBytes })) as { ms: number }).ms;
      const fan = async (port: number, socks?: boolean) => {
        const r = (await load.ask({ op: 'fan', port, count, bytes: each, ...(socks ? { socks: { host: '127.0.0.1', port: echoPort } } : {}) })) as { ms: number; firstByteMs: number[]; bad: number };
        if (r.bad > 0) throw new Error(`bench: ${r.bad} of ${count} echoed connections came back wrong`);
        return { total: r.ms, first: summarize(r.firstByteMs).median };
      };
      const mbps = (ms: number) => streamBytes / 1e6 / (ms / 1000);

      const ws = await withWarren(c, local(sinkPort), stream);
      keep('stream:warren', mbps(ws), `${mbps(ws).toFixed(0)} MB/s`);
      const os = await withOpenSsh(target, ['-L', `PORT:127.0.0.1:${sinkPort}`], stream);
      keep('stream:openssh', mbps(os), `${mbps(os).toFixed(0)} MB/s`);
      for (const [kind, flag] of [['L', '-L'], ['D', '-D']] as const) {
        const spec: ForwardSpec = kind === 'L' ? local(echoPort) : { kind: 'dynamic', bindHost: '127.0.0.1', bindPort: 0 };
        const args = kind === 'L' ? [flag, `PORT:127.0.0.1:${echoPort}`] : [flag, '127.0.0.1:PORT'];
        const w = await withWarren(c, spec, (port) => fan(port, kind === 'D'));
        const o = await withOpenSsh(target, args, (port) => fan(port, kind === 'D'));
        keep(`fan-${kind}-total:warren`, w.total / 1000, `${(w.total / 1000).toFixed(2)} s`);
        keep(`fan-${kind}-total:openssh`, o.total / 1000, `${(o.total / 1000).toFixed(2)} s`);
        keep(`fan-${kind}-first:warren`, w.first, `${w.first.toFixed(0)} ms`);
        keep(`fan-${kind}-first:openssh`, o.first, `${o.first.toFixed(0)} ms`);
      }
      progress(`tunnels run ${i}/${runs}${i === 0 ? ' (warm-up)' : ''}: ${line.join(', ')}`);
    }

    const row = (metric: string, unit: string, key: Case, better: Row['better']): Row => ({
      metric,
      unit,
      warren: summarize(samples.get(`${key}:warren`)!),
      openssh: summarize(samples.get(`${key}:openssh`)!),
      better,
    });
    const fanLabel = `${count} × ${each / MiB} MiB echo`;
    return {
      rows: [
        row(`local forward, ${streamBytes / MiB} MiB, vs ssh -L`, 'MB/s', 'stream', 'higher'),
        row(`${fanLabel} via -L: total`, 's', 'fan-L-total', 'lower'),
        row(`${fanLabel} via -L: first byte (median)`, 'ms', 'fan-L-first', 'lower'),
        row(`${fanLabel} via SOCKS vs ssh -D: total`, 's', 'fan-D-total', 'lower'),
        row(`${fanLabel} via SOCKS: first byte (median)`, 'ms', 'fan-D-first', 'lower'),
      ],
      notes: [
        `Tunnels: one connection sends ${streamBytes / MiB} MiB to a sink that confirms the count; then ${count} connections at once each send ${each / MiB} MiB to an echo server and read it back (sha256 checked).`,
        'First byte = connect() to the first echoed byte, per connection (SOCKS handshake included); the row shows the median over connections, then the median over runs.',
        'Warren: one ssh2 connection opened beforehand, a forward started per case; OpenSSH: `ssh -N -L/-D` started per case and timed from when its port answers. Load runs in a separate process for both.',
      ],
    };
  } finally {
    client?.end();
    load.stop();
  }
}

async function withWarren<T>(client: Client, spec: ForwardSpec, run: (port: number) => Promise<T>): Promise<T> {
  const forward = await startForward(client, spec);
  try {
    return await timeout(run(forward.stats().boundPort!), `Warren ${spec.kind} forward`);
  } finally {
    await forward.close();
  }
}

/** Runs `ssh -N` with the forward (PORT replaced by a free port), waits for its port, runs `run`, kills ssh. */
async function withOpenSsh<T>(target: Target, forward: string[], run: (port: number) => Promise<T>): Promise<T> {
  const port = await freePort();
  const args = [
    ...clientOptions(target),
    ...['-o', 'ExitOnForwardFailure=yes', '-N'],
    ...forward.map((a) => a.replace('PORT', String(port))),
    `${target.user}@127.0.0.1`,
  ];
  const child = spawn('ssh', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  liveChildren.add(child);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await waitForPort(port, child, () => stderr);
    return await timeout(run(port), `ssh ${forward[0]}`);
  } finally {
    child.kill('SIGKILL');
    await exited;
    liveChildren.delete(child);
  }
}

async function waitForPort(port: number, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`OpenSSH: ssh exited with ${child.exitCode}: ${stderr().trim()}`);
    const up = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (up) return;
    if (Date.now() > deadline) throw new Error(`OpenSSH: ssh did not listen on ${port} within 15 s: ${stderr().trim()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function timeout<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`bench: ${what} timed out after ${STEP_TIMEOUT_MS / 1000} s`)), STEP_TIMEOUT_MS)));
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

/** The forked load process and its request/reply bookkeeping. */
class Load {
  private readonly child: ChildProcess;
  private next = 1;
  private readonly waiting = new Map<number, { resolve: (r: LoadReply) => void; reject: (e: Error) => void }>();

  constructor() {
    this.child = fork(fileURLToPath(new URL('./tunnels-load.ts', import.meta.url)), [], { execArgv: ['--import', import.meta.resolve('tsx')], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    liveChildren.add(this.child);
    this.child.on('message', (reply: LoadReply) => {
      const waiter = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if (!waiter) return;
      if (reply.ok) waiter.resolve(reply);
      else waiter.reject(new Error(`bench load: ${reply.error}`));
    });
    this.child.once('exit', (code) => {
      for (const waiter of this.waiting.values()) waiter.reject(new Error(`bench load process exited with ${code}`));
      this.waiting.clear();
    });
  }

  ask(command: WithoutId<LoadCommand>): Promise<LoadReply> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.child.send({ ...command, id });
    });
  }

  stop(): void {
    this.child.kill('SIGKILL');
    liveChildren.delete(this.child);
  }
}
