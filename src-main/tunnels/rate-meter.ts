// Bytes per second from running totals: the bytes moved in the last
// WINDOW_MS, divided by the window. A smoothed average (what this was before)
// kept showing ~450 KiB/s more than a second after traffic stopped; a short
// window forgets old traffic completely once it slides past it.
//
// Samples come from the manager's timer. Reading changes nothing, but the
// figure is "as of now": the window slides with the clock even when no sample
// arrives, so a stalled timer decays the rate to 0 instead of freezing it.
export const WINDOW_MS = 750;
/** Below this much history the figure is a few bytes over a few ms: a spike, not a rate. */
const MIN_SPAN_MS = 200;

export interface Rates {
  rateIn: number;
  rateOut: number;
}

interface Sample {
  at: number;
  bytesIn: number;
  bytesOut: number;
}

export class RateMeter {
  /** Oldest first; exactly one sample at or before the window's start is kept as its base. */
  private samples: Sample[] = [];

  constructor(
    private readonly now: () => number = Date.now,
    private readonly windowMs = WINDOW_MS,
  ) {}

  /** Feeds the current totals; the first sample only sets where counting starts. */
  sample(bytesIn: number, bytesOut: number): void {
    const at = this.now();
    this.samples.push({ at, bytesIn, bytesOut });
    while (this.samples.length > 1 && this.samples[1]!.at <= at - this.windowMs) this.samples.shift();
  }

  /** Bytes per second over the window ending now; reading changes nothing. */
  rate(): Rates {
    const last = this.samples.at(-1);
    if (!last) return { rateIn: 0, rateOut: 0 };
    const now = this.now();
    const start = now - this.windowMs;
    // The totals as they stood when the window opened: the newest sample at or before it,
    // or, while the meter is younger than the window, its first sample.
    let base = this.samples[0]!;
    for (const s of this.samples) if (s.at <= start) base = s;
    const span = Math.min(this.windowMs, now - base.at);
    if (base === last || span < MIN_SPAN_MS) return { rateIn: 0, rateOut: 0 };
    return { rateIn: ((last.bytesIn - base.bytesIn) * 1000) / span, rateOut: ((last.bytesOut - base.bytesOut) * 1000) / span };
  }
}
