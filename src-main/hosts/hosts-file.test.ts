// Hosts on a real file system under faults: a full disk, a read-only data
// folder, two writers on one folder, the move out of settings.json, and a
// crash in the middle of a compaction. Full and read-only folders are small
// tmpfs mounts, which only root can make; elsewhere those tests are skipped
// with the reason printed.
import { afterEach, describe, expect, it } from 'vitest';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { storedHost } from '../../test-support/stored-records';
import { testServices } from '../../test-support/services';
import { fillDisk, TmpfsMounts } from '../../test-support/disk-faults';
import { createRouter } from '../ipc/router';
import { keyFileSecretBox, noSecretBox } from '../secrets/secret-box';
import { openConfStore } from '../settings/settings-store';
import type { SettingsStore } from '../storage/store';
import { HostsService } from './hosts-service';

const ctx = { clientId: 'w1' };
const tempDir = () => mkdtempSync(path.join(os.tmpdir(), 'warren-hosts-file-'));
const open = (dir: string, store: SettingsStore = openConfStore(dir).store) => new HostsService(store, noSecretBox('tests'));
const input = (name: string, folderId: string | null = null) => ({ name, host: `${name}.example.test`, port: 22, username: 'u', folderId, hostKeyPolicy: 'ask' as const, auth: { keyPath: '/k', useAgent: false } });
/** Every byte of the hosts files, to show a failed change left them alone. */
const files = (dir: string) => Object.fromEntries(['hosts.json', 'hosts.log', 'settings.json'].filter((f) => existsSync(path.join(dir, f))).map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]));

const disks = new TmpfsMounts();
afterEach(() => disks.unmountAll());

describe('hosts on a full disk', () => {
  it('refuses each change with "the disk is full", and the list and the files stay as they were', async (test) => {
    const dir = disks.mount('size=512k');
    if (!dir) return test.skip();
    const hosts = open(dir);
    const folder = hosts.saveFolder({ name: 'ops', parentId: null });
    const web = await hosts.saveHost(input('web', folder.id));
    await hosts.saveHost(input('db'));
    fillDisk(dir);
    const before = hosts.list();
    const onDisk = files(dir);
    const attempts: Array<[string, () => unknown]> = [
      ['save a new host', () => hosts.saveHost(input('new'))],
      ['edit a host', () => hosts.saveHost({ ...input('web-renamed', folder.id), id: web.id })],
      ['delete a host', () => hosts.removeHost(web.id)],
      ['move a host', () => hosts.move('host', web.id, null)],
      ['save a folder', () => hosts.saveFolder({ name: 'more', parentId: null })],
      ['delete a folder', () => hosts.removeFolder(folder.id)],
    ];
    for (const [what, attempt] of attempts) {
      const error = await Promise.resolve().then(attempt).then(() => null, (e: unknown) => e);
      expect(error, what).toMatchObject({ code: 'disk-full' });
      expect((error as Error).message, what).toMatch(/^Warren could not save: the disk is full\. .*\(.*hosts\.json\)\. Nothing was changed\.$/);
      expect(hosts.list(), what).toEqual(before);
      expect(files(dir), what).toEqual(onDisk);
    }
    // What a restart would show is what the running app shows.
    expect(open(dir).list()).toEqual(before);
  });

  it('answers hosts:save and settings:set through the router with the disk-full sentence, not "internal error"', async (test) => {
    const dir = disks.mount('size=512k');
    if (!dir) return test.skip();
    const { services } = testServices({ secrets: noSecretBox('tests') }, dir);
    const router = createRouter(services.handlers);
    await router.call('settings:set', { autoReconnect: false }, ctx);
    fillDisk(dir);
    const onDisk = files(dir);
    const saved = await router.call('hosts:save', input('web'), ctx);
    expect(saved).toMatchObject({ ok: false, error: { code: 'disk-full', message: expect.stringMatching(/Warren could not save: the disk is full/) } });
    const set = await router.call('settings:set', { autoReconnect: true }, ctx);
    expect(set).toMatchObject({ ok: false, error: { code: 'disk-full', message: expect.stringMatching(/Warren could not save: the disk is full\. .*settings\.json\)\. Nothing was changed\./) } });
    expect(await router.call('settings:get', {}, ctx)).toMatchObject({ ok: true, value: { autoReconnect: false } });
    expect(await router.call('hosts:list', {}, ctx)).toEqual({ ok: true, value: { folders: [], hosts: [] } });
    expect(files(dir)).toEqual(onDisk);
  });
});

