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
/**
 * Never less than this per stage: the round trip to the renderer must not
 * starve it. The floors bind only on text drawn slower than ~0.3 MB/s (`yes`
 * on a loaded machine drew at 0.1–0.4 MB/s), where 32 KiB + 64 KiB of floor
 * plus main's stream were 0.3–0.7 s ahead of the prompt after Ctrl+C; half
 * of each is still more than such a renderer draws in an ack's round trip.
 */
export const MIN_BUDGET = 16 * 1024;
/** A rate sample spans at least this long (acks come in bursts, one per frame). */
export const SAMPLE_MS = 100;
/** Drawing time the renderer's queue (sent, not yet drawn) may hold before the channel pauses. */
export const QUEUE_MS = 100;
/**
 * Never less queue than this: the channel resumes at half of it, and what is
 * left must keep the renderer busy while the ack travels to main and the next
 * batch comes back (16 KiB is 40 ms and more of the slow text this floor is for).
 */
export const MIN_QUEUE = 32 * 1024;
/**
 * Until the first rate sample, a stage holds at most this. At each stage's
 * maximum (512 KiB of window, 256 KiB of queue), the first `yes` of a new
 * session put 540 KiB in main's stream on top of the queue, and a Ctrl+C a
 * second in waited 1.7 s for it to be drawn (bench renderer, BENCH_RENDERER_ONLY=ctrlc).
 * Fast text is measured within a sample or two and then gets its full size.
 */
export const START_BYTES = 128 * 1024;

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
    // Down at once (slow text after fast: what is queued must be drawn before the next prompt), up by halves.
    this.rate = this.rate === null || rate < this.rate ? rate : (this.rate + rate) / 2;
    this.sampleStart = now;
    this.sampled = 0;
  }

  /** Whether the renderer's drawing rate has been measured yet. */
  get measured(): boolean {
    return this.rate !== null;
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
    if (this.rate === null) return Math.min(max, START_BYTES);
    return Math.round(Math.min(max, Math.max(Math.min(floor, max), this.rate * ms)));
  }
}
