// A real sshd and ssh2 clients on it, for tunnel tests and the benchmark.
import { startEchoServer, type TestServer } from './net';
import type { Client } from 'ssh2';
import { connectClient } from './ssh-client';
import { startSshd, type Sshd, type SshdOptions } from './sshd';
import type { ForwardEvent, RunningForward } from '../src-main/tunnels/forward-spec';


export interface TunnelFixture {
  sshd: Sshd;
  /** A client connected at start, shared by the tests of a file. */
  client: Client;
  /** A loopback echo server: the usual destination of a forward under test. */
  echo: TestServer;
  /** Another client of its own (for tests that drop their connection). */
  connect(): Promise<Client>;
  /** Closes every forward and client this fixture handed out, then the server. */
  stop(): Promise<void>;
  /** Remembers a forward so stop() closes it even when a test failed half-way. */
  keep(forward: RunningForward): RunningForward;
}

export async function startTunnelFixture(options: SshdOptions = {}): Promise<TunnelFixture> {
  const sshd = await startSshd(options);
  const clients: Client[] = [];
  const forwards: RunningForward[] = [];
  const connect = async () => {
    const client = await connectClient(sshd);
    clients.push(client);
    return client;
  };
  const client = await connect();
  const echo = await startEchoServer();
  return {
    sshd,
    client,
    echo,
    connect,
    keep: (forward) => (forwards.push(forward), forward),
    stop: async () => {
      await Promise.all(forwards.map((f) => f.close()));
      for (const c of clients) c.end();
      await Promise.all([echo.close(), sshd.stop()]);
    },
  };
}

/** Collects a forward's events and resolves waits on them. */
export function eventLog(forward: RunningForward): { events: ForwardEvent[]; next(type: ForwardEvent['type'], ms?: number): Promise<ForwardEvent> } {
  const events: ForwardEvent[] = [];
  const waiters: { type: ForwardEvent['type']; resolve: (e: ForwardEvent) => void }[] = [];
  let seen = 0;
  forward.onEvent((event) => {
    events.push(event);
    const index = waiters.findIndex((w) => w.type === event.type);
    if (index >= 0) waiters.splice(index, 1)[0]!.resolve(event);
  });
  return {
    events,
    /** The first event of `type` not yet returned by next(). */
    next: (type, ms = 10_000) => {
      const found = events.slice(seen).find((e) => e.type === type);
      if (found) {
        seen = events.indexOf(found) + 1;
        return Promise.resolve(found);
      }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${type} event within ${ms} ms; saw ${events.map((e) => e.type).join(', ') || 'none'}`)), ms);
        waiters.push({
          type,
          resolve: (event) => {
            clearTimeout(timer);
            seen = events.length;
            resolve(event);
          },
        });
      });
    },
  };
}

/** Polls `check` until it returns true (waits on a condition, not a fixed sleep). */
export async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
