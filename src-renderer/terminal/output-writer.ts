// Feeds one session's output to its xterm.js terminal and tells main what has
// been drawn, in batches, with how fast this terminal draws. Main sizes how
// much output it lets through from that rate (terminal-session.ts): a fixed
// window small enough for a quick Ctrl+C during `yes` (two bytes a line, slow
// to draw) starved xterm.js on base64 or `seq`, which it draws ten to twenty
// times faster, whenever the round trip to main took longer than the window
// lasted. The rate is measured here, over the time xterm.js had output waiting,
// so a page starved by the round trip does not report itself as slow.

/**
 * xterm.js parses one write() without yielding; its write queue yields
 * between writes once a frame's budget is spent. Main's batches reach 256 KiB,
 * so they are handed over in slices this big, or a click or a key waits for
 * a whole batch to be parsed.
 */
export const WRITE_SLICE = 32 * 1024;
/** Acks go out at once past this many drawn bytes, so main's window never stalls a flood. */
export const ACK_EVERY = 64 * 1024;
/** A rate sample spans at least this much busy time (slices finish in bursts, one burst per task). */
export const RATE_SAMPLE_MS = 50;
/** …and this many bytes: a keystroke's echo says nothing about how fast a flood draws. */
export const RATE_SAMPLE_BYTES = 64 * 1024;

export interface OutputWriterDeps {
  /** Hands bytes to xterm.js; `parsed` runs once it has parsed them. */
  write(data: Uint8Array, parsed: () => void): void;
  /** Tells main: `bytes` more were drawn; `rate` (bytes per ms) once known. */
  ack(bytes: number, rate: number | undefined): void;
  now(): number;
  /** Runs `task` soon, after the current one (setTimeout 0). */
  defer(task: () => void): void;
}

/**
 * Drawing rate: bytes parsed per millisecond of wall time during which
 * xterm.js had output queued (its frames and timers included, idle gaps not).
 */
export class DrawRate {
  private busySince: number | null = null;
  private busyMs = 0;
  private bytes = 0;
  private estimate: number | undefined;

  /** Bytes per ms, or undefined before the first full sample. */
  get rate(): number | undefined {
    return this.estimate;
  }

  /** Output was queued while none was (the clock starts). */
  busy(now: number): void {
    this.busySince ??= now;
  }

  /** `bytes` were parsed; `idle`: nothing is queued any more (the clock stops). */
  parsed(bytes: number, now: number, idle: boolean): void {
    if (this.busySince === null) return;
    this.bytes += bytes;
    this.busyMs += now - this.busySince;
    this.busySince = idle ? null : now;
    if (this.busyMs < RATE_SAMPLE_MS || this.bytes < RATE_SAMPLE_BYTES) return;
    const sample = this.bytes / this.busyMs;
    // Down at once: after base64 (2 MiB of queue) a `yes` must not queue seconds of drawing ahead of a Ctrl+C.
    // Up by halves: one fast sample does not open the queue wide.
    this.estimate = this.estimate === undefined || sample < this.estimate ? sample : (this.estimate + sample) / 2;
    this.busyMs = 0;
    this.bytes = 0;
  }
}

export class OutputWriter {
  private queued = 0;
  private unacked = 0;
  private ackPlanned = false;
  private readonly drawRate = new DrawRate();

  constructor(private readonly deps: OutputWriterDeps) {}

  /** Bytes handed to xterm.js and not parsed yet. */
  get pending(): number {
    return this.queued;
  }

  get rate(): number | undefined {
    return this.drawRate.rate;
  }

  push(data: Uint8Array): void {
    if (data.length === 0) return;
    if (this.queued === 0) this.drawRate.busy(this.deps.now());
    this.queued += data.length;
    for (let at = 0; at < data.length; at += WRITE_SLICE) {
      const slice = data.subarray(at, at + WRITE_SLICE);
      this.deps.write(slice, () => this.parsed(slice.length));
    }
  }

  private parsed(bytes: number): void {
    this.queued -= bytes;
    this.drawRate.parsed(bytes, this.deps.now(), this.queued === 0);
    this.unacked += bytes;
    // All the callbacks xterm.js runs in one task make one ack; a flood acks every ACK_EVERY bytes.
    if (this.unacked >= ACK_EVERY) return this.sendAck();
    if (this.ackPlanned) return;
    this.ackPlanned = true;
    this.deps.defer(() => {
      this.ackPlanned = false;
      this.sendAck();
    });
  }

  private sendAck(): void {
    const bytes = this.unacked;
    if (bytes === 0) return;
    this.unacked = 0;
    this.deps.ack(bytes, this.drawRate.rate);
  }
}
