import { describe, expect, it } from 'vitest';
import { STREAM_QUIET_MS, STREAMING_CLASS, streamingMark } from './streaming-mark';

/** A class list, a clock and timers the test owns. */
function rig() {
  let t = 0;
  const classes = new Set<string>();
  const element = { classList: { add: (c: string) => void classes.add(c), remove: (c: string) => void classes.delete(c) } } as unknown as Element;
  const timers: { at: number; fn: () => void; id: number }[] = [];
  let ids = 0;
  let armed = 0;
  const mark = streamingMark(element, {
    now: () => t,
    setTimer: (fn, ms) => {
      armed++;
      const id = ++ids;
      timers.push({ at: t + ms, fn, id });
      return id;
    },
    clearTimer: (id) => void timers.splice(timers.findIndex((x) => x.id === id), 1),
  });
  /** Lets `ms` pass, running the timers that fall due. */
  const pass = (ms: number) => {
    const end = t + ms;
    for (;;) {
      timers.sort((a, b) => a.at - b.at);
      const next = timers[0];
      if (!next || next.at > end) break;
      timers.shift();
      t = next.at;
      next.fn();
    }
    t = end;
  };
  return { mark, classes, pass, armed: () => armed, pending: () => timers.length };
}

describe('streamingMark', () => {
  it('marks the element on output and unmarks it once output has been quiet for STREAM_QUIET_MS', () => {
    const r = rig();
    r.mark.output();
    expect(r.classes.has(STREAMING_CLASS)).toBe(true);
    r.pass(STREAM_QUIET_MS - 1);
    expect(r.classes.has(STREAMING_CLASS)).toBe(true);
    r.pass(1);
    expect(r.classes.has(STREAMING_CLASS)).toBe(false);
  });

  it('stays marked through a long stream, with a handful of timers for thousands of messages', () => {
    const r = rig();
    for (let i = 0; i < 5000; i++) {
      r.mark.output();
      r.pass(1);
    }
    expect(r.classes.has(STREAMING_CLASS)).toBe(true);
    // One timer per quiet period it waited out, not one per message.
    expect(r.armed()).toBeLessThanOrEqual(5000 / STREAM_QUIET_MS + 2);
    r.pass(STREAM_QUIET_MS);
    expect(r.classes.has(STREAMING_CLASS)).toBe(false);
    r.mark.output();
    expect(r.classes.has(STREAMING_CLASS)).toBe(true);
  });

  it('dispose unmarks and leaves no timer behind', () => {
    const r = rig();
    r.mark.output();
    r.mark.dispose();
    expect(r.classes.has(STREAMING_CLASS)).toBe(false);
    expect(r.pending()).toBe(0);
  });
});
