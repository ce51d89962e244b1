// How much of a terminal's output may be on its way to the screen at once,
// sized in drawing time, not bytes. Everything in flight when the user
// presses Ctrl+C is drawn before the prompt that follows, and xterm.js draws
// `yes` (2 bytes a line) at about 1 MB/s but base64 at 20 MB/s: a fixed
// 256 KiB + 512 KiB was 0.7 s of `yes` to scroll through, yet a smaller fixed
// budget would starve fast text. So the renderer's drawing rate is measured
// while it is the bottleneck (the channel paused, output waiting for it), and
// the server's window may hold about BUDGET_MS of drawing, between a floor and
// its own maximum. Main's unacknowledged bytes (the renderer's queue) are
// sized the same way, from QUEUE_MS and a floor of their own: at a fixed
// 256 KiB they were a quarter second of `yes` ahead of every prompt after
// Ctrl+C. Sized from a rate measured while the renderer sat idle, they once
// starved it (its idle time lowered the rate, which shrank the queue, which
// made it idle more), so a sample only counts while the renderer still has
// undrawn bytes after the ack (see `drew`), and the floor covers a round trip.

/** Drawing time each stage may hold once the rate is known. */
export const BUDGET_MS = 80;
/** Never less than this per stage: the round trip to the renderer must not starve it. */
export const MIN_BUDGET = 32 * 1024;
/** A rate sample spans at least this long (acks come in bursts, one per frame). */
export const SAMPLE_MS = 100;
/** Drawing time the renderer's queue (sent, not yet drawn) may hold before the channel pauses. */
export const QUEUE_MS = 100;
/**
 * Never less queue than this: the channel resumes at half of it, and what is
 * left must keep the renderer busy while the ack travels to main and the next
 * batch comes back (two of the renderer's 32 KiB write slices).
 */
export const MIN_QUEUE = 64 * 1024;

export class FlowBudget {
  /** Bytes drawn per millisecond while the renderer was behind, or null before the first sample. */
  private rate: number | null = null;
  private sampleStart: number | null = null;
  private sampled = 0;

  constructor(private readonly now: () => number = () => performance.now()) {}

  /**
   * The renderer drew `bytes`. `behind`: output was waiting for it the whole
   * time (the channel is paused and the renderer still has undrawn bytes
   * after this ack), so this is its drawing rate, not the rate the server
   * happens to send at nor time it spent waiting for us; only then does it count.
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
    return this.sized(max, MIN_BUDGET, BUDGET_MS);
  }

  /** How many unacknowledged bytes the renderer's queue may hold (at most `max`) before the channel pauses. */
  queue(max: number): number {
    return this.sized(max, MIN_QUEUE, QUEUE_MS);
  }

  private sized(max: number, floor: number, ms: number): number {
    if (this.rate === null) return max;
    return Math.round(Math.min(max, Math.max(Math.min(floor, max), this.rate * ms)));
  }
}
