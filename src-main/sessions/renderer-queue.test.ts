import { describe, expect, it } from 'vitest';
import { BUDGET_MS, QUEUE_MS } from './flow-budget';
import { MAX_RENDERER_QUEUE, rendererQueue, rendererWindow } from './renderer-queue';
import { FLOW_HIGH_WATER } from './terminal-session';

describe('rendererQueue', () => {
  it('without a rate from the renderer adds nothing (the fixed high water holds)', () => {
    expect(rendererQueue(undefined)).toBe(0);
    expect(rendererQueue(0)).toBe(0);
    expect(rendererQueue(Number.NaN)).toBe(0);
    expect(rendererQueue(-5)).toBe(0);
  });

  it('is QUEUE_MS of drawing: fast text (base64 at 20 MB/s) queues far more than FLOW_HIGH_WATER, `yes` (1 MB/s) less', () => {
    expect(rendererQueue(20_000)).toBe(20_000 * QUEUE_MS);
    expect(rendererQueue(20_000)).toBeGreaterThan(FLOW_HIGH_WATER * 4);
    expect(rendererQueue(1_000)).toBeLessThan(FLOW_HIGH_WATER);
  });

  it('never more than MAX_RENDERER_QUEUE, whatever the page claims', () => {
    expect(rendererQueue(1e7)).toBe(MAX_RENDERER_QUEUE);
    expect(rendererQueue(Number.POSITIVE_INFINITY)).toBe(0);
  });
});

describe('rendererWindow', () => {
  const MAX = 512 * 1024;

  it('is BUDGET_MS of the drawing the renderer reports, up to the window’s maximum, and nothing without a report', () => {
    expect(rendererWindow(undefined, MAX)).toBe(0);
    expect(rendererWindow(Number.NaN, MAX)).toBe(0);
    expect(rendererWindow(300, MAX)).toBe(300 * BUDGET_MS);
    // Fast text (base64 at 20 MB/s) opens the whole window before main has measured anything.
    expect(rendererWindow(20_000, MAX)).toBe(MAX);
  });
});
