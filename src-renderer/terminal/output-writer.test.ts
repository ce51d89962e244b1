import { describe, expect, it } from 'vitest';
import { ACK_EVERY, DrawRate, OutputWriter, RATE_SAMPLE_BYTES, RATE_SAMPLE_MS, WRITE_SLICE } from './output-writer';

/** A stand-in xterm.js: queues writes; `parse(n)` parses the next n of them at the given clock. */
function rig() {
  let clock = 0;
  const queue: { data: Uint8Array; parsed: () => void }[] = [];
  const acks: { bytes: number; rate: number | undefined }[] = [];
  const deferred: (() => void)[] = [];
  const writer = new OutputWriter({
    write: (data, parsed) => queue.push({ data, parsed }),
    ack: (bytes, rate) => acks.push({ bytes, rate }),
    now: () => clock,
    defer: (task) => deferred.push(task),
  });
  return {
    writer,
    queue,
    acks,
    tick: (ms: number) => (clock += ms),
    parse(n = queue.length) {
      for (const w of queue.splice(0, n)) w.parsed();
    },
    /** The task queue runs: deferred acks go out. */
    idle() {
      for (const task of deferred.splice(0)) task();
    },
  };
}

const bytes = (n: number) => new Uint8Array(n).fill(65);

describe('OutputWriter', () => {
  it('hands a big batch to xterm.js in slices, bytes intact and in order', () => {
    const r = rig();
    const data = new Uint8Array(WRITE_SLICE * 2 + 5).map((_, i) => i % 251);
    r.writer.push(data);
    expect(r.queue.map((w) => w.data.length)).toEqual([WRITE_SLICE, WRITE_SLICE, 5]);
    const joined = new Uint8Array(data.length);
    let at = 0;
    for (const w of r.queue) {
      joined.set(w.data, at);
      at += w.data.length;
    }
    expect(joined.every((v, i) => v === data[i])).toBe(true);
    expect(r.writer.pending).toBe(data.length);
  });

  it('acks what one task parsed as one ack, once the task is over', () => {
    const r = rig();
    r.writer.push(bytes(100));
    r.writer.push(bytes(200));
    r.parse();
    expect(r.acks).toEqual([]);
    r.idle();
    expect(r.acks).toEqual([{ bytes: 300, rate: undefined }]);
    r.idle();
    expect(r.acks).toHaveLength(1);
  });

  it('during a flood acks every ACK_EVERY bytes at once, without waiting for the task to end', () => {
    const r = rig();
    r.writer.push(bytes(ACK_EVERY * 3));
    r.parse();
    expect(r.acks.map((a) => a.bytes)).toEqual([ACK_EVERY, ACK_EVERY, ACK_EVERY]);
    r.idle();
    expect(r.acks).toHaveLength(3);
  });

  it('reports the drawing rate measured while output was queued, not counting the time it waited for more', () => {
    const r = rig();
    const size = WRITE_SLICE * 8; // 256 KiB
    // Twice: 256 KiB parsed over 100 ms (2.6 bytes/ms… ×1000), then an idle second with nothing queued.
    for (let round = 0; round < 2; round++) {
      r.writer.push(bytes(size));
      for (let i = 0; i < 8; i++) {
        r.tick(100 / 8);
        r.parse(1);
      }
      r.idle();
      r.tick(1000);
    }
    const rate = r.acks.at(-1)!.rate!;
    expect(rate).toBeCloseTo(size / 100, 0);
    expect(r.writer.rate).toBe(rate);
  });
});

describe('DrawRate', () => {
  it('knows nothing from a keystroke echo: too few bytes for a sample', () => {
    const d = new DrawRate();
    for (let i = 0; i < 100; i++) {
      d.busy(i * 100);
      d.parsed(3, i * 100 + 1, true);
    }
    expect(d.rate).toBeUndefined();
  });

  it('needs RATE_SAMPLE_MS of busy time and RATE_SAMPLE_BYTES for a sample, then follows a change of text', () => {
    const d = new DrawRate();
    d.busy(0);
    d.parsed(RATE_SAMPLE_BYTES, RATE_SAMPLE_MS / 2, false);
    expect(d.rate).toBeUndefined();
    d.parsed(RATE_SAMPLE_BYTES, RATE_SAMPLE_MS, true);
    expect(d.rate).toBeCloseTo((2 * RATE_SAMPLE_BYTES) / RATE_SAMPLE_MS);
    // Slower text: the estimate drops to it at once, so no seconds of `yes` queue on a base64 rate.
    const fast = d.rate!;
    d.busy(10_000);
    d.parsed(RATE_SAMPLE_BYTES, 10_000 + RATE_SAMPLE_MS * 4, true);
    const slow = RATE_SAMPLE_BYTES / (RATE_SAMPLE_MS * 4);
    expect(d.rate).toBeCloseTo(slow);
    // Faster again: it moves halfway each sample.
    d.busy(20_000);
    d.parsed(RATE_SAMPLE_BYTES * 8, 20_000 + RATE_SAMPLE_MS, true);
    expect(d.rate).toBeCloseTo((slow + fast * 4) / 2);
  });

  it('ignores a parse it never saw start', () => {
    const d = new DrawRate();
    d.parsed(RATE_SAMPLE_BYTES * 10, 1_000_000, true);
    expect(d.rate).toBeUndefined();
  });
});
