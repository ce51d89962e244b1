// V8 CPU profiles for the renderer bench (BENCH_RENDERER_PROFILE=dir, see
// bench/renderer.ts): which functions a page's script time goes to during a
// flood. The trace (bench/trace.ts) says how much time is script; this says
// whose script: xterm.js's parser and renderer, Warren's feed, or the bridge.
// Build the renderer unminified for readable names:
//   WARREN_RENDERER_OUT=/tmp/wr-prof npx vite build --minify false
import { writeFileSync } from 'node:fs';
import type { CDPSession, Page } from '@playwright/test';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface Profiler {
  /** Stops, writes the profile to `file` (open it in DevTools), and answers its summary. */
  stop(file: string): Promise<string>;
}

/** Starts sampling `page`'s main thread every 250 µs. */
export async function startProfile(page: Page): Promise<Profiler> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
  await cdp.send('Profiler.start');
  return {
    async stop(file) {
      const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
      await cdp.detach().catch(() => undefined);
      writeFileSync(file, JSON.stringify(profile));
      return summarizeProfile(profile, page.url());
    },
  };
}

/** Where a frame's code comes from: the file's base name (query dropped) and line. */
function where(frame: CallFrame): string {
  if (!frame.url) return '';
  const file = frame.url.split('?')[0]!.split('/').pop() || frame.url;
  return `${file}:${frame.lineNumber + 1}`;
}

/** Self time per function and the total sampled, in ms. */
export function selfByFunction(profile: CpuProfile): { self: Map<string, number>; total: number } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    // A sample's time is the gap to the next one (the last gets none).
    const ms = (deltas[i + 1] ?? 0) / 1000;
    const node = byId.get(samples[i]!);
    if (!node) continue;
    const name = node.callFrame.functionName || '(anonymous)';
    if (name === '(idle)' || name === '(program)') continue;
    const key = `${name} ${where(node.callFrame)}`.trim();
    self.set(key, (self.get(key) ?? 0) + ms);
    total += ms;
  }
  return { self, total };
}

export function summarizeProfile(profile: CpuProfile, url: string, top = 30): string {
  const { self, total } = selfByFunction(profile);
  const lines = [`${url}: ${total.toFixed(0)} ms of samples outside idle, by self time`];
  for (const [name, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    lines.push(`  ${ms.toFixed(0).padStart(7)} ms  ${((100 * ms) / Math.max(total, 1)).toFixed(1).padStart(5)} %  ${name}`);
  }
  return lines.join('\n');
}
