// `npm run bench -- host-tree` (issue 14 item 2): the host tree of the real
// renderer (the built out/renderer, or WARREN_RENDERER_OUT, served by the e2e
// harness with the real services) in Debian's Chromium, with 2,000 hosts in
// 50 folders saved before the start. A benchmark: it prints targets and
// PASS/MISS and never fails because of them. No sshd needed.
//
// Page-side timing lives in host-tree-page/probe.js (read its header). Env:
// BENCH_TREE_HOSTS (2000), BENCH_TREE_FOLDERS (50), BENCH_TREE_LOADS (10
// timed page loads after one untimed).
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from '@playwright/test';
import { buildBridgeClient } from '../e2e/harness/bridge-build';
import { chromiumArgs, chromiumPath } from '../e2e/harness/chromium';
import { startHarness, type RunningHarness } from '../e2e/harness/launch';
import { HostsService } from '../src-main/hosts/hosts-service';
import { noSecretBox } from '../src-main/secrets/secret-box';
import { openConfStore } from '../src-main/settings/settings-store';
import { liveChildren } from './openssh';
import { summarize } from './stats';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const probeScript = path.join(repo, 'bench', 'host-tree-page', 'probe.js');

function countFromEnv(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
}

const HOSTS = countFromEnv('BENCH_TREE_HOSTS', 2000);
const FOLDERS = countFromEnv('BENCH_TREE_FOLDERS', 50);
const LOADS = countFromEnv('BENCH_TREE_LOADS', 10);
const ROLES = ['web', 'db', 'cache', 'queue', 'api', 'mail', 'proxy', 'build'];
const USERS = ['deploy', 'root', 'admin', 'ubuntu'];
/** Typed one key at a time into "Search hosts", each after clearing it. */
const QUERIES = ['web-01', 'db-02', 'api-1', 'proxy-00', 'mail-3', 'cache-12', 'queue-1', 'build-04', 'root@10.0.1', 'xyz'];

