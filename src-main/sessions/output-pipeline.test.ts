// The output path end to end inside main: an ssh2 server floods a shell
// channel in 16 KiB writes, and what a window would receive (session:data
// events) is counted, hashed and timed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import ssh2, { type ServerChannel } from 'ssh2';
import type { HostKeyCheck } from '../host-keys/host-key-check';
import { authPlan } from '../../test-support/auth';
import { generateHostKey } from '../../test-support/ssh2-server';
import { TerminalSession, type SessionStateUpdate } from './terminal-session';
import { FLUSH_MS, MAX_BATCH } from './output-batcher';
import { START_BYTES } from './flow-budget';
import { missedSsh2Internals } from '../ssh2-internals/ssh2-internals';

const FLOOD = 10 * 1024 * 1024;
/** What the stand-in renderer keeps undrawn: more than the batcher's hungry threshold. */
const BACKLOG = 64 * 1024;
const WRITE = 16 * 1024;
const trustAll: HostKeyCheck = { check: async () => null };

interface Flood {
  written: number;
  writes: number;
  sha256: string | null;
}

/** A shell that echoes what it is sent, and answers "F" with FLOOD random bytes (respecting backpressure). */
function shell(channel: ServerChannel, floods: Flood[]): void {
  channel.on('data', (chunk: Buffer) => {
    if (chunk.toString() !== 'F') return void channel.write(chunk);
    const flood: Flood = { written: 0, writes: 0, sha256: null };
    floods.push(flood);
    const hash = createHash('sha256');
    const more = () => {
      while (flood.written < FLOOD) {
        const piece = randomBytes(Math.min(WRITE, FLOOD - flood.written));
        hash.update(piece);
        flood.written += piece.length;
        flood.writes++;
        if (!channel.write(piece)) return void channel.once('drain', more);
      }
      flood.sha256 = hash.digest('hex');
    };
    more();
  });
}

let server: ssh2.Server;
let port: number;
const connections = new Set<ssh2.Connection>();
const floods: Flood[] = [];
beforeAll(async () => {
  server = new ssh2.Server({ hostKeys: [generateHostKey()] }, (client) => {
    connections.add(client);
    client.on('close', () => connections.delete(client));
    client.on('error', () => {});
    client.on('authentication', (ctx) => (ctx.method === 'password' && ctx.password === 'pw' ? ctx.accept() : ctx.reject(['password'])));
    client.on('session', (accept) => {
      const session = accept();
      session.on('pty', (ok) => ok?.());
      session.on('window-change', (ok) => ok?.());
      session.on('shell', (ok) => shell(ok(), floods));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as { port: number }).port;
});
afterAll(
  () =>
    new Promise<void>((r) => {
      for (const c of connections) c.end();
      server.close(() => r());
    }),
);

async function open(options: { ack: boolean }) {
  const endpoint = { host: '127.0.0.1', port, username: 'alice' };
  const events: Uint8Array[] = [];
  let received = 0;
  let undrawn = 0;
  let hash = createHash('sha256');
  const states: SessionStateUpdate[] = [];
  const listeners = new Set<() => void>();
  const session: TerminalSession = new TerminalSession(
    { endpoint, auth: await authPlan(endpoint, { savedPassword: 'pw' }), hostKeys: trustAll, cols: 80, rows: 24, readyTimeoutMs: 10_000 },
    {
      data: (bytes) => {
        events.push(bytes);
        received += bytes.length;
        hash.update(bytes);
        // As a busy renderer does: ack once drawn (here: on the next turn), always with some output still
        // to draw (BACKLOG), as under a flood; an idle one gets each chunk at once (output-batcher.ts).
        if (options.ack) {
          undrawn += bytes.length;
          const drawn = undrawn - BACKLOG;
          if (drawn > 0) {
            undrawn -= drawn;
            setImmediate(() => session.ack(drawn));
          }
        }
        listeners.forEach((l) => l());
      },
      state: (event) => {
        states.push(event);
        listeners.forEach((l) => l());
      },
    },
  );
  const until = (predicate: () => boolean, what: string, ms = 20_000) =>
    new Promise<void>((resolve, reject) => {
      if (predicate()) return resolve();
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what} (received ${received})`)), ms);
      const check = () => {
        if (!predicate()) return;
        clearTimeout(timer);
        listeners.delete(check);
        resolve();
      };
      listeners.add(check);
    });
  session.start();
  await until(() => states.at(-1)?.state === 'connected', 'connected');
  return {
    session,
    events,
    until,
    received: () => received,
    /** Forgets what came so far: counts and hash start again. */
    reset() {
      events.length = 0;
      received = 0;
      hash = createHash('sha256');
    },
    sha256: () => hash.copy().digest('hex'),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('terminal output pipeline (ssh2 server → session:data)', () => {
  it('a 10 MiB flood arrives as far fewer events than ssh2 chunks, every byte intact', async () => {
    const t = await open({ ack: true });
    t.session.write('F');
    await t.until(() => t.received() === FLOOD, 'the whole flood', 60_000);
    const flood = floods.at(-1)!;
    expect(flood.writes).toBe(FLOOD / WRITE);
    expect(t.sha256()).toBe(flood.sha256);
    // 640 ssh2 chunks (at least) on the way in; batches of up to MAX_BATCH on the way out.
    expect(t.events.length).toBeLessThan(flood.writes / 4);
    expect(Math.max(...t.events.map((e) => e.length))).toBeLessThanOrEqual(MAX_BATCH + WRITE);
    t.session.close();
  });

  it('a keystroke echo on an idle line is delivered at once, not after a batching delay', async () => {
    const t = await open({ ack: true });
    const samples: number[] = [];
    for (let i = 0; i < 15; i++) {
      await sleep(20); // idle
      t.reset();
      const start = performance.now();
      t.session.write('k');
      await t.until(() => t.received() === 1, 'the echo', 5_000);
      samples.push(performance.now() - start);
    }
    samples.sort((a, b) => a - b);
    // A round trip through an in-process server; batching would add FLUSH_MS to every one.
    expect(samples[Math.floor(samples.length / 2)]).toBeLessThan(FLUSH_MS);
    t.session.close();
  });

  it('nobody acks: the channel pauses and memory stays bounded; acks let the rest through intact', async () => {
    const t = await open({ ack: false });
    t.session.write('F');
    // Before any drawing is measured the renderer's queue holds START_BYTES (flow-budget.ts).
    await t.until(() => t.received() >= START_BYTES, 'high water');
    // Wait until nothing more arrives.
    let last = -1;
    while (last !== t.received()) {
      last = t.received();
      await sleep(200);
    }
    const flood = floods.at(-1)!;
    expect(t.received()).toBeLessThanOrEqual(START_BYTES + WRITE * 2);
    // Besides, main holds at most what the server could still send in ssh2's 2 MiB window: paused, ssh2
    // stops opening it (limitReadBuffer) instead of buffering 2 MiB in the stream and opening 2 MiB more.
    expect(t.session.held).toBeLessThanOrEqual(2 * 1024 * 1024 + 64 * 1024);
    expect(missedSsh2Internals()).toEqual([]);
    // The server is held back too (ssh2's 2 MiB window, then its own send queue): it never got to write it all.
    expect(flood.written).toBeLessThan(FLOOD);
    expect(flood.sha256).toBeNull();
    const ackAll = setInterval(() => t.session.ack(1 << 30), 2);
    await t.until(() => t.received() === FLOOD, 'the rest of the flood', 60_000);
    clearInterval(ackAll);
    expect(t.sha256()).toBe(flood.sha256);
    t.session.close();
  });
});
