// The pipelined copy loop shared by uploads and downloads. SFTP is
// request/response, so one request at a time leaves the link idle for a round
// trip per chunk; keeping many reads or writes in flight is what makes it fast.
//
// Invariants that make resuming safe:
// - writes are *issued* in offset order, so a server that handles requests in
//   order (OpenSSH does: sftp-server is one loop over its input) always holds
//   a prefix of the file, even if the connection drops mid-flight;
// - on any failure we wait for issued writes to settle and report the
//   contiguous end ("watermark"), so the caller can cut the sink to exactly
//   the bytes known to be good;
// - memory is bounded: a chunk holds a buffer from read until its write is
//   acknowledged, and at most `maxChunks` chunks exist at once.

export interface PipeSpec {
  start: number;
  total: number;
  chunkSize: number;
  /** Reads in flight at once. */
  depth: number;
  /** When given, asked before each round of reads instead of `depth`: a window that grows with the link (request-window.ts). */
  depthNow?(): number;
  /**
   * Chunks held at once (read in flight, waiting, or write in flight); default
   * 2 × depth, so reads go on while a slow write holds a batch.
   */
  maxChunks?: number;
  /** Writes in flight at once (1 for a local file keeps it a prefix at all times). */
  writeDepth: number;
  /** Must fill `buffer` with exactly `buffer.length` bytes from `offset`, or reject. */
  read(buffer: Buffer, offset: number): Promise<void>;
  /** Writes consecutive chunks that together start at `offset`. */
  write(buffers: Buffer[], offset: number): Promise<void>;
  /** Ready chunks handed to one write call at most (a local writev saves a thread-pool hop per chunk). */
  writeBatch?: number;
  /** Called each time more bytes are durably in order at the sink. */
  onAdvance?(watermark: number): void;
  signal?: AbortSignal;
  /** How long a failed pipe waits for writes already issued (a hung link never answers). */
  drainMs?: number;
}

export class PipeError extends Error {
  constructor(
    override readonly cause: unknown,
    /** Every byte before this offset is at the sink, in order. */
    readonly watermark: number,
    /** False when writes never settled: the sink may still change. */
    readonly settled: boolean,
  ) {
    super('transfer stopped');
  }
}

/** Marks the abort reason, so callers can tell a cancel from a failure. */
export const ABORTED = Symbol('aborted');

/** Resolves when [start, total) is at the sink; rejects with a PipeError. */
export function runPipe(spec: PipeSpec): Promise<void> {
  return new Promise((resolve, reject) => new Pipe(spec, resolve, reject).pump());
}

class Pipe {
  private nextRead: number;
  private nextWrite: number;
  private watermark: number;
  private chunks = 0;
  private reading = 0;
  private writes = 0;
  /** Read and waiting for their turn to be written, by offset. */
  private readonly ready = new Map<number, Buffer>();
  /** Writes issued, in offset order, until the watermark passes them. */
  private readonly issued: { end: number; done: boolean }[] = [];
  private readonly spare: Buffer[] = [];
  /** Every chunk but the last is full size, so one size fits all; a small file gets a small buffer. */
  private readonly bufferSize: number;
  private failure: { cause: unknown } | undefined;
  private drainTimer: NodeJS.Timeout | undefined;
  private readonly onAbort = () => this.fail(ABORTED);

  constructor(
    private readonly spec: PipeSpec,
    private readonly resolve: () => void,
    private readonly reject: (error: PipeError) => void,
  ) {
    this.nextRead = this.nextWrite = this.watermark = spec.start;
    this.bufferSize = Math.max(1, Math.min(spec.chunkSize, spec.total - spec.start));
    if (spec.signal?.aborted) this.failure = { cause: ABORTED };
    else spec.signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  pump(): void {
    if (this.failure) return this.settleFailure();
    const { total, chunkSize } = this.spec;
    const depth = this.spec.depthNow?.() ?? this.spec.depth;
    const maxChunks = Math.max(depth, this.spec.maxChunks ?? 2 * depth);
    while (this.reading < depth && this.chunks < maxChunks && this.nextRead < total) {
      const offset = this.nextRead;
      const length = Math.min(chunkSize, total - offset);
      this.nextRead += length;
      this.chunks++;
      this.reading++;
      const buffer = this.buffer(length);
      this.spec.read(buffer, offset).then(
        () => this.onRead(offset, buffer),
        (error: unknown) => this.fail(error),
      );
    }
    if (this.watermark === total) this.finish();
  }

  private buffer(length: number): Buffer {
    const reused = this.spare.pop();
    if (reused && reused.length >= length) return reused.subarray(0, length);
    // allocUnsafeSlow: a buffer of its own, never a slice of Node's shared pool.
    return Buffer.allocUnsafeSlow(this.bufferSize).subarray(0, length);
  }

  private onRead(offset: number, buffer: Buffer): void {
    this.reading--;
    // After a failure late reads are dropped: their bytes may not be written.
    if (this.failure) return;
    this.ready.set(offset, buffer);
    this.issueWrites();
    this.pump();
  }

  private issueWrites(): void {
    while (this.writes < this.spec.writeDepth) {
      const batch = this.takeReady();
      if (batch.length === 0) return;
      const offset = this.nextWrite;
      const slot = { end: offset + batch.reduce((n, b) => n + b.length, 0), done: false };
      this.issued.push(slot);
      this.writes++;
      this.nextWrite = slot.end;
      this.spec.write(batch, offset).then(
        () => this.onWritten(slot, batch),
        (error: unknown) => {
          this.writes--;
          if (this.failure) this.settleFailure();
          else this.fail(error);
        },
      );
    }
  }

  /** The run of ready chunks starting at nextWrite, up to writeBatch of them. */
  private takeReady(): Buffer[] {
    const batch: Buffer[] = [];
    for (let at = this.nextWrite; batch.length < (this.spec.writeBatch ?? 1); ) {
      const buffer = this.ready.get(at);
      if (!buffer) break;
      this.ready.delete(at);
      batch.push(buffer);
      at += buffer.length;
    }
    return batch;
  }

  private onWritten(slot: { done: boolean }, batch: Buffer[]): void {
    this.writes--;
    this.chunks -= batch.length;
    slot.done = true;
    const before = this.watermark;
    while (this.issued[0]?.done) this.watermark = this.issued.shift()!.end;
    if (this.watermark !== before) this.spec.onAdvance?.(this.watermark);
    // Give the whole underlying allocations back, not the trimmed views.
    for (const b of batch) this.spare.push(Buffer.from(b.buffer, b.byteOffset, this.bufferSize));
    if (this.failure) return this.settleFailure();
    this.issueWrites();
    this.pump();
  }

  private fail(cause: unknown): void {
    if (this.failure) return;
    this.failure = { cause };
    this.ready.clear();
    this.settleFailure();
  }

  /** Rejects once no write is in flight, or after drainMs if the link has hung. */
  private settleFailure(): void {
    if (this.writes === 0) return this.done(() => this.reject(new PipeError(this.failure!.cause, this.watermark, true)));
    this.drainTimer ??= setTimeout(() => this.done(() => this.reject(new PipeError(this.failure!.cause, this.watermark, false))), this.spec.drainMs ?? 10_000);
  }

  private finish(): void {
    this.done(this.resolve);
  }

  private settled = false;
  private done(then: () => void): void {
    if (this.settled) return;
    this.settled = true;
    clearTimeout(this.drainTimer);
    this.spec.signal?.removeEventListener('abort', this.onAbort);
    then();
  }
}
