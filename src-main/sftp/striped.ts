// One file over several lanes (SFTP channels) at once. On a long link one
// channel moves at most its window per round trip (OpenSSH's sshd grants a
// session channel 2 MiB), so a large file is cut into pieces that lanes take
// in turn, each piece a pipelined copy (pipe.ts) written at its own offset.
//
// Resume stays exact although pieces finish out of order: the ranges known to
// be at the sink are saved (`save`) before the first byte lands there (or a
// first record is sent ahead of it, `firstSaved`), about once a second while
// running, and once more when stopped; a range is only counted once the
// pipe's watermark has passed it, i.e. once the sink has it.
import { setMaxListeners } from 'node:events';
import { ABORTED, PipeError, runPipe, type PipeSpec } from './pipe';
import { covered, holes, normalize, pieces, type Range } from './ranges';

export type LaneSpec = Omit<PipeSpec, 'start' | 'total' | 'signal' | 'onAdvance'>;

export interface StripedSpec {
  total: number;
  /** Ranges already at the sink (a resume). */
  done: Range[];
  /** Lanes ready now; the first starts at once. */
  lanes: LaneSpec[];
  /** Lanes still opening (a new channel costs round trips): they join when ready, if work is left. */
  laterLanes?: Promise<LaneSpec[]>;
  /** Lanes the pieces are cut for (ready and later); default the ready ones. */
  plannedLanes?: number;
  /** Pieces are no smaller than this (unless a hole is). */
  minPiece: number;
  signal?: AbortSignal;
  /** Bytes at the sink, counting `done`. */
  onProgress?(bytes: number): void;
  save(done: Range[]): Promise<void>;
  /**
   * A first record that is on its way already: sent on the first lane's
   * channel ahead of that lane's first request, so the server has it before
   * any of the lane's data, and the first lane need not wait for its reply
   * (a remote record costs four round trips). Later lanes, on channels of
   * their own, join only once it is there. Without it, save(done) is awaited
   * before any lane starts.
   */
  firstSaved?: Promise<void>;
  saveEveryMs?: number;
}

export class StripedError extends Error {
  constructor(
    override readonly cause: unknown,
    /** What is at the sink now, as last saved. */
    readonly done: Range[],
  ) {
    super('striped transfer stopped');
  }
}

export async function runStriped(spec: StripedSpec): Promise<void> {
  const queue = pieces(holes(spec.done, spec.total), spec.plannedLanes ?? spec.lanes.length, spec.minPiece);
  const finished: Range[] = [...spec.done];
  const active = new Map<number, Range>();
  const current = () => normalize([...finished, ...active.values()]);
  let bytes = covered(spec.done);
  const stop = new AbortController();
  // Every pipe (two per lane) listens on it; more than Node's default ten is expected, not a leak.
  setMaxListeners(64, stop.signal);
  const onAbort = () => stop.abort();
  if (spec.signal?.aborted) stop.abort();
  else spec.signal?.addEventListener('abort', onAbort, { once: true });

  // In an object: TypeScript does not see the lanes' closures set it.
  const stopped: { failure?: { cause: unknown } } = {};
  let saving: Promise<void> | undefined;
  const firstSaved = spec.firstSaved ?? spec.save(current());
  if (spec.firstSaved) {
    firstSaved.catch((cause: unknown) => {
      stopped.failure ??= { cause };
      stop.abort();
    });
  } else {
    await firstSaved;
  }
  const timer = setInterval(() => {
    saving ??= spec
      .save(current())
      .catch(() => {})
      .finally(() => (saving = undefined));
  }, spec.saveEveryMs ?? 1000);

  let next = 0;
  const worker = async (pipe: LaneSpec) => {
    while (!stopped.failure && !stop.signal.aborted && next < queue.length) {
      const index = next++;
      const [start, end] = queue[index]!;
      let mark = start;
      active.set(index, [start, start]);
      try {
        await runPipe({
          ...pipe,
          start,
          total: end,
          signal: stop.signal,
          onAdvance: (watermark) => {
            bytes += watermark - mark;
            mark = watermark;
            active.set(index, [start, watermark]);
            spec.onProgress?.(bytes);
          },
        });
        active.delete(index);
        finished.push([start, end]);
      } catch (error) {
        const cause = error instanceof PipeError ? error.cause : error;
        if (error instanceof PipeError) active.set(index, [start, error.watermark]);
        // The first real error is the story; the other lanes only stopped because of it.
        const prior = stopped.failure as { cause: unknown } | undefined;
        if (!prior || (prior.cause === ABORTED && cause !== ABORTED)) stopped.failure = { cause };
        stop.abort();
      }
    }
  };
  // Two pipes per lane, each with half its window: while one drains the
  // tail of its piece (a round trip with little in flight), the other keeps
  // the channel full.
  const running = new Set<Promise<void>>();
  const lane = (pipe: LaneSpec) => {
    const half = (n: number) => Math.max(1, Math.ceil(n / 2));
    const shared: LaneSpec = { ...pipe, depth: half(pipe.depth), depthNow: pipe.depthNow && (() => half(pipe.depthNow!())) };
    for (let i = 0; i < 2; i++) {
      const run = worker(shared).finally(() => running.delete(run));
      running.add(run);
    }
  };
  // Lanes that open late join if work is left; nobody waits for one that is still opening.
  spec.laterLanes
    ?.then(async (later) => {
      await firstSaved;
      later.forEach(lane);
    })
    .catch(() => {});
  spec.lanes.forEach(lane);
  try {
    while (running.size > 0) await Promise.all(running);
  } finally {
    clearInterval(timer);
    spec.signal?.removeEventListener('abort', onAbort);
    await saving;
  }
  if (!stopped.failure && spec.signal?.aborted) stopped.failure = { cause: ABORTED };
  if (stopped.failure) {
    const done = current();
    await spec.save(done).catch(() => {});
    throw new StripedError(stopped.failure.cause, done);
  }
}
