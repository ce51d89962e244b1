// The rate a forward shows: bytes moved in a short window ending now, so it
// falls to 0 within a second of traffic stopping.
import { describe, expect, it } from 'vitest';
import { RateMeter, WINDOW_MS } from './rate-meter';

/** A clock the test moves by hand, so no test waits for real time. */
function clock() {
  let now = 0;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

/** 1 MB/s in and 250 kB/s out, sampled every 250 ms as the manager's tick does, for `ms`. */
function steady(meter: RateMeter, time: ReturnType<typeof clock>, totals: { bytesIn: number; bytesOut: number }, ms: number) {
  for (let t = 0; t < ms; t += 250) {
    time.advance(250);
    totals.bytesIn += 250_000;
    totals.bytesOut += 62_500;
    meter.sample(totals.bytesIn, totals.bytesOut);
  }
}

describe('RateMeter', () => {
  it('starts at 0, and the first sample only sets where counting starts', () => {
    const time = clock();
    const meter = new RateMeter(time.now);
    expect(meter.rate()).toEqual({ rateIn: 0, rateOut: 0 });
    meter.sample(5_000, 7_000);
    expect(meter.rate()).toEqual({ rateIn: 0, rateOut: 0 });
    time.advance(1_000);
    expect(meter.rate()).toEqual({ rateIn: 0, rateOut: 0 });
  });

  it('reads steady traffic at its true rate, and reading it twice gives the same figure', () => {
    const time = clock();
    const meter = new RateMeter(time.now);
    const totals = { bytesIn: 0, bytesOut: 0 };
    meter.sample(0, 0);
    steady(meter, time, totals, 5_000);
    expect(meter.rate().rateIn).toBeCloseTo(1_000_000, -1);
    expect(meter.rate().rateOut).toBeCloseTo(250_000, -1);
    expect(meter.rate()).toEqual(meter.rate());
  });

  it('is 0 within a second of traffic stopping, while samples go on', () => {
    const time = clock();
    const meter = new RateMeter(time.now);
    const totals = { bytesIn: 0, bytesOut: 0 };
    meter.sample(0, 0);
    steady(meter, time, totals, 3_000);
    // Traffic stops; the totals stay where they are. The worst case: the last
    // bytes are counted by the sample just after they moved.
    const stoppedAt = time.now() - 249;
    const seen: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      time.advance(250);
      meter.sample(totals.bytesIn, totals.bytesOut);
      seen.push(meter.rate().rateIn);
    }
    // It falls in steps as the window slides past the traffic, never jumps back up.
    expect(seen[0]).toBeGreaterThan(0);
    expect([...seen].sort((a, b) => b - a)).toEqual(seen);
    expect(time.now() - stoppedAt).toBeGreaterThan(1_000);
    const firstZero = seen.findIndex((r) => r === 0);
    expect(firstZero).toBeGreaterThanOrEqual(0);
    expect(250 * (firstZero + 1) + 249).toBeLessThanOrEqual(1_000);
  });

  it('decays to 0 even when no sample arrives (a stalled timer never freezes a figure)', () => {
    const time = clock();
    const meter = new RateMeter(time.now);
    const totals = { bytesIn: 0, bytesOut: 0 };
    meter.sample(0, 0);
    steady(meter, time, totals, 2_000);
    const busy = meter.rate().rateIn;
    time.advance(WINDOW_MS / 3);
    const later = meter.rate().rateIn;
    expect(later).toBeGreaterThan(0);
    expect(later).toBeLessThan(busy);
    time.advance(WINDOW_MS);
    expect(meter.rate()).toEqual({ rateIn: 0, rateOut: 0 });
  });

  it('shows no spike from a sample a few ms after the first, and counts those bytes once it can', () => {
    const time = clock();
    const meter = new RateMeter(time.now);
    meter.sample(0, 0);
    time.advance(10);
    meter.sample(1_000_000, 0);
    expect(meter.rate()).toEqual({ rateIn: 0, rateOut: 0 });
    time.advance(490);
    meter.sample(1_000_000, 0);
    expect(meter.rate().rateIn).toBeCloseTo(2_000_000, 0);
  });

  it('keeps only the samples its window needs', () => {
    const time = clock();
    const meter = new RateMeter(time.now);
    for (let i = 0; i < 10_000; i += 1) {
      time.advance(250);
      meter.sample(i, i);
    }
    expect((meter as unknown as { samples: unknown[] }).samples.length).toBeLessThanOrEqual(WINDOW_MS / 250 + 1);
  });
});