const progress = (text: string) => process.stderr.write(`${text}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type SeededHost = { name: string; host: string; username: string; folderId: string };
interface Seeded {
  folders: { id: string; name: string }[];
  hosts: SeededHost[];
  /** The groups pinned above the folders, in the order the tree shows them. */
  favourites: SeededHost[];
  recent: SeededHost[];
}

/** As a user's tree has them: a few favourites and a full Recent group, both drawn and filtered with the rest. */
const FAVOURITE_EVERY = 250;
const RECENT = 8;

const pad = (n: number, width: number) => String(n).padStart(width, '0');

async function seed(dataDir: string): Promise<Seeded> {
  const service = new HostsService(openConfStore(dataDir).store, noSecretBox('bench'));
  const folders = Array.from({ length: FOLDERS }, (_, i) => service.saveFolder({ name: `site-${pad(i, 2)}`, parentId: null }));
  const hosts: Seeded['hosts'] = [];
  const ids: string[] = [];
  for (let i = 0; i < HOSTS; i++) {
    const host = {
      name: `${ROLES[i % ROLES.length]}-${pad(i, 4)}`,
      host: `10.0.${i >> 8}.${i & 255}`,
      port: 22,
      username: USERS[i % USERS.length]!,
      folderId: folders[i % FOLDERS]!.id,
      hostKeyPolicy: 'ask' as const,
      auth: { keyPath: '~/.ssh/id_ed25519', useAgent: true },
    };
    const saved = await service.saveHost({ ...host, ...(i % FAVOURITE_EVERY === 0 ? { favourite: true } : {}) });
    hosts.push(host);
    ids.push(saved.id);
  }
  const recentIndexes = Array.from({ length: RECENT }, (_, n) => (n * 137 + 11) % HOSTS);
  recentIndexes.forEach((i, n) => service.markConnected(ids[i]!, 1_700_000_000_000 + n));
  const favourites = hosts.filter((_, i) => i % FAVOURITE_EVERY === 0).sort(byName);
  const recent = [...recentIndexes].reverse().map((i) => hosts[i]!);
  return { folders, hosts, favourites, recent };
}

// The tree's order and filter (src-renderer/hosts/tree-rows.ts), for what a query must show.
const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base', numeric: true });

function expected(data: Seeded, query: string): { rows: number; firstHost: string | null } {
  const q = query.trim().toLowerCase();
  let rows = 0;
  let firstHost: string | null = null;
  const matches = (h: SeededHost) => [h.name, h.host, h.username, `${h.username}@${h.host}`].some((s) => s.toLowerCase().includes(q));
  for (const group of [data.favourites, data.recent]) {
    const inside = group.filter(matches);
    if (inside.length === 0) continue;
    rows += 1 + inside.length;
    if (firstHost === null) firstHost = `${inside[0]!.name} (${inside[0]!.username}@${inside[0]!.host})`;
  }
  for (const folder of [...data.folders].sort(byName)) {
    const inside = data.hosts
      .filter((h) => h.folderId === folder.id)
      .filter(matches)
      .sort(byName);
    if (inside.length === 0 && !folder.name.toLowerCase().includes(q)) continue;
    rows += 1 + inside.length;
    if (firstHost === null && inside[0]) firstHost = `${inside[0].name} (${inside[0].username}@${inside[0].host})`;
  }
  return { rows, firstHost };
}

interface TreeProbe {
  firstPaint(): number | null;
  treeState(): { rows: number; hosts: string[]; empty: boolean };
  arm(query: string, rows: number, firstHost: string | null, timeoutMs: number): boolean;
  result(): Promise<number | null>;
}
type ProbeWindow = { __treeBench: TreeProbe };
const tb = (page: Page) => ({
  firstPaint: () => page.evaluate(() => (globalThis as unknown as ProbeWindow).__treeBench.firstPaint()),
  arm: (query: string, rows: number, firstHost: string | null) =>
    page.evaluate(([q, r, f]) => (globalThis as unknown as ProbeWindow).__treeBench.arm(q, r, f, 10_000), [query, rows, firstHost] as const),
  result: () => page.evaluate(() => (globalThis as unknown as ProbeWindow).__treeBench.result()),
});

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const ms = (n: number) => `${n.toFixed(n >= 100 ? 0 : 1)} ms`;
const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');

interface Line {
  metric: string;
  median: string;
  p95: string;
  range: string;
  target: string;
  result: string;
}

function formatLines(lines: Line[]): string {
  const header: Line = { metric: 'metric', median: 'median', p95: 'p95', range: 'min–max', target: 'target', result: 'result' };
  const keys = Object.keys(header) as (keyof Line)[];
  const widths = keys.map((k) => Math.max(...[header, ...lines].map((l) => l[k].length)));
  const row = (l: Line) => keys.map((k, i) => l[k].padEnd(widths[i]!)).join('  ').trimEnd();
  return [row(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(row)].join('\n');
}

function line(metric: string, samples: number[], target: string, ok: (median: number, p95: number) => boolean): Line {
  const s = summarize(samples);
  const p95 = percentile(samples, 95);
  return { metric, median: ms(s.median), p95: ms(p95), range: `${ms(s.min)}–${ms(s.max)}`, target, result: verdict(ok(s.median, p95)) };
}

export async function hostTreeBench(): Promise<{ table: string; notes: string[] }> {
  const built = process.env.WARREN_RENDERER_OUT ?? path.join(repo, 'out/renderer');
  if (!existsSync(path.join(built, 'index.html'))) throw new Error(`host-tree bench: ${built} has no build; run \`npm run build\` first`);
  const work = mkdtempSync(path.join(os.tmpdir(), 'warren-bench-tree-'));
  const dataDir = path.join(work, 'data');
  mkdirSync(dataDir);
  let harness: RunningHarness | undefined;
  let browser: Browser | undefined;
  try {
    const seedStart = performance.now();
    const data = await seed(dataDir);
    progress(`host-tree: saved ${HOSTS} hosts in ${FOLDERS} folders in ${((performance.now() - seedStart) / 1000).toFixed(1)} s; renderer built ${statSync(path.join(built, 'index.html')).mtime.toISOString()}`);
    const bridgeClient = await buildBridgeClient('standalone');
    harness = await startHarness(dataDir, { env: { WARREN_BRIDGE_CLIENT: bridgeClient }, onSpawn: (child) => liveChildren.add(child) });
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
    const viewport = { width: 1400, height: 900 };
    const context = await browser.newContext({ viewport });
    await context.addInitScript({ path: probeScript });
    const page = await context.newPage();

    // ---- first paint after the data arrives, over fresh page loads ----
    const paints: number[] = [];
    for (let i = 0; i <= LOADS; i++) {
      await page.goto(harness.url);
      await page.waitForFunction(() => (globalThis as unknown as ProbeWindow).__treeBench.firstPaint() !== null, undefined, { timeout: 30_000 });
      const t = (await tb(page).firstPaint())!;
      progress(`host-tree load ${i}/${LOADS}${i === 0 ? ' (untimed)' : ''}: first paint ${ms(t)} after the data arrived`);
      if (i > 0) paints.push(t);
    }

    // ---- filter as you type ----
    const search = page.getByLabel('Search hosts');
    const keys: number[] = [];
    for (const query of QUERIES) {
      await search.fill('');
      const all = expected(data, '');
      await page.waitForFunction((rows) => (globalThis as unknown as ProbeWindow).__treeBench.treeState().rows === rows, all.rows);
      await search.focus();
      for (let n = 1; n <= query.length; n++) {
        const typed = query.slice(0, n);
        const want = expected(data, typed);
        if (await tb(page).arm(typed, want.rows, want.firstHost)) throw new Error(`host-tree: "${typed}" was shown before it was typed`);
        await page.keyboard.press(query[n - 1]!);
        const t = await tb(page).result();
        if (t === null) throw new Error(`host-tree: "${typed}" (${want.rows} rows, first ${want.firstHost}) not shown within 10 s; the tree shows ${JSON.stringify(await page.evaluate(() => (globalThis as unknown as ProbeWindow).__treeBench.treeState().rows))} rows`);
        keys.push(t);
        await sleep(30 + Math.random() * 50);
      }
      progress(`host-tree filter "${query}": ${keys.slice(-query.length).map((k) => k.toFixed(0)).join(', ')} ms`);
    }

    const lines = [
      line(`first paint after the host data arrives (${LOADS} loads)`, paints, '≤ 150 ms', (m) => m <= 150),
      line(`filter keystroke → painted (${keys.length} keys)`, keys, '≤ 50 ms p95', (_m, p95) => p95 <= 50),
    ];
    const notes = [
      `Host tree: ${HOSTS} hosts in ${FOLDERS} folders (${HOSTS / FAVOURITE_EVERY} favourites and ${RECENT} recent pinned above them), Chromium ${browser.version()} (headless), viewport ${viewport.width}×${viewport.height}; times are page-side (host-tree-page/probe.js).`,
      'First paint: from the WebSocket message holding the host list reaching the page to the end of the first frame showing a tree row. Filter: from the keydown’s timeStamp to the end of the first frame whose tree holds exactly the expected rows for the typed text.',
      `Queries typed key by key: ${QUERIES.map((q) => `"${q}"`).join(', ')}.`,
      // p95s on a shared two-core box follow what else runs; the load says how busy it was.
      `Load average (1 min) at the end: ${os.loadavg()[0]!.toFixed(2)} on ${os.cpus().length} CPUs.`,
    ];
    return { table: formatLines(lines), notes };
  } finally {
    await browser?.close().catch(() => undefined);
    await harness?.stop();
    rmSync(work, { recursive: true, force: true });
  }
}
