import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FLUSH_MS, MAX_BATCH, OutputBatcher, QUIET_MS } from './output-batcher';

let clock = 0;
let sent: Uint8Array[];
let batcher: OutputBatcher;
beforeEach(() => {
  vi.useFakeTimers();
  clock = 1000;
  sent = [];
  batcher = new OutputBatcher((bytes) => sent.push(bytes), () => clock);
});
afterEach(() => vi.useRealTimers());

const bytes = (n: number, fill = 120) => new Uint8Array(n).fill(fill);
const advance = (ms: number) => {
  clock += ms;
  vi.advanceTimersByTime(ms);
};

describe('OutputBatcher', () => {
  it('sends a chunk that arrives on a quiet line at once (a keystroke echo waits for no timer)', () => {
    batcher.push(bytes(1));
    expect(sent).toHaveLength(1);
    advance(QUIET_MS);
    batcher.push(bytes(1, 121));
    expect(sent.map((b) => [...b])).toEqual([[120], [121]]);
  });

  it('under load, coalesces what follows into one event per FLUSH_MS, bytes intact and in order', () => {
    batcher.push(bytes(10, 1));
    for (let i = 2; i < 50; i++) {
      advance(0.1);
      batcher.push(bytes(100, i));
    }
    expect(sent).toHaveLength(1);
    advance(FLUSH_MS);
    expect(sent).toHaveLength(2);
    expect(sent[1]!.length).toBe(48 * 100);
    expect(sent[1]![0]).toBe(2);
    expect(sent[1]!.at(-1)).toBe(49);
  });

  it('sends a batch as soon as it reaches MAX_BATCH, without waiting for the timer', () => {
    batcher.push(bytes(1));
    batcher.push(bytes(MAX_BATCH - 1));
    expect(sent).toHaveLength(1);
    batcher.push(bytes(1));
    expect(sent).toHaveLength(2);
    expect(sent[1]!.length).toBe(MAX_BATCH);
  });

  it('sends each batch in an array of its own, not a view of a larger buffer', () => {
    const pooled = Buffer.from('hello world');
    batcher.push(pooled.subarray(0, 5));
    expect(sent[0]!.buffer.byteLength).toBe(5);
  });

  it('flush sends what waits; dispose drops it and stops the timer', () => {
    batcher.push(bytes(1));
    batcher.push(bytes(3));
    batcher.flush();
    expect(sent.map((b) => b.length)).toEqual([1, 3]);
    batcher.push(bytes(2));
    batcher.dispose();
    advance(FLUSH_MS * 2);
    expect(sent.map((b) => b.length)).toEqual([1, 3]);
    expect(batcher.pending).toBe(0);
  });

  it('under load, sends at once while the renderer is hungry, and batches again once it has enough', () => {
    let hungry = true;
    const b = new OutputBatcher((bytes) => sent.push(bytes), () => clock, () => hungry);
    b.push(bytes(10));
    advance(0.1);
    b.push(bytes(20));
    expect(sent.map((x) => x.length)).toEqual([10, 20]);
    hungry = false;
    advance(0.1);
    b.push(bytes(30));
    b.push(bytes(40));
    expect(sent).toHaveLength(2);
    advance(FLUSH_MS);
    expect(sent.map((x) => x.length)).toEqual([10, 20, 70]);
  });
});
