// A long link on 127.0.0.1: a TCP proxy that holds every chunk for half the
// round trip in each direction (so a request and its answer pay the full RTT)
// and, if asked, lets bytes through no faster than a given rate. Chunks leave
// in the order they arrived: one timer queue per direction. Userspace, so no
// root and no `tc`; the delay is timer-accurate (about a millisecond).
//
// startWanProxy() runs it in this process (tests); forkWanProxy() runs it in
// a child process, so a benchmark's proxy does not share an event loop with
// the client being measured. `tsx test-support/wan-proxy.ts <targetPort> <rttMs> [mbps]`
// (this file) is the child's entry point.
import { fork, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

export interface WanOptions {
  /** Where the real server listens on 127.0.0.1. */
  targetPort: number;
  /** Round trip added by the proxy, ms; each direction gets half. */
  rttMs: number;
  /** Cap on each direction, in 10^6 bytes per second; none when absent or 0. */
  mbps?: number;
}

export interface WanProxy {
  port: number;
  /** A new round trip from now on; a shorter one also hurries the chunks already held. Only for a proxy in this process. */
  setRtt?(rttMs: number): void;
  close(): Promise<void>;
}

/**
 * One direction of the link: chunks are released `delayMs` after they
 * arrive, and with a rate, not before the previous ones have "crossed the
 * wire" (a token bucket with no burst: each chunk books its own airtime).
 */
class DelayLine {
  /** A null chunk is the sender's end, which must follow the bytes before it. */
  private readonly queue: { at: number; chunk: Buffer | null }[] = [];
  private timer: NodeJS.Timeout | undefined;
  private wireFreeAt = 0;

  constructor(
    private readonly to: net.Socket,
    private readonly delay: () => number,
    private readonly bytesPerMs: number,
  ) {}

  push(chunk: Buffer | null): void {
    const now = performance.now();
    const delayMs = this.delay();
    let at = now + delayMs;
    if (chunk && this.bytesPerMs > 0) {
      this.wireFreeAt = Math.max(this.wireFreeAt, now) + chunk.length / this.bytesPerMs;
      at = this.wireFreeAt + delayMs;
    }
    this.queue.push({ at, chunk });
    if (delayMs === 0 && this.bytesPerMs === 0) return this.flush();
    this.arm();
  }

  private arm(): void {
    if (this.timer || this.queue.length === 0) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, Math.max(0, this.queue[0]!.at - performance.now()));
  }

  private flush(): void {
    const now = performance.now();
    // Timers fire up to ~1 ms late or early; 0.5 ms of slack avoids a busy re-arm.
    while (this.queue.length > 0 && this.queue[0]!.at <= now + 0.5) {
      const { chunk } = this.queue.shift()!;
      if (this.to.destroyed) continue;
      if (chunk) this.to.write(chunk);
      else this.to.end();
    }
    this.arm();
  }

  /** The link got faster: held chunks leave no later than `delayMs` from now (in order, since the cap keeps the queue sorted). */
  shorten(delayMs: number): void {
    const latest = performance.now() + delayMs;
    for (const item of this.queue) item.at = Math.min(item.at, latest);
    clearTimeout(this.timer);
    this.timer = undefined;
    this.flush();
  }

  clear(): void {
    clearTimeout(this.timer);
    this.queue.length = 0;
  }
}

export function startWanProxy(options: WanOptions): Promise<WanProxy> {
  let half = Math.max(0, options.rttMs) / 2;
  const delay = () => half;
  const bytesPerMs = options.mbps && options.mbps > 0 ? (options.mbps * 1e6) / 1000 : 0;
  const sockets = new Set<net.Socket>();
  const lines = new Set<DelayLine>();
  const server = net.createServer({ noDelay: true, allowHalfOpen: true }, (client) => {
    const upstream = net.connect({ host: '127.0.0.1', port: options.targetPort, noDelay: true, allowHalfOpen: true });
    sockets.add(client).add(upstream);
    const up = new DelayLine(upstream, delay, bytesPerMs);
    const down = new DelayLine(client, delay, bytesPerMs);
    lines.add(up).add(down);
    // An end crosses the link like data does: after the bytes queued before it.
    client.on('data', (chunk: Buffer) => up.push(chunk));
    upstream.on('data', (chunk: Buffer) => down.push(chunk));
    const close = () => {
      up.clear();
      down.clear();
      lines.delete(up);
      lines.delete(down);
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('end', () => up.push(null));
    upstream.on('end', () => down.push(null));
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      resolve({
        port,
        setRtt: (rttMs) => {
          half = Math.max(0, rttMs) / 2;
          for (const line of lines) line.shorten(half);
        },
        close: () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

/** The proxy in a child process; resolves once it listens. */
export function forkWanProxy(options: WanOptions): Promise<WanProxy> {
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), [String(options.targetPort), String(options.rttMs), String(options.mbps ?? 0)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('wan proxy: did not start within 20 s')), 20_000);
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`wan proxy exited with ${code}`)));
    child.once('message', (message: { port: number }) => {
      clearTimeout(timer);
      resolve({
        port: message.port,
        close: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.send) {
  const [targetPort, rttMs, mbps] = process.argv.slice(2).map(Number);
  void startWanProxy({ targetPort: targetPort!, rttMs: rttMs!, mbps: mbps! }).then((proxy) => process.send!({ port: proxy.port }));
  // The parent going away must not leave a proxy behind.
  process.on('disconnect', () => process.exit(0));
}
