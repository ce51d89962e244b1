// Chromium traces for the renderer bench (BENCH_RENDERER_TRACE=dir, see
// bench/renderer.ts): where one page's time goes during a flood, so Warren's
// page and the bare xterm.js page can be compared like with like. Also a CLI:
//   npx tsx bench/trace.ts warren.json bare.json
// prints the summary of each trace side by side.
//
// The summary counts self time (an event's duration minus its children's) of
// the events on the page's renderer main thread, grouped by name, plus the
// busy time of the page's compositor and of the GPU process's main thread.
// Self time, because nesting differs by page (a React commit inside a task
// inside a message) and only what a slice itself did adds up to the total.
import { writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CDPSession, Page } from '@playwright/test';

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
  'blink',
  'cc',
  'gpu',
  'v8',
  'v8.execute',
  'toplevel',
];

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { frames?: { url?: string; processId?: number }[] } };
}

export interface Tracer {
  /** Stops, writes the trace to `file`, and answers its summary. */
  stop(file: string): Promise<string>;
}

/** Starts tracing the browser `page` lives in; the summary picks `page`'s renderer by its URL. */
export async function startTrace(page: Page): Promise<Tracer> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', ({ value }) => {
    for (const e of value as unknown as TraceEvent[]) events.push(e);
  });
  await cdp.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { includedCategories: CATEGORIES } });
  const url = page.url();
  return {
    async stop(file) {
      const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
      await cdp.send('Tracing.end');
      await complete;
      await cdp.detach().catch(() => undefined);
      writeFileSync(file, JSON.stringify({ traceEvents: events, metadata: { pageUrl: url } }));
      return summarizeTrace(events, url);
    },
  };
}

/** The renderer process that shows `url` (TracingStartedInBrowser names each frame's process). */
function rendererPid(events: TraceEvent[], url: string): number | undefined {
  const origin = new URL(url).origin;
  for (const e of events) {
    for (const frame of e.args?.data?.frames ?? []) {
      if (frame.url?.startsWith(origin) && frame.processId) return frame.processId;
    }
  }
  return undefined;
}

function threadNames(events: TraceEvent[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args?.name ?? '');
  return names;
}

/** Complete ('X') and begin/end ('B'/'E') slices of one thread as [start, end, name], sorted. */
function slices(events: TraceEvent[], pid: number, tid: number): [number, number, string][] {
  const out: [number, number, string][] = [];
  const open: TraceEvent[] = [];
  for (const e of events) {
    if (e.pid !== pid || e.tid !== tid) continue;
    if (e.ph === 'X' && e.dur !== undefined) out.push([e.ts, e.ts + e.dur, e.name]);
    else if (e.ph === 'B') open.push(e);
    else if (e.ph === 'E') {
      const b = open.pop();
      if (b) out.push([b.ts, e.ts, b.name]);
    }
  }
  return out.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
}

/** Self time per name (ms), the busy time (top-level slices, ms), and the span covered. */
export function selfTimes(list: [number, number, string][]): { self: Map<string, number>; busy: number; span: number } {
  const self = new Map<string, number>();
  const stack: { end: number; name: string; child: number; start: number }[] = [];
  let busy = 0;
  const close = (until: number) => {
    while (stack.length > 0 && stack[stack.length - 1]!.end <= until) {
      const top = stack.pop()!;
      const own = top.end - top.start - top.child;
      self.set(top.name, (self.get(top.name) ?? 0) + own / 1000);
      if (stack.length > 0) stack[stack.length - 1]!.child += top.end - top.start;
      else busy += (top.end - top.start) / 1000;
    }
  };
  for (const [start, end, name] of list) {
    close(start);
    // A slice that outlasts its parent (clock skew of B/E pairs) is cut to fit.
    const parentEnd = stack.length > 0 ? stack[stack.length - 1]!.end : Infinity;
    stack.push({ start, end: Math.min(end, parentEnd), name, child: 0 });
  }
  close(Infinity);
  const span = list.length > 0 ? (list.reduce((m, s) => Math.max(m, s[1]), 0) - list[0]![0]) / 1000 : 0;
  return { self, busy, span };
}

function count(events: TraceEvent[], pid: number, name: string): number {
  return events.filter((e) => e.pid === pid && e.name === name && (e.ph === 'X' || e.ph === 'B' || e.ph === 'I' || e.ph === 'i' || e.ph === 'n')).length;
}

export function summarizeTrace(events: TraceEvent[], url: string, top = 18): string {
  const pid = rendererPid(events, url);
  if (pid === undefined) return `no renderer process for ${url} in the trace`;
  const names = threadNames(events);
  const tidOf = (p: number, wanted: RegExp) => [...names].find(([k, n]) => k.startsWith(`${p}:`) && wanted.test(n))?.[0].split(':').map(Number)[1];
  const main = tidOf(pid, /^CrRendererMain$/);
  if (main === undefined) return `no CrRendererMain thread in renderer ${pid}`;
  const { self, busy, span } = selfTimes(slices(events, pid, main));
  const lines = [`${url} (renderer ${pid}): main thread busy ${busy.toFixed(0)} of ${span.toFixed(0)} ms traced`];
  const sorted = [...self].sort((a, b) => b[1] - a[1]).slice(0, top);
  for (const [name, msSelf] of sorted) lines.push(`  ${msSelf.toFixed(0).padStart(7)} ms  ${((100 * msSelf) / Math.max(busy, 1)).toFixed(1).padStart(5)} %  ${name}`);
  const compositor = tidOf(pid, /^Compositor$/);
  if (compositor !== undefined) lines.push(`  compositor thread busy ${selfTimes(slices(events, pid, compositor)).busy.toFixed(0)} ms`);
  const gpuPid = [...names].find(([, n]) => n === 'CrGpuMain')?.[0].split(':').map(Number);
  if (gpuPid) lines.push(`  GPU process main thread busy ${selfTimes(slices(events, gpuPid[0]!, gpuPid[1]!)).busy.toFixed(0)} ms (shared by every page)`);
  const counted = ['BeginMainThreadFrame', 'Paint', 'Layout', 'UpdateLayoutTree', 'ParseHTML', 'FunctionCall', 'TimerFire', 'FireAnimationFrame', 'EventDispatch'];
  lines.push(`  counts: ${counted.map((n) => `${n} ${count(events, pid, n)}`).join(', ')}`);
  return lines.join('\n');
}

async function main(files: string[]): Promise<void> {
  for (const file of files) {
    const json = JSON.parse(await readFile(file, 'utf8')) as { traceEvents: TraceEvent[]; metadata?: { pageUrl?: string } };
    const url = json.metadata?.pageUrl;
    if (!url) throw new Error(`${file}: no metadata.pageUrl (written by bench/trace.ts?)`);
    console.log(`${path.basename(file)}\n${summarizeTrace(json.traceEvents, url)}\n`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
