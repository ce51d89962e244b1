import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openConfStore } from '../settings/settings-store';
import { keyFileSecretBox, noSecretBox } from '../secrets/secret-box';
import { HostsService } from './hosts-service';

const tempDir = () => mkdtempSync(path.join(os.tmpdir(), 'warren-hosts-'));
const open = (dir: string) => new HostsService(openConfStore(dir).store, keyFileSecretBox(dir));
const base = { name: 'web', host: 'example.test', port: 22, username: 'deploy', folderId: null, hostKeyPolicy: 'ask' as const };
const keyAuth = (keyPath: string) => ({ keyPath, useAgent: false });
const pwAuth = (password?: string) => ({ keyPath: null, useAgent: false, ...(password === undefined ? {} : { password }) });

describe('HostsService', () => {
  it('keeps hosts and folders across a restart, nested as saved', async () => {
    const dir = tempDir();
    const hosts = open(dir);
    const ops = hosts.saveFolder({ name: 'ops', parentId: null });
    const prod = hosts.saveFolder({ name: 'prod', parentId: ops.id });
    const web = await hosts.saveHost({ ...base, folderId: prod.id, auth: keyAuth('~/.ssh/id_ed25519') });
    const again = open(dir).list();
    expect(again.folders).toEqual([ops, prod]);
    expect(again.hosts).toEqual([web]);
  });

  it('stores a password encrypted, never shows it, and keeps it when the form leaves it empty', async () => {
    const dir = tempDir();
    const hosts = open(dir);
    const secret = 'correct horse battery staple';
    const view = await hosts.saveHost({ ...base, auth: pwAuth(secret) });
    expect(view.auth).toEqual({ keyPath: null, useAgent: false, hasSavedPassword: true, hasSavedPassphrase: false });
    expect(JSON.stringify(hosts.list())).not.toContain(secret);
    const onDisk = readFileSync(path.join(dir, 'hosts.json'), 'utf8') + readFileSync(path.join(dir, 'hosts.log'), 'utf8');
    expect(onDisk).toContain(view.id);
    expect(onDisk).not.toContain(secret);
    expect(onDisk).not.toContain(Buffer.from(secret).toString('base64'));
    // Renaming sends no password: the saved one stays.
    const renamed = await open(dir).saveHost({ ...base, id: view.id, name: 'web-renamed', auth: pwAuth() });
    expect(renamed.auth.hasSavedPassword).toBe(true);
    const reopened = open(dir);
    expect(await reopened.savedPassword(reopened.get(view.id))).toBe(secret);
    // An empty password forgets it.
    expect((await reopened.saveHost({ ...base, id: view.id, auth: pwAuth('') })).auth).toEqual({ keyPath: null, useAgent: false, hasSavedPassword: false, hasSavedPassphrase: false });
  });

  it('refuses to store a password where secrets cannot be encrypted', async () => {
    const dir = tempDir();
    const hosts = new HostsService(openConfStore(dir).store, noSecretBox('no keyring was found'));
    await expect(hosts.saveHost({ ...base, auth: pwAuth('x') })).rejects.toThrow(/cannot store passwords on this machine: no keyring was found/);
    expect(hosts.list().hosts).toHaveLength(0);
  });

  it('moves hosts and folders, but never a folder into itself', async () => {
    const hosts = open(tempDir());
    const a = hosts.saveFolder({ name: 'a', parentId: null });
    const b = hosts.saveFolder({ name: 'b', parentId: a.id });
    const h = await hosts.saveHost({ ...base, auth: keyAuth('/k') });
    hosts.move('host', h.id, b.id);
    expect(hosts.list().hosts[0]?.folderId).toBe(b.id);
    expect(() => hosts.move('folder', a.id, b.id)).toThrow('A folder cannot be put inside itself.');
    expect(() => hosts.move('folder', a.id, a.id)).toThrow('A folder cannot be put inside itself.');
    hosts.move('folder', b.id, null);
    expect(hosts.list().folders.find((f) => f.id === b.id)?.parentId).toBeNull();
  });

  it('deleting a folder deletes its subfolders and their hosts, and nothing else', async () => {
    const hosts = open(tempDir());
    const a = hosts.saveFolder({ name: 'a', parentId: null });
    const b = hosts.saveFolder({ name: 'b', parentId: a.id });
    const keep = hosts.saveFolder({ name: 'keep', parentId: null });
    await hosts.saveHost({ ...base, name: 'in-b', folderId: b.id, auth: keyAuth('/k') });
    const kept = await hosts.saveHost({ ...base, name: 'in-keep', folderId: keep.id, auth: keyAuth('/k') });
    const top = await hosts.saveHost({ ...base, name: 'top', auth: keyAuth('/k') });
    hosts.removeFolder(a.id);
    expect(hosts.list()).toEqual({ folders: [keep], hosts: [kept, top] });
  });

  it('moves a corrupt settings file aside, keeps it, and starts empty with a notice', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'settings.json');
    writeFileSync(file, '{"hosts": {"folders": [');
    const { store, notices } = openConfStore(dir);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/could not be read and was moved aside to .*settings\.corrupt-.*\.json/);
    const aside = notices[0]!.match(/moved aside to (\S+\.json)/)![1]!;
    expect(readFileSync(aside, 'utf8')).toBe('{"hosts": {"folders": [');
    expect(new HostsService(store, keyFileSecretBox(dir)).list()).toEqual({ folders: [], hosts: [] });
  });

  it('does not touch hosts saved by a newer Warren', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'settings.json');
    const future = JSON.stringify({ hostsSchemaVersion: 99, hosts: { something: 'new' } });
    writeFileSync(file, future);
    const hosts = open(dir);
    expect(hosts.notices[0]).toMatch(/newer version of Warren/);
    expect(() => hosts.saveFolder({ name: 'x', parentId: null })).toThrow(/newer version of Warren/);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(JSON.parse(future));
  });

  it('starts a hosts file of its own beside a settings file without hosts, and leaves that file alone', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({ other: 1 }));
    open(dir);
    expect(JSON.parse(readFileSync(path.join(dir, 'settings.json'), 'utf8'))).toEqual({ other: 1 });
    expect(JSON.parse(readFileSync(path.join(dir, 'hosts.json'), 'utf8'))).toMatchObject({ format: 'warren-hosts', hostsSchemaVersion: 4, folders: [], hosts: [] });
  });

  it('migrates version 1 hosts (one auth method each) through each version to the latest, keeping the sealed password and starting with no forwards', async () => {
    const dir = tempDir();
    const v1 = {
      hostsSchemaVersion: 1,
      hosts: {
        folders: [{ id: 'f1', name: 'old', parentId: null }],
        hosts: [
          { id: 'h1', name: 'pw', host: 'a.test', port: 22, username: 'u', auth: { type: 'password', sealedPassword: 'SEALED' }, folderId: 'f1' },
          { id: 'h2', name: 'key', host: 'b.test', port: 2200, username: 'u', auth: { type: 'key', keyPath: '/k' }, folderId: null },
        ],
      },
    };
    writeFileSync(path.join(dir, 'settings.json'), JSON.stringify(v1));
    const hosts = open(dir);
    expect(hosts.list().hosts.map((h) => [h.name, h.auth, h.hostKeyPolicy])).toEqual([
      ['pw', { keyPath: null, useAgent: false, hasSavedPassword: true, hasSavedPassphrase: false }, 'ask'],
      ['key', { keyPath: '/k', useAgent: false, hasSavedPassword: false, hasSavedPassphrase: false }, 'ask'],
    ]);
    const onDisk = JSON.parse(readFileSync(path.join(dir, 'hosts.json'), 'utf8'));
    expect(onDisk.hostsSchemaVersion).toBe(4);
    expect(JSON.parse(readFileSync(path.join(dir, 'settings.json'), 'utf8'))).toEqual({});
    expect(onDisk.hosts[0].auth).toEqual({ keyPath: null, useAgent: false, sealedPassword: 'SEALED' });
    expect(onDisk.hosts[1]).toMatchObject({ forwards: [], exitOnForwardFailure: false, jumpHosts: [], keepaliveIntervalSec: 30, keepaliveCountMax: 3, agentForward: false });
  });
});
