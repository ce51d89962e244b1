import { describe, expect, it } from 'vitest';
import { RequestWindow } from './request-window';

/**
 * A link of `rttMs` whose throughput is depth × chunk / rtt up to `capPerMs`
 * bytes a millisecond: feeds the window a few seconds of answers at its
 * current depth and returns where it settled.
 */
function drive(rttMs: number, capPerMs: number, chunk = 256 * 1024, max = 128): RequestWindow {
  const window = new RequestWindow({ initial: 16, max });
  let now = 0;
  while (now < 5_000) {
    const depth = window.depth();
    const rate = Math.min(capPerMs, (depth * chunk) / rttMs);
    const gap = chunk / rate;
    // Past the bandwidth-delay product the extra requests wait in a queue: each answer takes depth ÷ rate.
    const took = Math.max(rttMs, (depth * chunk) / rate);
    for (let i = 0; i < depth; i++) {
      now += gap;
      window.sample(chunk, now - took, now);
    }
  }
  return window;
}

describe('RequestWindow', () => {
  it('grows on a long link until the link, not the window, is the limit', () => {
    // 50 ms, 200 MB/s: the bandwidth-delay product is ~10 MB, about 38 requests of 256 KiB.
    const window = drive(50, 200_000);
    expect(window.depth()).toBeGreaterThanOrEqual(38);
    expect(window.depth()).toBeLessThan(128);
    expect(window.rttMs()).toBe(50);
  });

  it('stays near its start where more requests buy nothing (loopback, CPU-bound)', () => {
    const window = drive(1, 500_000);
    expect(window.depth()).toBeLessThanOrEqual(24);
  });

  it('goes back to its start when the steps up only queued behind a slower bottleneck', () => {
    // 50 ms at 30 MB/s (a busy CPU): ~6 requests fill the link, so 16 already wait in a queue.
    const window = drive(50, 30_000, 256 * 1024, 24);
    expect(window.depth()).toBe(16);
  });

  it('never passes its maximum', () => {
    const window = new RequestWindow({ initial: 16, max: 20 });
    for (let t = 0; t < 10_000; t += 1) window.sample(1 << 20, t - 100, t * (1 + t / 1000));
    expect(window.depth()).toBeLessThanOrEqual(20);
  });
});
