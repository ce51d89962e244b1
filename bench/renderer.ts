// `npm run bench -- renderer` (issue 13): the real renderer (the built
// out/renderer, served by the e2e harness with the real services over the
// WebSocket bridge) in Debian's Chromium against the bench's sshd, beside a
// bare xterm.js page in the same browser fed the same text, plus the OpenSSH
// client for reference. A benchmark: it prints targets and PASS/MISS and
// never fails because of them.
//
// Page-side timing lives in renderer-page/probe.js (read its header). Env:
// BENCH_RENDERER_SCALE (1 = `seq 1 2000000` and 30 MB of urandom as base64),
// BENCH_RENDERER_RUNS (3 timed runs per text, after one untimed),
// BENCH_RENDERER_KEYS (50 keystrokes), BENCH_RENDERER_CTRLC (5 floods),
// BENCH_RENDERER_SWITCHES (10 tab switches), BENCH_RENDERER_FLOOD_MB
// (1000: the flood into a paused page), BENCH_RENDERER_CHUNK_KB (64: the bare
// page's write size), BENCH_RENDERER_WEBGL=1 (let both pages draw with WebGL,
// as Warren does where WebGL2 exists; by default both use the DOM renderer,
// as the e2e suite and issue 13's figures do), BENCH_RENDERER_INPUT_DEFERRAL=1
// (keep Chromium's DeferRendererTasksAfterInput on; see INPUT_DEFERRAL),
// BENCH_RENDERER_ONLY (a comma list of parts to run, of throughput, keys,
// ctrlc, tabs, memory; all by default: `keys,ctrlc,tabs` skips the floods),
// BENCH_RENDERER_TRACE=dir (records a Chromium trace of each page during the
// untimed throughput run of each text into dir, and prints where each page's
// main thread spent its time; bench/trace.ts), BENCH_RENDERER_PROFILE=dir
// (a V8 CPU profile of each page in that run instead, summed by function;
// bench/cpu-profile.ts).
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from '@playwright/test';
import { buildBridgeClient } from '../e2e/harness/bridge-build';
import { chromiumArgs, chromiumPath } from '../e2e/harness/chromium';
import { startHarness, type RunningHarness } from '../e2e/harness/launch';
import { liveChildren, sshArgs, timeSsh } from './openssh';
import { summarize } from './stats';
import { startProfile } from './cpu-profile';
import { startTrace } from './trace';
import type { Target } from './target';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pageDir = path.join(repo, 'bench', 'renderer-page');

function numberFromEnv(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
}

const SCALE = numberFromEnv('BENCH_RENDERER_SCALE', 1);
const RUNS = Math.round(numberFromEnv('BENCH_RENDERER_RUNS', 3));
const KEYS = Math.round(numberFromEnv('BENCH_RENDERER_KEYS', 50));
const CTRLC_RUNS = Math.round(numberFromEnv('BENCH_RENDERER_CTRLC', 5));
const SWITCHES = Math.round(numberFromEnv('BENCH_RENDERER_SWITCHES', 10));
const FLOOD_MB = numberFromEnv('BENCH_RENDERER_FLOOD_MB', 1000);
const CHUNK = Math.round(numberFromEnv('BENCH_RENDERER_CHUNK_KB', 64) * 1024);
const WEBGL = process.env.BENCH_RENDERER_WEBGL === '1';
/**
 * Chromium (DeferRendererTasksAfterInput, on by default, policy
 * all-deferrable-types) holds a page's deferrable task queues from a keydown
 * until the next frame is drawn. The harness's WebSocket is one of them
 * (networking); Electron's IPC arrives on an internal frame queue that is
 * not (blink frame_scheduler_impl.cc, ComputeCanBeDeferredForRendering). A
 * CDP trace of the bench: the harness sent the echo ~6 ms after keydown and
 * the page got it only right after the next frame, so it was drawn a frame
 * later (keystroke median 35 → 27 ms with the feature off, same load). Off,
 * the bridge behaves as Electron's IPC should (read from Chromium's source,
 * not measured in Electron); xterm.js parses the first write after input at
 * once and draws on requestAnimationFrame, so the timers and posted messages
 * it also stops deferring are not on this path. Earlier Playwright releases
 * turned the feature off in their own launch switches.
 */
