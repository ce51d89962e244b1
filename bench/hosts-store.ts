// `npm run bench -- hosts`: the hosts store at 10,000 hosts in 100 folders.
// Measures what the user feels: a fresh start until the list is ready, and
// how long a save or a delete blocks the main process (performance.now around
// the synchronous part of the service call) and takes in all (the request
// through the router, as the renderer sends it). No sshd needed.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRouter } from '../src-main/ipc/router';
import { HostsService } from '../src-main/hosts/hosts-service';
import { noSecretBox } from '../src-main/secrets/secret-box';
import { openConfStore } from '../src-main/settings/settings-store';
import { testServices } from '../test-support/services';

const HOSTS = Number(process.env.BENCH_HOSTS ?? 10_000);
const FOLDERS = 100;
const OPS = Number(process.env.BENCH_HOSTS_OPS ?? 2000);
const STARTS = 5;

const input = (i: number, folderId: string, id?: string) => ({
  ...(id ? { id } : {}),
  name: `host-${i}`,
  host: `h${i}.example.test`,
  port: 22,
  username: 'deploy',
  folderId,
  hostKeyPolicy: 'ask' as const,
  auth: { keyPath: '~/.ssh/id_ed25519', useAgent: true },
  jumpHosts: i % 10 === 0 ? ['bastion'] : [],
});

export interface Stat {
  name: string;
  p50: number;
  p95: number;
  max: number;
  n: number;
}

function stat(name: string, samples: number[]): Stat {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { name, p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1]!, n: sorted.length };
}

const open = (dir: string) => new HostsService(openConfStore(dir).store, noSecretBox('bench'));
const progress = (text: string) => process.stderr.write(`${text}\n`);

export async function hostsBench(): Promise<{ table: string; notes: string[] }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'warren-bench-hosts-'));
  try {
    // Fill the store through the service, as a user (or an import) would.
    const seed = open(dir);
    const folders = Array.from({ length: FOLDERS }, (_, i) => seed.saveFolder({ name: `folder-${i}`, parentId: null }).id);
    const seedStart = performance.now();
    for (let i = 0; i < HOSTS; i++) await seed.saveHost(input(i, folders[i % FOLDERS]!));
    progress(`hosts: seeded ${HOSTS} hosts in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

    const starts: number[] = [];
    for (let run = 0; run < STARTS; run++) {
      const t0 = performance.now();
      const listed = open(dir).list();
      starts.push(performance.now() - t0);
      if (listed.hosts.length !== HOSTS) throw new Error(`listed ${listed.hosts.length} hosts, expected ${HOSTS}`);
    }

    // Blocking time: the synchronous part of each call (saveHost's promise is already settled when it returns).
    const hosts = open(dir);
    const saveBlock: number[] = [];
    const deleteBlock: number[] = [];
    const ids = hosts.list().hosts.map((h) => h.id);
    let next = HOSTS;
    for (let i = 0; i < OPS; i++) {
      const editing = i % 2 === 0 ? ids[(i * 7919) % ids.length] : undefined;
      const t0 = performance.now();
      const saving = hosts.saveHost(input(editing ? i : next++, folders[i % FOLDERS]!, editing));
      saveBlock.push(performance.now() - t0);
      const saved = await saving;
      if (!editing) ids.push(saved.id);
      const victim = (i * 104_729) % ids.length;
      const t1 = performance.now();
      hosts.removeHost(ids[victim]!);
      deleteBlock.push(performance.now() - t1);
      ids.splice(victim, 1);
    }

    // Whole requests through the router, with the other services wired as in the app.
    const { services } = testServices({ secrets: noSecretBox('bench') }, dir);
    const router = createRouter(services.handlers);
    const ctx = { clientId: 'bench' };
    const saveTotal: number[] = [];
    const deleteTotal: number[] = [];
    const listTotal: number[] = [];
    for (let i = 0; i < 200; i++) {
      let t0 = performance.now();
      const saved = await router.call('hosts:save', input(next++, folders[i % FOLDERS]!), ctx);
      saveTotal.push(performance.now() - t0);
      if (!saved.ok) throw new Error(saved.error.message);
      t0 = performance.now();
      const removed = await router.call('hosts:remove', { id: (saved.value as { id: string }).id }, ctx);
      deleteTotal.push(performance.now() - t0);
      if (!removed.ok) throw new Error(removed.error.message);
      t0 = performance.now();
      await router.call('hosts:list', {}, ctx);
      listTotal.push(performance.now() - t0);
    }
    await services.dispose();

    const size = (name: string) => {
      try {
        return `${(statSync(path.join(dir, name)).size / 1024).toFixed(0)} KiB`;
      } catch {
        return '-';
      }
    };
    const rows = [
      stat('fresh start → listed', starts),
      stat('save: main blocked', saveBlock),
      stat('delete: main blocked', deleteBlock),
      stat('hosts:save request', saveTotal),
      stat('hosts:remove request', deleteTotal),
      stat('hosts:list request', listTotal),
    ];
    const header = ['metric (ms)', 'p50', 'p95', 'max', 'n'];
    const body = rows.map((r) => [r.name, r.p50.toFixed(2), r.p95.toFixed(2), r.max.toFixed(2), String(r.n)]);
    const widths = header.map((h, i) => Math.max(h.length, ...body.map((line) => line[i]!.length)));
    const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
    const table = [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
    return {
      table,
      notes: [
        `Hosts store: ${HOSTS} hosts in ${FOLDERS} folders; ${OPS} saves (half edits, half new) and ${OPS} deletes timed on the service, 200 of each through the router.`,
        `Files: hosts.json ${size('hosts.json')}, hosts.log ${size('hosts.log')}, settings.json ${size('settings.json')}. Max includes a compaction (every 1,000 changes).`,
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