describe('a read-only data folder at first start', () => {
  it('starts, says the folder is read-only, and refuses every save with that reason', async (test) => {
    const dir = disks.mount('size=1m');
    if (!dir) return test.skip();
    execFileSync('mount', ['-o', 'remount,ro', dir]);
    const { services } = testServices({ secrets: noSecretBox('tests') }, dir);
    const router = createRouter(services.handlers);
    const info = await router.call('app:info', {}, ctx);
    expect(info.ok && (info.value as { notices: string[] }).notices).toContainEqual(expect.stringMatching(/Warren's data folder .* is read-only; changes cannot be saved/));
    expect(await router.call('hosts:list', {}, ctx)).toEqual({ ok: true, value: { folders: [], hosts: [] } });
    expect(await router.call('hosts:save', input('web'), ctx)).toMatchObject({ ok: false, error: { code: 'read-only', message: expect.stringMatching(/read-only; changes cannot be saved/) } });
    expect(await router.call('folders:save', { name: 'x', parentId: null }, ctx)).toMatchObject({ ok: false, error: { code: 'read-only' } });
    expect(await router.call('settings:set', { autoReconnect: false }, ctx)).toMatchObject({ ok: false, error: { code: 'read-only', message: expect.stringMatching(/Warren could not save: the folder is on a read-only file system/) } });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('still shows the hosts of an old settings.json it cannot move, and changes nothing', async (test) => {
    const dir = disks.mount('size=1m');
    if (!dir) return test.skip();
    const legacy = { hostsSchemaVersion: 4, hosts: { folders: [{ id: 'f1', name: 'ops', parentId: null }], hosts: [storedHost('h1', 'web', 'f1')] } };
    writeFileSync(path.join(dir, 'settings.json'), JSON.stringify(legacy));
    execFileSync('mount', ['-o', 'remount,ro', dir]);
    const hosts = open(dir);
    expect(hosts.notices[0]).toMatch(/read-only; changes cannot be saved/);
    expect(hosts.list().hosts.map((h) => h.name)).toEqual(['web']);
    expect(() => hosts.removeHost('h1')).toThrow(/read-only/);
    expect(JSON.parse(readFileSync(path.join(dir, 'settings.json'), 'utf8'))).toEqual(legacy);
  });
});

describe('two writers on one folder', () => {
  it('two services saving 150 hosts each, interleaved, keep all 300, through compactions', async () => {
    const dir = tempDir();
    const a = open(dir);
    const b = open(dir);
    for (let i = 0; i < 150; i++) {
      await a.saveHost(input(`a-${i}`));
      await b.saveHost(input(`b-${i}`));
    }
    const names = (s: HostsService) => s.list().hosts.map((h) => h.name).sort();
    const expected = [...Array.from({ length: 150 }, (_, i) => `a-${i}`), ...Array.from({ length: 150 }, (_, i) => `b-${i}`)].sort();
    expect(names(a)).toEqual(expected);
    expect(names(b)).toEqual(expected);
    expect(names(open(dir))).toEqual(expected);
    // 300 changes of ~300 bytes pass the 64 KiB limit: at least one compaction happened under the other writer.
    expect(JSON.parse(readFileSync(path.join(dir, 'hosts.json'), 'utf8')).generation).toBeGreaterThan(1);
  });

  it('builds each change on what the other wrote: a host saved into a folder the other deleted is refused', async () => {
    const dir = tempDir();
    const a = open(dir);
    const b = open(dir);
    const folder = a.saveFolder({ name: 'doomed', parentId: null });
    b.list();
    a.removeFolder(folder.id);
    await expect(b.saveHost(input('late', folder.id))).rejects.toMatchObject({ code: 'not-found' });
    expect(open(dir).list()).toEqual({ folders: [], hosts: [] });
  });

  it('two processes saving 100 hosts each at the same time keep all 200', async () => {
    const dir = tempDir();
    open(dir);
    const here = path.dirname(fileURLToPath(import.meta.url));
    const script = `
      import { HostsService } from ${JSON.stringify(path.join(here, 'hosts-service.ts'))};
      import { openConfStore } from ${JSON.stringify(path.join(here, '../settings/settings-store.ts'))};
      import { noSecretBox } from ${JSON.stringify(path.join(here, '../secrets/secret-box.ts'))};
      const [dir, prefix] = process.argv.slice(-2);
      const hosts = new HostsService(openConfStore(dir).store, noSecretBox('tests'));
      for (let i = 0; i < 100; i++) await hosts.saveHost({ name: prefix + i, host: 'h.test', port: 22, username: 'u', folderId: null, hostKeyPolicy: 'ask', auth: { keyPath: null, useAgent: false } });
    `;
    const scriptFile = path.join(tempDir(), 'writer.mts');
    writeFileSync(scriptFile, script);
    const tsx = path.resolve(here, '../../node_modules/.bin/tsx');
    const run = (prefix: string) =>
      new Promise<void>((resolve, reject) => {
        const child = spawn(tsx, [scriptFile, dir, prefix], { stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`writer ${prefix} exited ${code}: ${stderr}`))));
      });
    await Promise.all([run('p-'), run('q-')]);
    expect(open(dir).list().hosts).toHaveLength(200);
  }, 60_000);
});

describe('moving hosts out of settings.json', () => {
  const legacy = {
    hostsSchemaVersion: 4,
    hosts: { folders: [{ id: 'f1', name: 'ops', parentId: null }], hosts: [storedHost('h1', 'web', 'f1'), storedHost('h2', 'db', null)] },
    app: { autoReconnect: false },
  };

  it('writes hosts.json first, then removes the keys from settings.json, losing nothing', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'settings.json'), JSON.stringify(legacy));
    const hosts = open(dir);
    expect(hosts.list().hosts.map((h) => h.id)).toEqual(['h1', 'h2']);
    expect(JSON.parse(readFileSync(path.join(dir, 'settings.json'), 'utf8'))).toEqual({ app: { autoReconnect: false } });
    expect(JSON.parse(readFileSync(path.join(dir, 'hosts.json'), 'utf8'))).toMatchObject({ hosts: legacy.hosts.hosts, folders: legacy.hosts.folders });
    expect(open(dir).list()).toEqual(hosts.list());
  });

  it('keeps the keys when they cannot be removed, and removes them on the next start', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'settings.json'), JSON.stringify(legacy));
    const { store } = openConfStore(dir);
    const stuck: SettingsStore = { ...store, get: store.get, set: store.set, path: store.path, delete: () => { throw new Error('EIO'); } };
    expect(open(dir, stuck).list().hosts).toHaveLength(2);
    expect(JSON.parse(readFileSync(path.join(dir, 'settings.json'), 'utf8'))).toEqual(legacy);
    // The next start finds hosts.json holding everything the old keys hold, and removes them.
    const again = open(dir);
    expect(again.notices).toEqual([]);
    expect(again.list().hosts.map((h) => h.id)).toEqual(['h1', 'h2']);
    expect(JSON.parse(readFileSync(path.join(dir, 'settings.json'), 'utf8'))).toEqual({ app: { autoReconnect: false } });
  });

  it('leaves hosts in settings.json alone, with a notice, when hosts.json does not hold them all', () => {
    const dir = tempDir();
    open(dir);
    // An older Warren, started after the move, saved a host where it knows to.
    const older = { ...legacy, hosts: { ...legacy.hosts, hosts: [storedHost('h9', 'older', null)] } };
    writeFileSync(path.join(dir, 'settings.json'), JSON.stringify(older));
    const hosts = open(dir);
    expect(hosts.notices).toEqual([expect.stringMatching(/settings\.json still holds hosts that are not in .*hosts\.json .*left there untouched/)]);
    expect(JSON.parse(readFileSync(path.join(dir, 'settings.json'), 'utf8'))).toEqual(older);
  });

  it('never creates hosts.json over hosts it cannot read (a newer format), and leaves settings.json alone', () => {
    const dir = tempDir();
    const future = JSON.stringify({ hostsSchemaVersion: 99, hosts: { something: 'new' } });
    writeFileSync(path.join(dir, 'settings.json'), future);
    const hosts = open(dir);
    expect(hosts.notices[0]).toMatch(/newer version of Warren/);
    expect(existsSync(path.join(dir, 'hosts.json'))).toBe(false);
    expect(readFileSync(path.join(dir, 'settings.json'), 'utf8')).toBe(future);
  });
});

