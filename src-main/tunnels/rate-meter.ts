// Bytes per second from running totals, smoothed so the panel's figure does
// not jump with every sample.
const MIN_INTERVAL_MS = 250;
const WEIGHT = 0.5;

export class RateMeter {
  private last: { at: number; bytesIn: number; bytesOut: number } | null = null;
  private rate = { rateIn: 0, rateOut: 0 };

  constructor(private readonly now: () => number = Date.now) {}

  /** Feeds the current totals; returns the smoothed rates. */
  sample(bytesIn: number, bytesOut: number): { rateIn: number; rateOut: number } {
    const at = this.now();
    if (!this.last) {
      this.last = { at, bytesIn, bytesOut };
      return this.rate;
    }
    const ms = at - this.last.at;
    if (ms < MIN_INTERVAL_MS) return this.rate;
    const rateIn = ((bytesIn - this.last.bytesIn) * 1000) / ms;
    const rateOut = ((bytesOut - this.last.bytesOut) * 1000) / ms;
    this.rate = { rateIn: this.rate.rateIn * (1 - WEIGHT) + rateIn * WEIGHT, rateOut: this.rate.rateOut * (1 - WEIGHT) + rateOut * WEIGHT };
    this.last = { at, bytesIn, bytesOut };
    return this.rate;
  }
}
