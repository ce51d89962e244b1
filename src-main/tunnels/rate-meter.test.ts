// The rate a forward shows: moved by samples on a clock, never by reading it.
import { describe, expect, it } from 'vitest';
import { RateMeter } from './rate-meter';

/** A clock the test moves by hand, so no test waits for real time. */
function clock() {
  let now = 0;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

describe('RateMeter', () => {
  it('starts at 0, and the first sample only sets where counting starts', () => {
    const time = clock();
    const meter = new RateMeter(time.now);
    expect(meter.rate()).toEqual({ rateIn: 0, rateOut: 0 });
    meter.sample(5_000, 7_000);
    expect(meter.rate()).toEqual({ rateIn: 0, rateOut: 0 });
  });

  it('gives the same figure however often it is read', () => {
    const time = clock();
    const meter = new RateMeter(time.now);
    meter.sample(0, 0);
    time.advance(500);
    meter.sample(1_000, 500);
    const first = meter.rate();
    expect(first.rateIn).toBeGreaterThan(0);
    expect(first.rateOut).toBeGreaterThan(0);
    // Time passing between reads changes nothing either: only samples do.
    time.advance(10_000);
    expect(meter.rate()).toEqual(first);
    expect(meter.rate()).toEqual(first);
  });

  it('smooths steady traffic toward its true rate, and decays to ~0 once it stops', () => {
    const time = clock();
    const meter = new RateMeter(time.now);
    let bytesIn = 0;
    let bytesOut = 0;
    meter.sample(bytesIn, bytesOut);
    // 1 MB/s in and 250 kB/s out, sampled every 500 ms as the manager's tick does.
    for (let i = 0; i < 20; i += 1) {
      time.advance(500);
      bytesIn += 500_000;
      bytesOut += 125_000;
      meter.sample(bytesIn, bytesOut);
    }
    expect(meter.rate().rateIn).toBeCloseTo(1_000_000, -1);
    expect(meter.rate().rateOut).toBeCloseTo(250_000, -1);

    // Traffic stops; the totals stay where they are.
    for (let i = 0; i < 30; i += 1) {
      time.advance(500);
      meter.sample(bytesIn, bytesOut);
    }
    expect(meter.rate().rateIn).toBeLessThan(1);
    expect(meter.rate().rateOut).toBeLessThan(1);
  });

  it('ignores a sample too close to the last one instead of showing a spike', () => {
    const time = clock();
    const meter = new RateMeter(time.now);
    meter.sample(0, 0);
    time.advance(10);
    meter.sample(1_000_000, 0);
    expect(meter.rate()).toEqual({ rateIn: 0, rateOut: 0 });
    // The bytes are not lost: the next sample far enough on counts them.
    time.advance(490);
    meter.sample(1_000_000, 0);
    expect(meter.rate().rateIn).toBeCloseTo(1_000_000, 0);
  });
});
