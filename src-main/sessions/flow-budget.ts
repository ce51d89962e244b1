// How much of a terminal's output may be on its way to the screen at once,
// sized in drawing time, not bytes. Everything in flight when the user
// presses Ctrl+C is drawn before the prompt that follows, and xterm.js draws
// `yes` (2 bytes a line) at about 1 MB/s but base64 at 20 MB/s: a fixed
// 256 KiB + 512 KiB was 0.7 s of `yes` to scroll through, yet a smaller fixed
// budget would starve fast text. So the renderer's drawing rate is measured
// while it is the bottleneck (the channel paused, output waiting for it), and
// the server's window may hold about BUDGET_MS of drawing, between a floor and
// its own maximum. (Main's unacknowledged bytes stay fixed: sized this way they
// starved the renderer whenever the round trip to it was longer than the budget.)

/** Drawing time each stage may hold once the rate is known. */
export const BUDGET_MS = 80;
/** Never less than this per stage: the round trip to the renderer must not starve it. */
export const MIN_BUDGET = 32 * 1024;
/** A rate sample spans at least this long (acks come in bursts, one per frame). */
export const SAMPLE_MS = 100;

export class FlowBudget {
  /** Bytes drawn per millisecond while the renderer was behind, or null before the first sample. */
  private rate: number | null = null;
  private sampleStart: number | null = null;
  private sampled = 0;

  constructor(private readonly now: () => number = () => performance.now()) {}

  /**
   * The renderer drew `bytes`. `behind`: output was waiting for it the whole
   * time (the channel is paused), so this is its drawing rate, not the rate
   * the server happens to send at; only then does it count.
   */
  drew(bytes: number, behind: boolean): void {
    const now = this.now();
    if (!behind) {
      this.sampleStart = null;
      return;
    }
    if (this.sampleStart === null) {
      // The first ack of a busy spell only marks its start: what it reports was drawn before.
      this.sampleStart = now;
      this.sampled = 0;
      return;
    }
    this.sampled += bytes;
    const elapsed = now - this.sampleStart;
    if (elapsed < SAMPLE_MS) return;
    const rate = this.sampled / elapsed;
    this.rate = this.rate === null ? rate : (this.rate + rate) / 2;
    this.sampleStart = now;
    this.sampled = 0;
  }

  /** What a stage whose own limit is `max` may hold now. */
  bytes(max: number): number {
    if (this.rate === null) return max;
    return Math.round(Math.min(max, Math.max(MIN_BUDGET, this.rate * BUDGET_MS)));
  }
}
