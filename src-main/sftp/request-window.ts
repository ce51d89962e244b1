// How many SFTP requests to keep in flight on one channel. Enough to cover
// the bandwidth-delay product, and no more: on a long link a fixed window
// caps a channel at window ÷ RTT, while on loopback a larger one only costs
// memory. So it starts at the loopback-tuned depth and, measuring throughput
// over epochs of a couple of round trips (the round trip read off request
// timing), grows while each step up still buys more throughput; once a few
// steps in a row buy nothing it goes back to the smallest depth that moved
// (nearly) as much as the best: requests beyond that only queue up behind the
// real bottleneck (measured on a busy machine, six lanes left at their largest
// depth waited 650 ms per request on a 50 ms link), holding memory for nothing.
// Pure: the caller reports each request's timing.

export interface RequestWindowOptions {
  /** Requests in flight to start with (the loopback figure). */
  initial: number;
  /** Never more than this (memory, and the channel window the server grants). */
  max: number;
  /** A step up counts as a gain when throughput rises by this fraction. */
  gain?: number;
}

/** Settling picks the smallest depth whose throughput was within this fraction of the best. */
const NEAR_BEST = 0.03;

export class RequestWindow {
  private current: number;
  private minRttMs = Infinity;
  private epochStart = -1;
  private epochBytes = 0;
  private epochCount = 0;
  private best = 0;
  private misses = 0;
  private settled = false;
  /** The best throughput measured at each depth tried. */
  private readonly rates = new Map<number, number>();

  constructor(private readonly options: RequestWindowOptions) {
    this.current = Math.max(1, Math.min(options.initial, options.max));
  }

  depth(): number {
    return this.current;
  }

  /** The shortest request round trip seen, ms (Infinity before the first). */
  rttMs(): number {
    return this.minRttMs;
  }

  /** A request of `bytes` was sent at `sentAt` and answered at `doneAt` (ms on one clock). */
  sample(bytes: number, sentAt: number, doneAt: number): void {
    this.minRttMs = Math.min(this.minRttMs, doneAt - sentAt);
    if (this.settled) return;
    if (this.epochStart < 0) this.epochStart = sentAt;
    this.epochBytes += bytes;
    this.epochCount++;
    // An epoch spans at least two round trips and a full window of answers,
    // so it sees the window's throughput, not its start-up.
    const span = doneAt - this.epochStart;
    if (span < Math.max(2 * this.minRttMs, 20) || this.epochCount < 2 * this.current) return;
    const rate = this.epochBytes / span;
    this.epochStart = doneAt;
    this.epochBytes = 0;
    this.epochCount = 0;
    this.rates.set(this.current, Math.max(rate, this.rates.get(this.current) ?? 0));
    if (rate > this.best * (1 + (this.options.gain ?? 0.1))) {
      this.best = rate;
      this.misses = 0;
      this.current = Math.min(this.options.max, Math.ceil(this.current * 1.5));
    } else if (++this.misses >= 3) {
      this.settled = true;
      this.current = this.smallestNearBest();
    }
  }

  private smallestNearBest(): number {
    const top = Math.max(...this.rates.values());
    const near = [...this.rates].filter(([, rate]) => rate >= top * (1 - NEAR_BEST)).map(([depth]) => depth);
    return Math.min(...near);
  }
}
