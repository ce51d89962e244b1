// The striping engine with in-memory lanes: which ranges it records as done,
// and what it does when a lane fails or the user cancels.
import { describe, expect, it } from 'vitest';
import { ABORTED } from './pipe';
import { covered, type Range } from './ranges';
import { runStriped, StripedError, type LaneSpec } from './striped';

const SIZE = 64 * 1024;
const source = Buffer.from(Array.from({ length: SIZE }, (_, i) => (i * 7) & 0xff));

/** A lane copying `source` into `sink`; `delay` per request makes lanes finish out of order; it breaks after `failAfterReads`. */
function lane(sink: Buffer, delay: number, failAfterReads = Infinity): LaneSpec {
  let reads = 0;
  return {
    chunkSize: 1024,
    depth: 4,
    writeDepth: 1,
    read: async (buffer, offset) => {
      await new Promise((r) => setTimeout(r, delay));
      if (++reads > failAfterReads) throw new Error('lane broke');
      source.copy(buffer, 0, offset, offset + buffer.length);
    },
    write: async (buffers, offset) => {
      for (const b of buffers) offset += b.copy(sink, offset);
    },
  };
}

/** Every recorded range really is at the sink. */
function allWritten(sink: Buffer, done: Range[]): boolean {
  return done.every(([a, b]) => sink.subarray(a, b).equals(source.subarray(a, b)));
}

describe('runStriped', () => {
  it('copies every byte over several lanes and saves before the first byte moves', async () => {
    const sink = Buffer.alloc(SIZE);
    const saves: Range[][] = [];
    await runStriped({ total: SIZE, done: [], lanes: [lane(sink, 1), lane(sink, 3), lane(sink, 0)], minPiece: 4096, save: async (d) => void saves.push(d), saveEveryMs: 5 });
    expect(sink.equals(source)).toBe(true);
    expect(saves[0]).toEqual([]);
  });

  it('fetches only the holes of a resume', async () => {
    const sink = Buffer.alloc(SIZE);
    source.copy(sink, 0, 0, 8192);
    source.copy(sink, 40_000, 40_000, 50_000);
    let progress = 0;
    const reads: number[] = [];
    const spy = lane(sink, 0);
    const read = spy.read;
    await runStriped({
      total: SIZE,
      done: [[0, 8192], [40_000, 50_000]],
      lanes: [{ ...spy, read: (b, o) => (reads.push(o), read(b, o)) }],
      minPiece: 4096,
      onProgress: (bytes) => (progress = bytes),
      save: async () => {},
    });
    expect(sink.equals(source)).toBe(true);
    expect(reads.some((o) => o < 8192 || (o >= 40_000 && o < 50_000))).toBe(false);
    expect(progress).toBe(SIZE);
  });

  it('a failing lane stops the others; the error is its own and the saved ranges hold only written bytes', async () => {
    const sink = Buffer.alloc(SIZE);
    let last: Range[] = [];
    const error = await runStriped({ total: SIZE, done: [], lanes: [lane(sink, 2), lane(sink, 2, 12)], minPiece: 4096, save: async (d) => void (last = d) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StripedError);
    expect((error as StripedError).cause).toEqual(new Error('lane broke'));
    expect((error as StripedError).done).toEqual(last);
    expect(covered(last)).toBeGreaterThan(0);
    expect(covered(last)).toBeLessThan(SIZE);
    expect(allWritten(sink, last)).toBe(true);
  });

  it('cancel stops every lane and reports ABORTED with what is written', async () => {
    const sink = Buffer.alloc(SIZE);
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 30);
    const error = (await runStriped({ total: SIZE, done: [], lanes: [lane(sink, 5), lane(sink, 5)], minPiece: 4096, signal: stop.signal, save: async () => {} }).catch((e: unknown) => e)) as StripedError;
    expect(error.cause).toBe(ABORTED);
    expect(covered(error.done)).toBeLessThan(SIZE);
    expect(allWritten(sink, error.done)).toBe(true);
  });

  it('with a first record already on its way, the first lane starts at once and later lanes wait for it', async () => {
    const sink = Buffer.alloc(SIZE);
    const events: string[] = [];
    let recordThere!: () => void;
    const firstSaved = new Promise<void>((resolve) => (recordThere = resolve));
    const tagged = (name: string, spec: LaneSpec): LaneSpec => ({ ...spec, read: (b, o) => (events.push(name), spec.read(b, o)) });
    const run = runStriped({
      total: SIZE,
      done: [],
      lanes: [tagged('first', lane(sink, 5))],
      laterLanes: Promise.resolve([tagged('later', lane(sink, 1))]),
      plannedLanes: 2,
      minPiece: 4096,
      firstSaved,
      save: async () => void events.push('save'),
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(events.length).toBeGreaterThan(0);
    expect(new Set(events)).toEqual(new Set(['first']));
    events.push('record there');
    recordThere();
    await run;
    expect(sink.equals(source)).toBe(true);
    expect(events.indexOf('later')).toBeGreaterThan(events.indexOf('record there'));
  });

  it('a first record that fails stops the transfer with its error', async () => {
    const sink = Buffer.alloc(SIZE);
    const error = await runStriped({
      total: SIZE,
      done: [],
      lanes: [lane(sink, 2)],
      minPiece: 4096,
      firstSaved: new Promise<void>((_, reject) => setTimeout(() => reject(new Error('no room for the record')), 10)),
      save: async () => {},
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StripedError);
    expect((error as StripedError).cause).toEqual(new Error('no room for the record'));
    expect(covered((error as StripedError).done)).toBeLessThan(SIZE);
  });
});
