// Drives Warren's TerminalSession the way a terminal tab does, minus the
// renderer: the sink acknowledges every chunk as soon as it arrives (a terminal
// that draws instantly), so the numbers are the session layer's ceiling.
import { performance } from 'node:perf_hooks';
import { TerminalSession, type SessionStateUpdate } from '../src-main/sessions/terminal-session';
import { authPlan } from '../test-support/auth';
import type { Target } from './target';

interface Driven {
  session: TerminalSession;
  /** Resolves when `marker` has appeared in the output; rejects after `ms`. */
  waitFor(marker: string, ms: number): Promise<void>;
  /** Resolves on 'connected'; rejects on 'failed'/'closed' or after `ms`. */
  connected(ms: number): Promise<void>;
  /** Ends the session and waits (bounded) for it to say it has closed. */
  close(): Promise<void>;
}

async function drive(target: Target): Promise<Driven> {
  const endpoint = { host: '127.0.0.1', port: target.port, username: target.user };
  const auth = await authPlan(endpoint, { keyPath: target.keyPath });
  // Only the last few characters are kept: the throughput run streams 64 MiB
  // and holding it all would measure string concatenation, not SSH.
  let tail = '';
  let last: SessionStateUpdate | undefined;
  let wake = () => {};
  const session = new TerminalSession(
    {
      endpoint,
      auth,
      hostKeys: { check: async () => null }, // our own throwaway sshd
      cols: 120,
      rows: 40,
      readyTimeoutMs: 10_000,
    },
    {
      data: (chunk) => {
        // Bytes now; the markers are ASCII, so latin1 reads them whatever surrounds them.
        tail = (tail + Buffer.from(chunk.subarray(-256)).toString('latin1')).slice(-256);
        session.ack(chunk.length);
        wake();
      },
      state: (event) => {
        last = event;
        wake();
      },
    },
  );
  // One waiter at a time is all a sequential benchmark needs.
  const until = (done: () => boolean, what: string, ms: number) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => finish(new Error(`Warren: timed out after ${ms} ms waiting for ${what}`)), ms);
      const finish = (error?: Error) => {
        clearTimeout(timer);
        wake = () => {};
        if (error) reject(error);
        else resolve();
      };
      wake = () => {
        if (done()) return finish();
        if (last?.state === 'failed' || last?.state === 'closed') finish(new Error(`Warren: session ${last.state} while waiting for ${what}: ${last.message ?? ''}`));
      };
      wake();
    });
  return {
    session,
    waitFor: (marker, ms) => until(() => tail.includes(marker), JSON.stringify(marker), ms),
    connected: (ms) => until(() => last?.state === 'connected', 'the shell', ms),
    close: async () => {
      session.close();
      // close() reports 'closed' synchronously; the wait only covers odd cases.
      await until(() => last?.state === 'closed' || last?.state === 'failed', 'close', 2_000).catch(() => {});
    },
  };
}

/** Start → shell ready → `echo` output seen, in milliseconds. */
export async function warrenConnect(target: Target): Promise<number> {
  // The key is read inside the timed region because ssh reads it too.
  const t0 = performance.now();
  const w = await drive(target);
  try {
    w.session.start();
    await w.connected(10_000);
    // $((6*7)) so the terminal's echo of the typed command does not match.
    w.session.write('echo ready-$((6*7))\n');
    await w.waitFor('ready-42', 10_000);
    return performance.now() - t0;
  } finally {
    await w.close();
  }
}

/** MB/s (10^6 bytes) for `bytes` of shell output, timed from the command being sent to the marker arriving. */
export async function warrenThroughput(target: Target, command: string, marker: string, bytes: number, timeoutMs: number): Promise<number> {
  const w = await drive(target);
  try {
    w.session.start();
    await w.connected(10_000);
    const t0 = performance.now();
    w.session.write(`${command}\n`);
    await w.waitFor(marker, timeoutMs);
    return bytes / 1e6 / ((performance.now() - t0) / 1000);
  } finally {
    await w.close();
  }
}
