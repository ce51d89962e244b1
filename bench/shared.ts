// Shared connections: what a second terminal or a Files tab costs on a host
// that is already connected, against the first use (a full handshake and
// login). Driven through the real services as a window would use them.
// Run with `npm run bench -- shared` (bench/run.ts wires it to an sshd).
import { performance } from 'node:perf_hooks';
import type { EventName, Events } from '../src-shared/contract';
import { saveTestHost, testServices } from '../test-support/services';
import { summarize, type Summary } from './stats';
import type { Target } from './target';
import { openFiles } from '../test-support/lifecycle';

/** The bar for a second use on loopback (issue 16): no new handshake. */
export const SECOND_USE_TARGET_MS = 50;
const STEP_TIMEOUT_MS = 15_000;

export async function sharedBench(target: Target, runs = Number(process.env.BENCH_SHARED_RUNS ?? 5), progress: (line: string) => void = () => {}): Promise<{ table: string; notes: string[] }> {
  if (!Number.isInteger(runs) || runs < 1) throw new Error('BENCH_SHARED_RUNS must be a positive integer');
  const { services, hub } = testServices();
  let output = '';
  const states = new Map<string, string>();
  let wake = () => {};
  hub.connect({
    id: 'bench',
    send<E extends EventName>(name: E, payload: Events[E]) {
      if (name === 'session:data') output += Buffer.from((payload as Events['session:data']).data).toString('latin1');
      if (name === 'session:state') states.set((payload as Events['session:state']).sessionId, (payload as Events['session:state']).state);
      wake();
    },
  });
  const until = (done: () => boolean, what: string) =>
    new Promise<void>((resolve, reject) => {
      if (done()) return resolve();
      const timer = setTimeout(() => reject(new Error(`shared bench: timed out waiting for ${what}`)), STEP_TIMEOUT_MS);
      wake = () => {
        if (!done()) return;
        clearTimeout(timer);
        wake = () => {};
        resolve();
      };
    });
  const host = await saveTestHost(services, 'bench', { port: target.port, user: target.user, clientKeyPath: target.keyPath });

  /** Open a terminal; ms until the shell's prompt (the sshd's PS1 names warren-test) is seen. */
  const terminal = async (): Promise<{ ms: number; sessionId: string }> => {
    output = '';
    const started = performance.now();
    const { sessionId } = services.sessions.open('bench', host.id, 80, 24);
    await until(() => output.includes('@warren-test:') || states.get(sessionId) === 'failed', 'a prompt');
    if (states.get(sessionId) === 'failed') throw new Error('shared bench: the terminal failed to connect');
    return { ms: performance.now() - started, sessionId };
  };
  /** Open a Files tab; ms until its first listing is in hand. */
  let browsers = 0;
  const files = async (): Promise<{ ms: number; browserId: string }> => {
    const browserId = `bench-${browsers++}`;
    const started = performance.now();
    const { home } = await openFiles(services, 'bench', browserId, host.id);
    await services.files.list('bench', browserId, home);
    return { ms: performance.now() - started, browserId };
  };
  const idle = () => until(() => services.pool.size === 0, 'the connection to close');

  const samples = { terminal: [[], []] as number[][], files: [[], []] as number[][] };
  try {
    // One untimed round first: cold caches (sshd re-exec, the shell, ssh2's crypto) on both sides.
    for (let i = 0; i <= runs; i++) {
      const t1 = await terminal();
      const t2 = await terminal();
      services.sessions.closeAll();
      await idle();
      const f1 = await files();
      const f2 = await files();
      services.files.closeAll();
      await idle();
      if (i === 0) continue;
      samples.terminal[0]!.push(t1.ms);
      samples.terminal[1]!.push(t2.ms);
      samples.files[0]!.push(f1.ms);
      samples.files[1]!.push(f2.ms);
      progress(`shared ${i}/${runs}: terminal ${t1.ms.toFixed(1)} → ${t2.ms.toFixed(1)} ms, Files ${f1.ms.toFixed(1)} → ${f2.ms.toFixed(1)} ms`);
    }
  } finally {
    await services.dispose();
  }
  const rows: [string, Summary, Summary][] = [
    ['terminal: open → prompt', summarize(samples.terminal[0]!), summarize(samples.terminal[1]!)],
    ['Files: open → first listing', summarize(samples.files[0]!), summarize(samples.files[1]!)],
  ];
  const cell = (s: Summary) => `${s.median.toFixed(1)} (${s.min.toFixed(1)}–${s.max.toFixed(1)})`.padEnd(24);
  const table = [
    `${'use (ms, median (min–max))'.padEnd(30)}${'first (new login)'.padEnd(24)}${'second (shared)'.padEnd(24)}verdict`,
    ...rows.map(([name, first, second]) => `${name.padEnd(30)}${cell(first)}${cell(second)}${second.median <= SECOND_USE_TARGET_MS ? 'ok' : 'OVER'} (target ≤ ${SECOND_USE_TARGET_MS} ms)`),
  ].join('\n');
  return {
    table,
    notes: [`Shared: ${runs} runs after one warm-up; the second use opens while the first is still open, so it adds only a channel (shell or SFTP) on the same connection.`],
  };
}