const INPUT_DEFERRAL = process.env.BENCH_RENDERER_INPUT_DEFERRAL === '1';
const TRACE_DIR = process.env.BENCH_RENDERER_TRACE ? path.resolve(process.env.BENCH_RENDERER_TRACE) : undefined;
const PROFILE_DIR = process.env.BENCH_RENDERER_PROFILE ? path.resolve(process.env.BENCH_RENDERER_PROFILE) : undefined;
/** How the untimed flood of each text is recorded, if at all: a Chromium trace, or else a V8 CPU profile. */
const RECORDER = TRACE_DIR
  ? { dir: TRACE_DIR, start: startTrace, ext: 'json' }
  : PROFILE_DIR
    ? { dir: PROFILE_DIR, start: startProfile, ext: 'cpuprofile' }
    : undefined;
const PARTS = ['throughput', 'keys', 'ctrlc', 'tabs', 'memory'] as const;
const ONLY = (process.env.BENCH_RENDERER_ONLY ?? '').split(',').map((p) => p.trim()).filter(Boolean);
for (const p of ONLY) if (!(PARTS as readonly string[]).includes(p)) throw new Error(`BENCH_RENDERER_ONLY: ${p} is not one of ${PARTS.join(', ')}`);
/** Whether this run measures `part` (BENCH_RENDERER_ONLY). */
const runs = (part: (typeof PARTS)[number]) => ONLY.length === 0 || ONLY.includes(part);
const PROMPT = 'BENCH>';
const TIMEOUT_MS = 180_000;

const TEXTS = [
  { name: 'seq', label: `seq 1 ${Math.round(2_000_000 * SCALE)}`, command: `seq 1 ${Math.round(2_000_000 * SCALE)}` },
  {
    name: 'base64',
    label: `base64 of ${Math.round(30 * SCALE)} MB urandom`,
    command: `head -c ${Math.round(30_000_000 * SCALE)} /dev/urandom | base64`,
  },
];

