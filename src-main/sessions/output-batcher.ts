// Coalesces a session's output before it crosses to the renderer: one event
// per ssh2 chunk (16–32 KiB each, hundreds a second in a flood) cost more in
// IPC, framing and acks than xterm.js spent drawing. Latency first, batching
// under load: a chunk that arrives when the line has been quiet goes out at
// once (a keystroke's echo), anything that follows it within FLUSH_MS waits
// for the timer or for the batch to reach MAX_BATCH, unless the renderer is
// about to run dry (`hungry`): then waiting would leave xterm.js idle, and on
// a loaded machine the timer fires late (tens of ms), so the batch goes now.

/** Quiet for this long: the next chunk is sent at once, not batched. */
export const QUIET_MS = 4;
/** Under load, a batch waits at most this long (about half a frame). */
export const FLUSH_MS = 8;
/** A batch this large goes out at once. */
export const MAX_BATCH = 256 * 1024;

export class OutputBatcher {
  private chunks: Uint8Array[] = [];
  private size = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastSent = -Infinity;

  constructor(
    private readonly send: (bytes: Uint8Array) => void,
    private readonly now: () => number = () => performance.now(),
    /** The renderer has little left to draw: what is batched should go now. */
    private readonly hungry: () => boolean = () => false,
  ) {}

  /** Bytes taken but not yet sent. */
  get pending(): number {
    return this.size;
  }

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.size += chunk.length;
    if (this.size >= MAX_BATCH || this.hungry()) return this.flush();
    if (this.timer) return;
    if (this.now() - this.lastSent >= QUIET_MS) return this.flush();
    this.timer = setTimeout(() => this.flush(), FLUSH_MS);
  }

  /** Sends whatever is waiting, as one event. */
  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.size === 0) return;
    const bytes = join(this.chunks, this.size);
    this.chunks = [];
    this.size = 0;
    this.lastSent = this.now();
    this.send(bytes);
  }

  /** Drops what was waiting (the session ended) and stops the timer. */
  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.chunks = [];
    this.size = 0;
  }
}

/**
 * One exactly-sized array of its own: a structured clone copies a view's whole
 * ArrayBuffer, and ssh2's chunks (or Node's pooled small Buffers) share larger ones.
 */
function join(chunks: Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
