// Bytes per second from running totals, smoothed so the panel's figure does
// not jump with every sample. Samples come from a timer, never from reading:
// a figure that moved whenever someone looked would depend on how often the
// panel asks, and once traffic stops it decays only because samples go on.
const MIN_INTERVAL_MS = 250;
const WEIGHT = 0.5;

export interface Rates {
  rateIn: number;
  rateOut: number;
}

export class RateMeter {
  private last: { at: number; bytesIn: number; bytesOut: number } | null = null;
  private current: Rates = { rateIn: 0, rateOut: 0 };

  constructor(private readonly now: () => number = Date.now) {}

  /** Feeds the current totals; the first sample only sets where counting starts. */
  sample(bytesIn: number, bytesOut: number): void {
    const at = this.now();
    if (!this.last) {
      this.last = { at, bytesIn, bytesOut };
      return;
    }
    const ms = at - this.last.at;
    // Too close to the last sample: a few bytes over a few ms would read as a spike.
    if (ms < MIN_INTERVAL_MS) return;
    const rateIn = ((bytesIn - this.last.bytesIn) * 1000) / ms;
    const rateOut = ((bytesOut - this.last.bytesOut) * 1000) / ms;
    this.current = { rateIn: this.current.rateIn * (1 - WEIGHT) + rateIn * WEIGHT, rateOut: this.current.rateOut * (1 - WEIGHT) + rateOut * WEIGHT };
    this.last = { at, bytesIn, bytesOut };
  }

  /** The smoothed rates as of the last sample; reading changes nothing. */
  rate(): Rates {
    return { ...this.current };
  }
}