describe('crashes', () => {
  it('a temp file left by a crashed compaction is removed and loses nothing', async () => {
    const dir = tempDir();
    const hosts = open(dir);
    await hosts.saveHost(input('web'));
    const leftover = path.join(dir, '.hosts.json.4242-deadbeef.tmp');
    writeFileSync(leftover, '{"format":"warren-hosts","generation":9,"hostsSchemaVersion":4,"folders":[');
    const again = open(dir);
    expect(again.list().hosts.map((h) => h.name)).toEqual(['web']);
    expect(existsSync(leftover)).toBe(false);
  });

  it('a crash after the new snapshot but before the fresh log: the old log is not applied twice', async () => {
    const dir = tempDir();
    const hosts = open(dir);
    const web = await hosts.saveHost(input('web'));
    await hosts.saveHost(input('db'));
    const oldLog = readFileSync(path.join(dir, 'hosts.log'), 'utf8');
    hosts.removeHost(web.id);
    // Compact (a fresh start with changes in the log may, 1,000 changes always do), then put the old log back.
    for (let i = 0; i < 1000; i++) hosts.move('host', hosts.list().hosts[0]!.id, null);
    writeFileSync(path.join(dir, 'hosts.log'), oldLog.replace(/"generation":\d+/, '"generation":1'));
    const again = open(dir);
    expect(again.list().hosts.map((h) => h.name)).toEqual(['db']);
    await again.saveHost(input('after'));
    expect(open(dir).list().hosts.map((h) => h.name)).toEqual(['db', 'after']);
  });

  it('a half-written last line is ignored, then cut before the next change', async () => {
    const dir = tempDir();
    const hosts = open(dir);
    await hosts.saveHost(input('web'));
    appendFileSync(path.join(dir, 'hosts.log'), '{"c":[{"put":"host","host":{"id":"x","na');
    const again = open(dir);
    expect(again.list().hosts.map((h) => h.name)).toEqual(['web']);
    await again.saveHost(input('db'));
    const log = readFileSync(path.join(dir, 'hosts.log'), 'utf8');
    expect(log.endsWith('\n')).toBe(true);
    expect(log).not.toContain('"na\n');
    expect(open(dir).list().hosts.map((h) => h.name)).toEqual(['web', 'db']);
  });

  it('checks a snapshot edited by hand against the schema: a good edit is read, a bad one makes hosts read-only', async () => {
    const dir = tempDir();
    await open(dir).saveHost(input('web'));
    const file = path.join(dir, 'hosts.json');
    const snapshot = JSON.parse(readFileSync(file, 'utf8')) as { hosts: Array<Record<string, unknown>>; folders: unknown[] };
    const log = readFileSync(path.join(dir, 'hosts.log'), 'utf8');
    // Fold the log into a hand-written snapshot (no checksum matches it any more).
    const byHand = { ...snapshot, hosts: [{ ...JSON.parse(log.split('\n')[1]!).c[0].host, name: 'renamed by hand' }] };
    writeFileSync(file, JSON.stringify(byHand));
    writeFileSync(path.join(dir, 'hosts.log'), '');
    expect(open(dir).list().hosts.map((h) => h.name)).toEqual(['renamed by hand']);
    writeFileSync(file, JSON.stringify({ ...byHand, hosts: [{ ...byHand.hosts[0], port: 'twenty-two' }] }));
    const broken = open(dir);
    expect(broken.notices).toEqual([expect.stringMatching(/could not be read .*Warren will not overwrite it/)]);
    expect(() => broken.saveFolder({ name: 'y', parentId: null })).toThrow(/could not be read/);
  });

  it('an unreadable hosts file makes hosts read-only with a notice and is never written over', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'hosts.json'), '{"format":"warren-hosts", not json');
    const hosts = open(dir);
    expect(hosts.notices).toEqual([expect.stringMatching(/The saved hosts in .*hosts\.json could not be read .* Warren will not overwrite it/)]);
    expect(() => hosts.saveFolder({ name: 'x', parentId: null })).toThrow(/could not be read/);
    expect(readFileSync(path.join(dir, 'hosts.json'), 'utf8')).toBe('{"format":"warren-hosts", not json');
  });
});

describe('remember()', () => {
  it('does not reject when the write fails: it logs, and tells the user once', async (test) => {
    const dir = disks.mount('size=512k');
    if (!dir) return test.skip();
    const logged: string[] = [];
    const notices: string[] = [];
    const hosts = new HostsService(openConfStore(dir).store, keyFileSecretBox(dir), { log: (l) => logged.push(l), notice: (n) => notices.push(n) });
    const web = await hosts.saveHost(input('web'));
    fillDisk(dir);
    await expect(hosts.remember(web.id, { password: 'p' })).resolves.toBeUndefined();
    await expect(hosts.remember(web.id, { password: 'p' })).resolves.toBeUndefined();
    expect(logged).toHaveLength(2);
    expect(notices).toEqual([expect.stringMatching(/could not save the password to remember it: Warren could not save: the disk is full/)]);
    expect(hosts.list().hosts[0]!.auth.hasSavedPassword).toBe(false);
  });
});
