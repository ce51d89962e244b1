// How much output main lets out to the renderer before it pauses the channel,
// above the fixed FLOW_HIGH_WATER, when the renderer says it draws fast. The
// renderer measures its own drawing rate over the time xterm.js had output
// queued (src-renderer/terminal/output-writer.ts), so a page starved by the
// round trip does not report itself as slow. At 256 KiB a base64 flood (drawn
// at 20 MB/s or more) emptied the queue in about 12 ms, less than an ack's round
// trip on a loaded machine, and xterm.js sat idle most of the time (bench
// renderer: 0.18–0.31× bare xterm.js). The same QUEUE_MS of drawing as for
// slow text keeps Ctrl+C as quick: what is queued is drawn in that time.
import { BUDGET_MS, QUEUE_MS } from './flow-budget';

/** Never more than this in the renderer's queue, however fast it says it draws. */
export const MAX_RENDERER_QUEUE = 4 * 1024 * 1024;
/** A rate above this (bytes per ms) is not believed: a report from a bogus or broken page. */
const MAX_BELIEVABLE_RATE = 1024 * 1024;

/** The queue the renderer's reported drawing rate (bytes per ms) justifies, or 0 without one. */
export function rendererQueue(rate: number | undefined): number {
  if (rate === undefined || !Number.isFinite(rate) || rate <= 0) return 0;
  return Math.round(Math.min(MAX_RENDERER_QUEUE, Math.min(rate, MAX_BELIEVABLE_RATE) * QUEUE_MS));
}

/** The server window (at most `max`) the renderer's reported rate justifies: BUDGET_MS of its drawing, or 0 without one. */
export function rendererWindow(rate: number | undefined, max: number): number {
  if (rate === undefined || !Number.isFinite(rate) || rate <= 0) return 0;
  return Math.round(Math.min(max, Math.min(rate, MAX_BELIEVABLE_RATE) * BUDGET_MS));
}
