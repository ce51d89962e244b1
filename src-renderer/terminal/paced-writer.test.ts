import { describe, expect, it } from 'vitest';
import { FLOOD_GAP_MS, HIDDEN_REST_MS, HIDDEN_TASK_MS, pacedWriter, SHOWN_TASK_MS, SLICE } from './paced-writer';

/** A terminal that parses each write in `parseMs` when the test runs its tasks, on a clock the test owns. */
function rig(parseMs: number) {
  let t = 0;
  const written: Uint8Array[] = [];
  /** Tasks scheduled by the writer: [delay, fn]. */
  const tasks: [number, () => void][] = [];
  const endOfTask: (() => void)[] = [];
  let xtermQueue: { slice: Uint8Array; done: () => void }[] = [];
  const writer = pacedWriter({
    write: (slice, done) => {
      written.push(slice);
      xtermQueue.push({ slice, done });
    },
    now: () => t,
    later: (fn, ms) => void tasks.push([ms, fn]),
    afterTask: (fn) => void endOfTask.push(fn),
  });
  /** One xterm.js task: parses its queue (including what the callbacks add) and returns the ms it took. */
  const xtermTask = () => {
    const start = t;
    while (xtermQueue.length > 0) {
      const { done } = xtermQueue.shift()!;
      t += parseMs;
      done();
    }
    for (const fn of endOfTask.splice(0)) fn();
    return t - start;
  };
  const runLater = () => {
    const [ms, fn] = tasks.shift()!;
    t += ms;
    fn();
    for (const f of endOfTask.splice(0)) f();
  };
  const reset = () => (xtermQueue = []);
  /** Time passes with nothing to do. */
  const idle = (ms: number) => void (t += ms);
  return { writer, written, tasks, xtermTask, runLater, reset, idle };
}

const bytes = (n: number, fill = 0x79) => new Uint8Array(n).fill(fill);

describe('pacedWriter', () => {
  it('writes a small output at once (a keystroke echo is not delayed)', () => {
    const r = rig(0.1);
    r.writer.push(bytes(3));
    expect(r.written.map((s) => s.length)).toEqual([3]);
  });

  it('cuts a large output into slices and hands them over in order, nothing lost', () => {
    const r = rig(0.1);
    const data = new Uint8Array(SLICE * 5 + 7).map((_, i) => i % 251);
    r.writer.push(data);
    while (r.written.reduce((n, s) => n + s.length, 0) < data.length || r.tasks.length > 0) {
      r.xtermTask();
      if (r.tasks.length > 0) r.runLater();
    }
    expect(r.written.every((s) => s.length <= SLICE)).toBe(true);
    const joined = new Uint8Array(data.length);
    let at = 0;
    for (const s of r.written) {
      joined.set(s, at);
      at += s.length;
    }
    expect(joined.every((b, i) => b === data[i])).toBe(true);
    expect(r.writer.waiting).toBe(0);
  });

  it('a shown terminal parses about SHOWN_TASK_MS per task, then yields to a task of its own', () => {
    const r = rig(1);
    r.writer.push(bytes(SLICE * 50));
    const took = r.xtermTask();
    expect(took).toBeGreaterThanOrEqual(SHOWN_TASK_MS);
    expect(took).toBeLessThanOrEqual(SHOWN_TASK_MS + 2);
    expect(r.tasks).toHaveLength(1);
    expect(r.tasks[0]![0]).toBe(0);
  });

  it('a hidden terminal parses less per task and rests between tasks, but keeps going', () => {
    const r = rig(1);
    r.writer.setShown(false);
    r.writer.push(bytes(SLICE * 50));
    expect(r.xtermTask()).toBeLessThanOrEqual(HIDDEN_TASK_MS + 2);
    expect(r.tasks[0]![0]).toBe(HIDDEN_REST_MS);
    const before = r.written.length;
    r.runLater();
    r.xtermTask();
    expect(r.written.length).toBeGreaterThan(before);
  });

  it('in a flood the next parse waits until FLOOD_GAP_MS after the last began; after a quiet spell output goes at once', () => {
    const r = rig(0.1);
    r.writer.push(bytes(SLICE * 40));
    const took = r.xtermTask();
    expect(r.writer.waiting).toBe(0);
    const before = r.written.length;
    r.writer.push(bytes(SLICE));
    expect(r.written).toHaveLength(before);
    expect(r.tasks).toHaveLength(1);
    expect(r.tasks[0]![0]).toBeCloseTo(FLOOD_GAP_MS - took, 6);
    r.runLater();
    expect(r.written).toHaveLength(before + 1);
    r.xtermTask();
    r.idle(1000);
    r.writer.push(bytes(3));
    expect(r.written.map((s) => s.length).at(-1)).toBe(3);
  });

  it('output pushed while a slice is parsing waits its turn instead of starting a second stream', () => {
    const r = rig(1);
    r.writer.push(bytes(10));
    r.writer.push(bytes(20));
    expect(r.written.map((s) => s.length)).toEqual([10]);
    r.xtermTask();
    expect(r.written.map((s) => s.length)).toEqual([10, 20]);
  });

  it("calls a push's own callback once all of its slices are parsed, in order", () => {
    const r = rig(1);
    const done: string[] = [];
    r.writer.push(bytes(SLICE * 2 + 1), () => done.push('big'));
    r.writer.push(bytes(5), () => done.push('small'));
    while (done.length < 2) {
      r.xtermTask();
      if (r.tasks.length > 0) r.runLater();
    }
    expect(done).toEqual(['big', 'small']);
    expect(r.written.map((s) => s.length)).toEqual([SLICE, SLICE, 1, 5]);
  });

  it('close hands over all that waits at once, with its callbacks', () => {
    const r = rig(1);
    let done = 0;
    r.writer.push(bytes(SLICE * 3), () => done++);
    r.writer.close();
    expect(r.written.map((s) => s.length)).toEqual([SLICE, SLICE, SLICE]);
    r.xtermTask();
    expect(done).toBe(1);
    expect(r.tasks).toHaveLength(0);
  });

  it('after dispose nothing more is written', () => {
    const r = rig(1);
    r.writer.push(bytes(SLICE * 3));
    r.writer.dispose();
    r.xtermTask();
    expect(r.written).toHaveLength(1);
    expect(r.tasks).toHaveLength(0);
    r.reset();
  });
});
