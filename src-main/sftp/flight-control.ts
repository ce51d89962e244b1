// How many files of a tree are in flight at once. A small file costs round
// trips, not bytes, so on a long link throughput grows with the files in
// flight until something else (CPU, the server, the link's bandwidth) is the
// limit; on loopback the CPU is the limit from the start and more in flight
// only costs memory. So the number is found, not fixed: it doubles while
// throughput rises, steps back when a step brought nothing, and now and then
// probes upward again in case the link changed.

export interface FlightOptions {
  /** Files in flight at the start. */
  initial: number;
  /** Never more than this (the server's open-handle limit, memory). */
  max: number;
  /** Never fewer than this (default 1). */
  min?: number;
}

/** A step up is kept only if it raised throughput by at least this much. */
export const GAIN = 0.1;
/** A doubling that raised throughput this much (round trips are all that limit it) is followed by a quadrupling: fewer steps to the top on a long link. */
const STEEP = 1.6;
/** Held epochs between probes upward. */
export const PROBE_EVERY = 8;
/** An epoch is at least this many completions, so tiny windows do not measure noise. */
const MIN_EPOCH = 8;

type Phase = 'settle' | 'measure';

/**
 * Fed each finished file's work and the time; says how many files may be in
 * flight. Each limit is measured over one epoch (as many completions as the
 * limit) after one epoch of settling, because files started under the old
 * limit still finish at the old pace.
 */
export class FlightControl {
  private current: number;
  private readonly max: number;
  private readonly min: number;
  private phase: Phase = 'settle';
  private count = 0;
  private units = 0;
  private startedAt = 0;
  /** The limit before the step being tried, and the rate measured there; null when holding. */
  private trial: { from: number; rate: number } | null = null;
  /** Rate at the limit being held, and how many epochs it has been held. */
  private held: { rate: number; epochs: number } | null = null;

  constructor(opts: FlightOptions) {
    this.min = Math.max(1, Math.floor(opts.min ?? 1));
    this.max = Math.max(this.min, Math.floor(opts.max));
    this.current = clamp(Math.floor(opts.initial), this.min, this.max);
  }

  limit(): number {
    return this.current;
  }

  /** One file finished: `units` of work (see tree-transfer: bytes plus a per-file cost), at `now` ms. */
  done(units: number, now: number): void {
    this.count++;
    this.units += units;
    const epoch = Math.max(MIN_EPOCH, this.current);
    if (this.phase === 'settle') {
      if (this.count >= epoch) this.begin('measure', now);
      return;
    }
    if (this.count < epoch) return;
    const rate = this.units / Math.max(now - this.startedAt, 0.001);
    this.decide(rate);
    this.begin(this.phase, now);
  }

  private decide(rate: number): void {
    if (this.trial) {
      const { from, rate: before } = this.trial;
      this.trial = null;
      if (rate >= before * (1 + GAIN)) return this.stepUp(rate, rate >= before * STEEP ? 4 : 2);
      // The step brought nothing worth its memory and server load: go back and hold.
      this.held = { rate: before, epochs: 0 };
      this.set(from);
      return;
    }
    if (!this.held) return this.stepUp(rate, 2);
    this.held.rate = rate;
    if (++this.held.epochs >= PROBE_EVERY) this.stepUp(rate, 1.5);
  }

  private stepUp(rate: number, factor: number): void {
    const next = Math.min(this.max, Math.ceil(this.current * factor));
    if (next === this.current) {
      this.held = { rate, epochs: 0 };
      this.phase = 'measure';
      return;
    }
    this.trial = { from: this.current, rate };
    this.held = null;
    this.set(next);
  }

  private set(limit: number): void {
    this.current = clamp(limit, this.min, this.max);
    this.phase = 'settle';
  }

  private begin(phase: Phase, now: number): void {
    this.phase = phase;
    this.count = 0;
    this.units = 0;
    this.startedAt = now;
  }
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, n));
}

export interface AdaptiveSpec<T> {
  /** Files in flight, asked before each start. */
  limit(): number;
  /** Bytes an item holds while in flight; items start only while the sum stays within `budget` (one always may). */
  weight(item: T): number;
  budget: number;
  each(item: T): Promise<void>;
  /** Called as each item finishes well. */
  finished?(item: T): void;
}

/**
 * Like forEachLimit (pool.ts) with a limit that may change as items finish
 * and a memory budget: stops starting new items after the first failure and
 * rejects with it once the running ones have finished, so nothing still
 * touches files when the caller hears of it.
 */
export function forEachAdaptive<T>(items: readonly T[], spec: AdaptiveSpec<T>): Promise<void> {
  return new Promise((resolve, reject) => {
    let next = 0;
    let active = 0;
    let weight = 0;
    let failure: { error: unknown } | undefined;
    const pump = () => {
      while (!failure && next < items.length && active < Math.max(1, spec.limit())) {
        const item = items[next]!;
        const w = spec.weight(item);
        if (active > 0 && weight + w > spec.budget) break;
        next++;
        active++;
        weight += w;
        spec.each(item).then(
          () => {
            active--;
            weight -= w;
            spec.finished?.(item);
            pump();
          },
          (error: unknown) => {
            active--;
            weight -= w;
            failure ??= { error };
            pump();
          },
        );
      }
      if (active > 0) return;
      if (failure) reject(failure.error);
      else if (next >= items.length) resolve();
    };
    pump();
  });
}
