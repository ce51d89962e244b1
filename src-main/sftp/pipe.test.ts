// The pipelined copy loop on its own, with fake ends whose timing the test
// controls: ordering, memory bound, failure watermark, cancel.
import { describe, expect, it } from 'vitest';
import { ABORTED, PipeError, runPipe, type PipeSpec } from './pipe';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A source of bytes (offset mod 251) and a sink that records every write. */
function fakes(total: number, opts: { readDelay?: (offset: number) => number; failWriteAt?: number; hangWriteAt?: number } = {}) {
  const sink = Buffer.alloc(total);
  const writes: number[] = [];
  let live = 0;
  let maxLive = 0;
  const spec: Omit<PipeSpec, 'depth' | 'writeDepth'> = {
    start: 0,
    total,
    chunkSize: 10,
    read: async (buffer, offset) => {
      live++;
      maxLive = Math.max(maxLive, live);
      await tick(opts.readDelay?.(offset) ?? 0);
      for (let i = 0; i < buffer.length; i++) buffer[i] = (offset + i) % 251;
    },
    write: async ([buffer], offset) => {
      writes.push(offset);
      if (offset === opts.hangWriteAt) return new Promise(() => {});
      // Later writes finish first, to prove the watermark only counts a prefix.
      await tick(offset === opts.failWriteAt ? 5 : 1);
      if (offset === opts.failWriteAt) throw new Error('disk full');
      buffer!.copy(sink, offset);
      live--;
    },
  };
  return { spec, sink, writes, maxLive: () => maxLive };
}

const expected = (total: number) => Buffer.from(Array.from({ length: total }, (_, i) => i % 251));

describe('runPipe', () => {
  it('copies everything, writing in offset order even when reads finish out of order', async () => {
    const f = fakes(1005, { readDelay: (offset) => (offset % 30 === 0 ? 6 : 0) });
    const seen: number[] = [];
    await runPipe({ ...f.spec, depth: 8, writeDepth: 1, onAdvance: (w) => seen.push(w) });
    expect(f.sink.equals(expected(1005))).toBe(true);
    expect(f.writes).toEqual([...f.writes].sort((a, b) => a - b));
    expect(seen.at(-1)).toBe(1005);
    expect(f.maxLive()).toBeLessThanOrEqual(16);
  });

  it('keeps reading while a slow write holds chunks, but never holds more than maxChunks', async () => {
    let reading = 0;
    let readsDuringWrite = 0;
    let writing = false;
    let held = 0;
    let maxHeld = 0;
    const sink = Buffer.alloc(400);
    await runPipe({
      start: 0,
      total: 400,
      chunkSize: 10,
      depth: 4,
      maxChunks: 12,
      writeDepth: 1,
      writeBatch: 4,
      read: async (buffer, offset) => {
        held++;
        maxHeld = Math.max(maxHeld, held);
        if (writing) readsDuringWrite++;
        reading++;
        await tick(0);
        reading--;
        for (let i = 0; i < buffer.length; i++) buffer[i] = (offset + i) % 251;
      },
      write: async (buffers, offset) => {
        writing = true;
        await tick(5);
        writing = false;
        Buffer.concat(buffers).copy(sink, offset);
        held -= buffers.length;
      },
    });
    expect(sink.equals(expected(400))).toBe(true);
    expect(readsDuringWrite).toBeGreaterThan(0);
    // More than `depth` held means reads went on past the batch being written.
    expect(maxHeld).toBeGreaterThan(4);
    expect(maxHeld).toBeLessThanOrEqual(12);
    expect(reading).toBe(0);
  });

  it('starts at `start` and never touches bytes before it', async () => {
    const f = fakes(100);
    await runPipe({ ...f.spec, start: 35, depth: 4, writeDepth: 4 });
    expect(f.writes[0]).toBe(35);
    expect(f.sink.subarray(0, 35).every((b) => b === 0)).toBe(true);
  });

  it('on a failed write, waits for the others and reports the contiguous prefix', async () => {
    const f = fakes(200, { failWriteAt: 50 });
    const error = (await runPipe({ ...f.spec, depth: 8, writeDepth: 8 }).catch((e: unknown) => e)) as PipeError;
    expect(error).toBeInstanceOf(PipeError);
    expect((error.cause as Error).message).toBe('disk full');
    expect(error.watermark).toBe(50);
    expect(error.settled).toBe(true);
  });

  it('cancel stops issuing and reports ABORTED with the prefix so far', async () => {
    const f = fakes(10_000);
    const abort = new AbortController();
    const error = (await runPipe({ ...f.spec, depth: 4, writeDepth: 1, signal: abort.signal, onAdvance: (w) => w >= 300 && abort.abort() }).catch((e: unknown) => e)) as PipeError;
    expect(error.cause).toBe(ABORTED);
    expect(error.watermark).toBeGreaterThanOrEqual(300);
    expect(error.watermark).toBeLessThan(400);
    expect(f.sink.subarray(0, error.watermark).equals(expected(error.watermark))).toBe(true);
  });

  it('does not wait forever for a write that never answers', async () => {
    const f = fakes(100, { hangWriteAt: 20 });
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 20);
    const error = (await runPipe({ ...f.spec, depth: 4, writeDepth: 4, signal: abort.signal, drainMs: 50 }).catch((e: unknown) => e)) as PipeError;
    expect(error.settled).toBe(false);
    expect(error.watermark).toBe(20);
  });

  it('an empty range finishes at once', async () => {
    const f = fakes(0);
    await runPipe({ ...f.spec, depth: 4, writeDepth: 1 });
    expect(f.writes).toEqual([]);
  });
});