function progress(text: string): void {
  process.stderr.write(`${text}\n`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

// ---- the probe, seen from Node (page.evaluate; bench/ has no DOM types) ----

interface Timing {
  timedOut: boolean;
  start?: number;
  /** A click's mouseup (after start, the mousedown). */
  up?: number;
  drawn?: number;
  painted?: number;
  shown?: number;
  rerendered?: number;
  written?: number;
  /** Hops of a keystroke (probe.js): first bridge send, first output frame, first parse. */
  sent?: number;
  arrived?: number;
  parsed?: number;
}
interface ArmOptions {
  kind?: 'text' | 'visible';
  pattern?: string;
  flags?: string;
  invert?: boolean;
  pane?: string | null;
  useInput?: boolean;
}
interface Probe {
  terms(): number;
  screen(pane: string | null): string | null;
  arm(o: ArmOptions): { id: number; heldAtArm: boolean };
  result(id: number, timeoutMs: number): Promise<Timing>;
}
interface Bare {
  open(o: { cols: number; rows: number; webgl: boolean }): string;
  load(name: string): Promise<number>;
  feed(name: string, tail: string, chunk: number, id: number): void;
}
type ProbeWindow = { __bench: Probe; __bare: Bare };
const probe = (page: Page) => ({
  arm: (o: ArmOptions) => page.evaluate((o) => (globalThis as unknown as ProbeWindow).__bench.arm(o), o),
  result: (id: number, timeoutMs = TIMEOUT_MS) =>
    page.evaluate(([id, t]) => (globalThis as unknown as ProbeWindow).__bench.result(id, t), [id, timeoutMs] as const),
  screen: (pane: string | null) => page.evaluate((p) => (globalThis as unknown as ProbeWindow).__bench.screen(p), pane),
  terms: () => page.evaluate(() => (globalThis as unknown as ProbeWindow).__bench.terms()),
});

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Arms, acts, and answers the page-side milliseconds from input to painted. */
async function measure(page: Page, arm: ArmOptions, act: () => Promise<void>, what: string, timeoutMs = TIMEOUT_MS): Promise<Timing & { ms: number }> {
  const p = probe(page);
  const { id, heldAtArm } = await p.arm(arm);
  if (heldAtArm) throw new Error(`${what}: the condition already held before the input`);
  await act();
  const t = await p.result(id, timeoutMs);
  if (t.timedOut || t.start === undefined || t.painted === undefined) {
    throw new Error(`${what}: not seen within ${timeoutMs} ms (${JSON.stringify(t)}); screen:\n${await p.screen(arm.pane ?? null)}`);
  }
  return { ...t, ms: t.painted - t.start };
}

/** Waits (unmeasured) until the visible rows of `pane` match. */
async function waitScreen(page: Page, pane: string | null, pattern: string, invert = false, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const regex = new RegExp(pattern, 'm');
  for (;;) {
    const text = (await probe(page).screen(pane)) ?? '';
    if (regex.test(text) !== invert) return;
    if (Date.now() > deadline) throw new Error(`screen never ${invert ? 'stopped matching' : 'matched'} /${pattern}/:\n${text}`);
    await sleep(50);
  }
}

// ---- Warren's UI, the few steps needed (the e2e page objects need DOM types) ----

function warrenUi(page: Page) {
  const pane = () => page.locator('.terminal-pane:not([hidden])');
  return {
    async addAndOpen(name: string, target: Target): Promise<void> {
      await page.getByRole('button', { name: 'New host' }).click();
      const form = page.getByRole('form', { name: 'New host' });
      await form.getByLabel('Name', { exact: true }).fill(name);
      await form.getByLabel('Host', { exact: true }).fill('127.0.0.1');
      await form.getByLabel('Port', { exact: true }).fill(String(target.port));
      await form.getByLabel('User', { exact: true }).fill(target.user);
      await form.getByLabel('Use keys from ssh-agent').setChecked(false);
      await form.getByLabel(/Private key file/).fill(target.keyPath);
      // Host keys sits under the form's Advanced disclosure.
      const advanced = form.getByRole('button', { name: /^Advanced/ });
      if ((await advanced.getAttribute('aria-expanded')) !== 'true') await advanced.click();
      await form.getByLabel('Host keys').selectOption('accept-new');
      await form.getByRole('button', { name: 'Save' }).click();
      await form.waitFor({ state: 'hidden' });
      await page.getByRole('treeitem').filter({ has: page.locator('.tree-name', { hasText: name }) }).dblclick();
      await page.locator(`.terminal-pane[aria-label="Terminal: ${name}"][data-state="connected"]:not([hidden])`).waitFor({ timeout: 30_000 });
    },
    focus: () => pane().locator('.xterm-helper-textarea').focus(),
  };
}

function rssBytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : NaN;
}

// ---- the bare page's server: the page, xterm.js from node_modules, the captured texts ----

function startStatic(dataDir: string): Promise<{ server: Server; url: string }> {
  const roots: [string, string][] = [
    ['/xterm/', path.join(repo, 'node_modules/@xterm/xterm/')],
    ['/xterm-webgl/', path.join(repo, 'node_modules/@xterm/addon-webgl/')],
    ['/data/', `${dataDir}/`],
    ['/', `${pageDir}/`],
  ];
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css' };
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const [prefix, dir] = roots.find(([p]) => url.pathname.startsWith(p))!;
    const file = path.resolve(dir, `.${url.pathname.slice(prefix.length - 1)}`);
    try {
      if (!file.startsWith(dir)) throw new Error('outside');
      const body = await readFile(file);
      res.writeHead(200, { 'Content-Type': types[path.extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` })),
  );
}

/** The PTY's own output of `command` (with its \r\n), as OpenSSH's `ssh -tt` writes it. */
function capture(target: Target, command: string, file: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const out = createWriteStream(file);
    out.once('open', () => {
      const child = spawn('ssh', sshArgs(target, command), { stdio: ['pipe', out, 'ignore'] });
      liveChildren.add(child);
      child.once('exit', (code) => {
        liveChildren.delete(child);
        child.stdin?.destroy();
        out.close(() => (code === 0 ? resolve(statSync(file).size) : reject(new Error(`ssh capture of ${command} exited with ${code}`))));
      });
    });
  });
}

// ---- the table ----

interface Line {
  metric: string;
  warren: string;
  bare: string;
  openssh: string;
  ratio: string;
  target: string;
  result: string;
}

const ms = (n: number) => `${n.toFixed(n >= 100 ? 0 : 1)} ms`;
const cell = (samples: number[]) => {
  const s = summarize(samples);
  return `${ms(s.median)} (${ms(s.min).replace(' ms', '')}–${ms(s.max)})`;
};
const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');

function formatLines(lines: Line[]): string {
  const header: Line = { metric: 'metric', warren: 'Warren', bare: 'bare xterm.js', openssh: 'OpenSSH', ratio: 'ratio', target: 'target', result: 'result' };
  const keys = Object.keys(header) as (keyof Line)[];
  const widths = keys.map((k) => Math.max(...[header, ...lines].map((l) => l[k].length)));
  const row = (l: Line) => keys.map((k, i) => l[k].padEnd(widths[i]!)).join('  ').trimEnd();
  return [row(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(row)].join('\n');
}

// ---- the suite ----

export async function rendererBench(target: Target): Promise<{ table: string; notes: string[] }> {
  // The harness serves WARREN_RENDERER_OUT when set (see vite.config.ts).
  const built = process.env.WARREN_RENDERER_OUT ?? path.join(repo, 'out/renderer');
  if (!existsSync(path.join(built, 'index.html'))) throw new Error(`renderer bench: ${built} has no build; run \`npm run build\` first`);
  const work = mkdtempSync(path.join(os.tmpdir(), 'warren-bench-renderer-'));
  const dataDir = path.join(work, 'data');
  const appDir = path.join(work, 'app');
  for (const dir of [dataDir, appDir]) mkdirSync(dir);
  let harness: RunningHarness | undefined;
  let browser: Browser | undefined;
  let statics: { server: Server; url: string } | undefined;
  const notes: string[] = [];
  const lines: Line[] = [];
  try {
    progress(`renderer: built renderer from ${statSync(path.join(built, 'index.html')).mtime.toISOString()}; capturing the texts with ssh -tt`);
    const sizes: Record<string, number> = {};
    for (const t of runs('throughput') ? TEXTS : []) sizes[t.name] = await capture(target, t.command, path.join(dataDir, `${t.name}.bin`));

    const bridgeClient = await buildBridgeClient('standalone');
    harness = await startHarness(appDir, { env: { WARREN_BRIDGE_CLIENT: bridgeClient }, onSpawn: (child) => liveChildren.add(child) });
    statics = await startStatic(dataDir);
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: [...chromiumArgs, ...(WEBGL ? [] : ['--disable-webgl']), ...(INPUT_DEFERRAL ? [] : ['--disable-features=DeferRendererTasksAfterInput'])],
    });
    const viewport = { width: 1200, height: 760 };
    const probeScript = { path: path.join(pageDir, 'probe.js') };

    // Warren: two hosts, two tabs.
    const warrenContext = await browser.newContext({ viewport });
    await warrenContext.addInitScript(probeScript);
    const page = await warrenContext.newPage();
    const app = warrenUi(page);
    await page.goto(harness.url);
    const A = 'bench-a';
    const B = 'bench-b';
    const paneOf = (name: string) => `Terminal: ${name}`;
    for (const name of [A, B]) {
      await app.addAndOpen(name, target);
      await app.focus();
      await page.keyboard.type(`export PS1='${PROMPT} '; clear\n`);
      await waitScreen(page, paneOf(name), `^${PROMPT}$`);
    }
    if ((await probe(page).terms()) === 0) throw new Error('renderer bench: the probe caught no xterm.js Terminal (did xterm rename _addonManager?)');
    // Tab A in front from here on.
    const tabBox = async (name: string) => {
      const box = (await page.getByRole('tab').filter({ hasText: name }).boundingBox())!;
      return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    };
    const tabA = await tabBox(A);
    const tabB = await tabBox(B);
    await page.mouse.click(tabA.x, tabA.y);
    await app.focus();
    const typeA = (text: string) => page.keyboard.type(text);
    await typeA(`echo SIZE-$(stty size | tr ' ' x)-$((1+1))\n`);
    await waitScreen(page, paneOf(A), 'SIZE-\\d+x\\d+-2');
    const [, rows, cols] = /SIZE-(\d+)x(\d+)-2/.exec((await probe(page).screen(paneOf(A)))!)!.map(Number) as [number, number, number];
    progress(`renderer: Warren's terminal is ${cols}×${rows}`);

    // The bare page, same browser, same size, same options.
    const bareContext = await browser.newContext({ viewport });
    await bareContext.addInitScript(probeScript);
    const bare = await bareContext.newPage();
    await bare.goto(`${statics.url}/bare.html`);
    await bare.waitForFunction(() => Boolean((globalThis as unknown as ProbeWindow).__bare));
    const renderer = await bare.evaluate((o) => (globalThis as unknown as ProbeWindow).__bare.open(o), { cols, rows, webgl: WEBGL });
    for (const t of runs('throughput') ? TEXTS : []) {
      const loaded = await bare.evaluate((n) => (globalThis as unknown as ProbeWindow).__bare.load(n), `${t.name}.bin`);
      if (loaded !== sizes[t.name]) throw new Error(`bare page loaded ${loaded} of ${sizes[t.name]} bytes of ${t.name}`);
    }

    // ---- throughput ----
    let run = 0;
    for (const t of runs('throughput') ? TEXTS : []) {
      const warren: number[] = [];
      const reference: number[] = [];
      const written: number[] = [];
      const openssh: number[] = [];
      for (let i = 0; i <= RUNS; i++) {
        run++;
        const marker = `DONE-${run}-2`;
        const done = { pattern: `^${marker}\\n${PROMPT}$` };
        await typeA(`clear; ${t.command}; echo DONE-${run}-$((1+1))`);
        // Recorded in the untimed run: tracing or profiling slows both pages, so the timed runs stay untouched.
        const traced = async <T,>(which: Page, who: string, body: () => Promise<T>): Promise<T> => {
          if (!RECORDER || i !== 0) return body();
          mkdirSync(RECORDER.dir, { recursive: true });
          const recording = await RECORDER.start(which);
          const result = await body();
          progress(await recording.stop(path.join(RECORDER.dir, `${t.name}-${who}.${RECORDER.ext}`)));
          return result;
        };
        const w = await traced(page, 'warren', () => measure(page, { ...done, pane: paneOf(A) }, () => page.keyboard.press('Enter'), `Warren ${t.label}`));
        const b = await traced(bare, 'bare', async () => {
          const id = (await probe(bare).arm({ ...done, useInput: false })).id;
          await bare.evaluate(([n, tail, c, id]) => (globalThis as unknown as ProbeWindow).__bare.feed(n, tail, c, id), [
            `${t.name}.bin`,
            `${marker}\r\n${PROMPT} `,
            CHUNK,
            id,
          ] as const);
          return probe(bare).result(id);
        });
        if (b.timedOut || b.painted === undefined || b.start === undefined) throw new Error(`bare xterm.js ${t.label}: not drawn (${JSON.stringify(b)})`);
        const full = await timeSsh(target, t.command, TIMEOUT_MS);
        const empty = await timeSsh(target, 'true', 30_000);
        const o = Math.max(full - empty, 0);
        progress(
          `renderer ${t.name} ${i}/${RUNS}${i === 0 ? ' (untimed)' : ''}: Warren ${ms(w.ms)}, bare ${ms(b.painted - b.start)} (written ${ms((b.written ?? NaN) - b.start)}), OpenSSH ${ms(o)}`,
        );
        if (i === 0) continue;
        warren.push(w.ms);
        reference.push(b.painted - b.start);
        written.push((b.written ?? NaN) - b.start);
        openssh.push(o);
      }
      const ratio = summarize(reference).median / summarize(warren).median;
      const mb = sizes[t.name]! / 1e6;
      lines.push({
        metric: `${t.label} (${mb.toFixed(1)} MB): Enter → prompt`,
        warren: cell(warren),
        bare: cell(reference),
        openssh: cell(openssh),
        ratio: `${ratio.toFixed(2)}× bare`,
        target: '≥ 0.80× bare',
        result: verdict(ratio >= 0.8),
      });
      notes.push(
        `${t.label}: ${mb.toFixed(1)} MB of PTY output; Warren ${(mb / (summarize(warren).median / 1000)).toFixed(1)} MB/s, bare xterm.js ${(mb / (summarize(reference).median / 1000)).toFixed(1)} MB/s (its last write callback at ${ms(summarize(written).median)}), OpenSSH ${(mb / (Math.max(summarize(openssh).median, 1) / 1000)).toFixed(0)} MB/s.`,
      );
    }

    // ---- keystroke → drawn ----
    if (runs('keys')) {
      await typeA('clear\n');
      await waitScreen(page, paneOf(A), `^${PROMPT}$`);
      const keys: number[] = [];
      const hops = { sent: [] as number[], arrived: [] as number[], parsed: [] as number[], drawn: [] as number[], painted: [] as number[] };
      const letters = 'abcdefghijklmnopqrstuvwxyz';
      let typed = '';
      for (let i = 0; i < KEYS; i++) {
        const ch = letters[i % letters.length]!;
        typed += ch;
        const k = await measure(page, { pattern: `^${PROMPT} ${escape(typed)}$`, pane: paneOf(A) }, () => page.keyboard.press(ch), `keystroke ${ch}`, 10_000);
        keys.push(k.ms);
        let from = k.start!;
        for (const hop of ['sent', 'arrived', 'parsed', 'drawn', 'painted'] as const) {
          if (k[hop] === undefined) break;
          hops[hop].push(k[hop] - from);
          from = k[hop];
        }
        if (typed.length === 10) {
          await page.keyboard.press('Control+U');
          await waitScreen(page, paneOf(A), `^${PROMPT}$`);
          typed = '';
        }
        await sleep(20 + Math.random() * 40);
      }
      await page.keyboard.press('Control+U');
      const keyMedian = summarize(keys).median;
      const keyP95 = percentile(keys, 95);
      lines.push(
        { metric: `keystroke → drawn, median of ${KEYS}`, warren: cell(keys), bare: '—', openssh: '—', ratio: '—', target: '≤ 16 ms', result: verdict(keyMedian <= 16) },
        { metric: 'keystroke → drawn, p95', warren: ms(keyP95), bare: '—', openssh: '—', ratio: '—', target: '≤ 33 ms', result: verdict(keyP95 <= 33) },
      );
      progress(`renderer keystrokes: median ${ms(keyMedian)}, p95 ${ms(keyP95)}`);
      const hop = (name: keyof typeof hops) => (hops[name].length > 0 ? `${ms(summarize(hops[name]).median)} (p95 ${ms(percentile(hops[name], 95))})` : '?');
      notes.push(
        `Keystroke hops (medians, each from the one before): keydown → bridge send ${hop('sent')}, → echo frame in the page ${hop('arrived')}, → parsed by xterm.js ${hop('parsed')}, → rendered ${hop('drawn')}, → frame done ${hop('painted')}.`,
      );
    }

    // ---- Ctrl+C during a flood ----
    if (runs('ctrlc')) {
      const interrupts: number[] = [];
      for (let i = 0; i < CTRLC_RUNS; i++) {
        await typeA('clear; yes\n');
        await waitScreen(page, paneOf(A), `^${PROMPT}`, true);
        await sleep(1000);
        const c = await measure(page, { pattern: `^${PROMPT}$`, pane: paneOf(A) }, () => page.keyboard.press('Control+C'), 'Ctrl+C', 60_000);
        interrupts.push(c.ms);
        progress(`renderer Ctrl+C ${i + 1}/${CTRLC_RUNS}: ${ms(c.ms)}`);
      }
      const ctrlC = summarize(interrupts).median;
      lines.push({ metric: 'Ctrl+C during `yes` → prompt drawn', warren: cell(interrupts), bare: '—', openssh: '—', ratio: '—', target: '≤ 300 ms', result: verdict(ctrlC <= 300) });
      progress(`renderer Ctrl+C: median ${ms(ctrlC)}, p95 ${ms(percentile(interrupts, 95))}`);
    }

    // ---- switching tabs during a flood (in A; B idle) ----
    if (runs('tabs')) {
      await typeA('clear; yes\n');
      await waitScreen(page, paneOf(A), `^${PROMPT}`, true);
      await sleep(1000);
      const switches: number[] = [];
      const refreshed: number[] = [];
      for (let i = 0; i < SWITCHES; i++) {
        const to = i % 2 === 0 ? B : A;
        const at = to === B ? tabB : tabA;
        const s = await measure(page, { kind: 'visible', pane: paneOf(to) }, () => page.mouse.click(at.x, at.y), `switch to ${to}`, 30_000);
        switches.push(s.ms);
        if (s.rerendered !== undefined && s.start !== undefined) refreshed.push(s.rerendered - s.start);
        const at2 = (t: number | undefined) => (t === undefined || s.start === undefined ? '?' : ms(t - s.start));
        progress(`renderer switch to ${to}: mouseup ${at2(s.up)}, shown ${at2(s.shown)}, painted ${ms(s.ms)}${s.rerendered !== undefined && s.start !== undefined ? `, its terminal re-rendered at ${ms(s.rerendered - s.start)}` : ''}`);
        await sleep(300);
      }
      if (switches.length % 2 === 1) await page.mouse.click(tabA.x, tabA.y);
      await app.focus();
      await page.keyboard.press('Control+C');
      await waitScreen(page, paneOf(A), `^${PROMPT}$`);
      const switchMedian = summarize(switches).median;
      lines.push({
        metric: 'tab switch during a flood → painted',
        warren: `${cell(switches)}, p95 ${ms(percentile(switches, 95))}`,
        bare: '—',
        openssh: '—',
        ratio: '—',
        target: '≤ 50 ms',
        result: verdict(switchMedian <= 50),
      });
      if (refreshed.length > 0) notes.push(`Tab switch: the shown terminal's own next render came at median ${ms(summarize(refreshed).median)} after the click (${refreshed.length} of ${SWITCHES} switches rendered again).`);
      progress(`renderer tab switch: median ${ms(switchMedian)}, p95 ${ms(percentile(switches, 95))}`);
    }

    // ---- memory: a flood into a page that stops drawing (paused in the debugger) ----
    if (runs('memory')) {
      const outputBytes = Math.round(FLOOD_MB * 1e6);
      const raw = Math.floor((outputBytes * 57) / 77 / 3) * 3; // base64 -w 76: 77 bytes of output per 57 raw (about)
      const pidFile = path.join(work, 'flood.pid');
      rmSync(pidFile, { force: true });
      await typeA(`clear; sh -c 'echo $$ > ${pidFile}; exec head -c ${raw} /dev/zero' | base64; echo FLOOD-$((1+1))`);
      const samples = () => rssBytes(harness!.pid);
      const before: number[] = [];
      for (let i = 0; i < 10; i++) {
        before.push(samples());
        await sleep(100);
      }
      const baseline = summarize(before).median;
      const cdp = await warrenContext.newCDPSession(page);
      await cdp.send('Debugger.enable');
      await page.keyboard.press('Enter');
      await cdp.send('Debugger.pause');
      let peak = baseline;
      let produced = 0;
      let lastProgress = Date.now();
      const floodStart = Date.now();
      for (;;) {
        await sleep(100);
        peak = Math.max(peak, samples());
        let now = produced;
        try {
          const pid = Number(readFileSync(pidFile, 'utf8'));
          now = Number(/wchar:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))?.[1] ?? produced);
        } catch {
          // Not started yet, or `head` has finished.
          if (existsSync(pidFile) && produced > 0) now = raw;
        }
        if (now > produced) {
          produced = now;
          lastProgress = Date.now();
        }
        if (produced >= raw) break;
        if (Date.now() - lastProgress > 5000 && produced > 0) break; // stalled: flow control holds it
        if (Date.now() - floodStart > 120_000) break;
        if (peak - baseline > 4e9) break; // do not let a runaway take the machine down
      }
      const grownMb = (peak - baseline) / 1e6;
      const reason = produced >= raw ? 'the whole flood was produced' : Date.now() - floodStart > 120_000 ? 'stopped after 120 s' : 'the remote stalled (flow control)';
      progress(`renderer memory: baseline ${(baseline / 1e6).toFixed(0)} MB, peak +${grownMb.toFixed(1)} MB; remote produced ${((produced * 4) / 3 / 1e6).toFixed(1)} of ${FLOOD_MB} MB (${reason})`);
      await cdp.send('Debugger.resume');
      await cdp.send('Debugger.disable');
      await page.keyboard.press('Control+C');
      lines.push({
        metric: `${FLOOD_MB} MB flood, page paused: services RSS growth`,
        warren: `${grownMb.toFixed(1)} MB`,
        bare: '—',
        openssh: '—',
        ratio: '—',
        target: '< 50 MB',
        result: verdict(grownMb < 50),
      });
      notes.push(
        `Memory: RSS of the harness process (the services, pid ${harness.pid}) sampled every 100 ms, peak minus the median before; the page was paused with CDP Debugger.pause right after Enter. The remote \`head\` had written ${((produced * 4) / 3 / 1e6).toFixed(1)} MB (as base64) of ${FLOOD_MB} MB when measuring stopped: ${reason}.`,
      );
    }

    notes.unshift(
      `Renderer: ${renderer === 'webgl' ? 'WebGL' : 'DOM'} in both pages (Chromium ${browser.version()}, ${cols}×${rows}, viewport ${viewport.width}×${viewport.height}); bare xterm.js gets the ssh -tt capture in ${CHUNK / 1024} KiB Uint8Array writes, all queued at once.`,
      'Times are page-side: from the input event’s timeStamp (or the first write, for bare xterm.js) to the end of the frame in which xterm.js’s onRender first shows the expected rows (marker line then prompt; the typed text; the prompt after ^C). Tab switch: to the end of the first frame after the pane is un-hidden.',
      `Throughput: ${RUNS} timed runs after one untimed, Warren, bare and OpenSSH alternating; ratio = bare median / Warren median (a throughput ratio). OpenSSH = \`ssh -tt … cmd\` to /dev/null minus \`ssh -tt … true\`.`,
    );
    return { table: formatLines(lines), notes };
  } finally {
    await browser?.close().catch(() => undefined);
    await harness?.stop();
    statics?.server.closeAllConnections();
    await new Promise((r) => (statics ? statics.server.close(r) : r(undefined)));
    rmSync(work, { recursive: true, force: true });
  }
}
