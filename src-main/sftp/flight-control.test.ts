import { describe, expect, it } from 'vitest';
import { FlightControl, PROBE_EVERY, forEachAdaptive } from './flight-control';

/**
 * A model link: with `limit` files in flight it finishes rate(limit) files per
 * ms. Feeds `files` completions one by one and returns the limits seen.
 */
function drive(control: FlightControl, rate: (limit: number, file: number) => number, files: number): number[] {
  let now = 0;
  const seen: number[] = [];
  for (let i = 0; i < files; i++) {
    now += 1 / rate(control.limit(), i);
    control.done(1, now);
    seen.push(control.limit());
  }
  return seen;
}

describe('FlightControl', () => {
  it('grows while throughput rises, then goes back to the last limit that raised it (a long link)', () => {
    const control = new FlightControl({ initial: 16, max: 1024 });
    // Round-trip bound up to 100 files in flight, then the CPU: more only waits.
    const seen = drive(control, (limit) => Math.min(limit, 100), 5000);
    expect(seen).toContain(32);
    expect(Math.max(...seen)).toBeGreaterThan(128);
    expect(control.limit()).toBe(128);
  });

  it('grows in smaller steps when each step gains only a little', () => {
    const control = new FlightControl({ initial: 16, max: 1024 });
    // Each doubling gains 20%: worth keeping, never worth a quadrupling.
    const seen = drive(control, (limit) => Math.min(1.2 ** Math.log2(limit), 1.2 ** 6), 5000);
    expect(seen).toContain(32);
    expect(seen).toContain(64);
    // 128 is tried and brings nothing; a probe now and then tries 96.
    expect(Math.max(...seen)).toBe(128);
    expect([64, 96]).toContain(control.limit());
  });

  it('steps back when more in flight brings nothing (loopback, CPU bound)', () => {
    const control = new FlightControl({ initial: 16, max: 256 });
    const seen = drive(control, () => 5, 400);
    expect(Math.max(...seen)).toBe(32);
    expect(control.limit()).toBe(16);
  });

  it('never goes past max, and keeps max once there', () => {
    const control = new FlightControl({ initial: 16, max: 40 });
    const seen = drive(control, (limit) => limit, 3000);
    expect(Math.max(...seen)).toBe(40);
    expect(control.limit()).toBe(40);
  });

  it('probes upward again while holding, so a link that got faster is used', () => {
    const control = new FlightControl({ initial: 16, max: 1024 });
    // Flat at first (held at 16), then every file in flight counts.
    drive(control, () => 5, 300);
    expect(control.limit()).toBe(16);
    const later = drive(control, (limit) => limit, 40 * PROBE_EVERY * 16);
    expect(Math.max(...later)).toBeGreaterThanOrEqual(256);
  });

  it('treats a zero-length epoch as a very fast one instead of dividing by zero', () => {
    const control = new FlightControl({ initial: 4, max: 64 });
    for (let i = 0; i < 100; i++) control.done(1, 0);
    expect(Number.isFinite(control.limit())).toBe(true);
    expect(control.limit()).toBeGreaterThanOrEqual(4);
    expect(control.limit()).toBeLessThanOrEqual(64);
  });
});

/** A promise with its resolve/reject exposed. */
function gate() {
  let open!: () => void;
  let fail!: (error: unknown) => void;
  const promise = new Promise<void>((resolve, reject) => ((open = resolve), (fail = reject)));
  return { promise, open, fail };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('forEachAdaptive', () => {
  it('follows a limit that changes between starts', async () => {
    const gates = Array.from({ length: 10 }, gate);
    let limit = 2;
    let active = 0;
    let most = 0;
    const done = forEachAdaptive([...gates.keys()], {
      limit: () => limit,
      weight: () => 1,
      budget: 100,
      each: async (i) => {
        most = Math.max(most, ++active);
        await gates[i]!.promise;
        active--;
      },
    });
    await tick();
    expect(active).toBe(2);
    limit = 5;
    gates[0]!.open();
    await tick();
    expect(active).toBe(5);
    for (const g of gates) g.open();
    await done;
    expect(most).toBe(5);
  });

  it('keeps the weight in flight within the budget, but always runs one', async () => {
    const started: number[] = [];
    const gates = Array.from({ length: 4 }, gate);
    const done = forEachAdaptive([0, 1, 2, 3], {
      limit: () => 10,
      weight: (i) => (i === 0 ? 500 : 40),
      budget: 100,
      each: async (i) => {
        started.push(i);
        await gates[i]!.promise;
      },
    });
    await tick();
    expect(started).toEqual([0]);
    gates[0]!.open();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    for (const g of gates) g.open();
    await done;
    expect(started).toEqual([0, 1, 2, 3]);
  });

  it('after a failure starts nothing more and rejects once the running ones are done', async () => {
    const gates = Array.from({ length: 6 }, gate);
    const started: number[] = [];
    let settled = false;
    const done = forEachAdaptive([...gates.keys()], {
      limit: () => 2,
      weight: () => 1,
      budget: 100,
      each: async (i) => {
        started.push(i);
        await gates[i]!.promise;
      },
    }).finally(() => (settled = true));
    await tick();
    gates[0]!.fail(new Error('boom'));
    await tick();
    expect(settled).toBe(false);
    gates[1]!.open();
    await expect(done).rejects.toThrow('boom');
    expect(started).toEqual([0, 1]);
  });

  it('resolves at once with nothing to do', async () => {
    await expect(forEachAdaptive([], { limit: () => 4, weight: () => 1, budget: 1, each: async () => {} })).resolves.toBeUndefined();
  });
});
