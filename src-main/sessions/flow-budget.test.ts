import { describe, expect, it } from 'vitest';
import { BUDGET_MS, FlowBudget, MIN_BUDGET, MIN_QUEUE, QUEUE_MS, SAMPLE_MS, START_BYTES } from './flow-budget';

const QUEUE_MAX = 256 * 1024;

const MAX = 512 * 1024;

function clocked() {
  let t = 0;
  const budget = new FlowBudget(() => t);
  /** Acks of `bytes` every `every` ms for `ms` ms. */
  const draw = (ms: number, bytesPerMs: number, behind = true, every = 16) => {
    for (let at = 0; at < ms; at += every) {
      t += every;
      budget.drew(bytesPerMs * every, behind);
    }
  };
  return { budget, draw };
}

describe('FlowBudget', () => {
  it('holds each stage to START_BYTES (or its maximum, if less) until the renderer has been measured', () => {
    const { budget, draw } = clocked();
    expect(budget.bytes(MAX)).toBe(START_BYTES);
    draw(SAMPLE_MS / 2, 1000);
    expect(budget.bytes(MAX)).toBe(START_BYTES);
    expect(budget.bytes(START_BYTES / 2)).toBe(START_BYTES / 2);
  });

  it('says whether the renderer has been measured', () => {
    const { budget, draw } = clocked();
    expect(budget.measured).toBe(false);
    draw(2 * SAMPLE_MS, 1000);
    expect(budget.measured).toBe(true);
  });

  it('drops to slow text at once after fast text, so a Ctrl+C is not behind seconds of it', () => {
    const { budget, draw } = clocked();
    draw(1000, 20_000);
    expect(budget.bytes(MAX)).toBe(MAX);
    draw(2 * SAMPLE_MS, 1000);
    expect(budget.bytes(MAX)).toBeLessThan(1.2 * 1000 * BUDGET_MS);
  });

  it('a slow renderer (yes: about 1 MB/s) gets about BUDGET_MS of drawing per stage', () => {
    const { budget, draw } = clocked();
    draw(1000, 1000);
    expect(budget.bytes(MAX)).toBeGreaterThan(0.8 * 1000 * BUDGET_MS);
    expect(budget.bytes(MAX)).toBeLessThan(1.2 * 1000 * BUDGET_MS);
  });

  it('a fast renderer (base64: 20 MB/s) keeps the full maximum, so throughput is not cut', () => {
    const { budget, draw } = clocked();
    draw(1000, 20_000);
    expect(budget.bytes(MAX)).toBe(MAX);
  });

  it('never goes below the floor', () => {
    const { budget, draw } = clocked();
    draw(1000, 10);
    expect(budget.bytes(MAX)).toBe(MIN_BUDGET);
  });

  it('ignores acks while the renderer was not behind (the server, not drawing, set the pace)', () => {
    const { budget, draw } = clocked();
    draw(2000, 100, false);
    expect(budget.bytes(MAX)).toBe(START_BYTES);
  });

  it('follows the renderer when it speeds up', () => {
    const { budget, draw } = clocked();
    draw(1000, 1000);
    const slow = budget.bytes(MAX);
    draw(1000, 4000);
    expect(budget.bytes(MAX)).toBeGreaterThan(2 * slow);
  });

  it('does not count the idle time between busy spells', () => {
    const { budget, draw } = clocked();
    draw(500, 2000);
    const before = budget.bytes(MAX);
    draw(5000, 0, false);
    draw(500, 2000);
    expect(budget.bytes(MAX)).toBeGreaterThan(0.8 * before);
  });

  describe('the renderer queue (unacknowledged bytes)', () => {
    it('holds START_BYTES until the renderer has been measured', () => {
      const { budget } = clocked();
      expect(budget.queue(QUEUE_MAX)).toBe(START_BYTES);
    });

    it('a slow renderer (yes) keeps about QUEUE_MS of drawing, so a prompt after Ctrl+C is not a quarter second behind', () => {
      const { budget, draw } = clocked();
      draw(1000, 1000);
      expect(budget.queue(QUEUE_MAX)).toBeGreaterThan(0.8 * 1000 * QUEUE_MS);
      expect(budget.queue(QUEUE_MAX)).toBeLessThan(1.2 * 1000 * QUEUE_MS);
    });

    it('a fast renderer keeps the full maximum, and a very slow one the floor', () => {
      const fast = clocked();
      fast.draw(1000, 20_000);
      expect(fast.budget.queue(QUEUE_MAX)).toBe(QUEUE_MAX);
      const slow = clocked();
      slow.draw(1000, 10);
      expect(slow.budget.queue(QUEUE_MAX)).toBe(MIN_QUEUE);
    });

    it('a maximum below the floor wins', () => {
      const { budget, draw } = clocked();
      draw(1000, 10);
      expect(budget.queue(16 * 1024)).toBe(16 * 1024);
    });
  });
});
