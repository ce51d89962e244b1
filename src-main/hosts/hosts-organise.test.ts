// Colour, tags, Favourites and Recent: saved, validated, kept across a
// restart, and absent from older files without breaking them.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openConfStore } from '../settings/settings-store';
import { keyFileSecretBox } from '../secrets/secret-box';
import { hostInput, type ConnectionSettings } from '../../src-shared/contract';
import { storedHost } from '../../test-support/stored-records';
import { HostsService, type HostsOptions } from './hosts-service';

const tempDir = () => mkdtempSync(path.join(os.tmpdir(), 'warren-organise-'));
const open = (dir: string, options: HostsOptions = {}) => new HostsService(openConfStore(dir).store, keyFileSecretBox(dir), options);
const base = { name: 'web', host: 'example.test', port: 22, username: 'deploy', folderId: null, auth: { keyPath: '/k', useAgent: false } };

describe('host colour and tags', () => {
  it('keeps a colour and tags across a restart; an edit that leaves them out keeps them; null clears the colour', async () => {
    const dir = tempDir();
    const saved = await open(dir).saveHost({ ...base, color: 'green', tags: ['prod', 'eu', 'prod'] });
    expect(saved).toMatchObject({ color: 'green', tags: ['prod', 'eu'] });
    const renamed = await open(dir).saveHost({ ...base, id: saved.id, name: 'web-2' });
    expect(renamed).toMatchObject({ color: 'green', tags: ['prod', 'eu'] });
    const cleared = await open(dir).saveHost({ ...base, id: saved.id, color: null, tags: [] });
    expect(cleared).toMatchObject({ color: null, tags: [] });
  });

  it('the contract refuses an unknown colour and a tag with a space or comma', () => {
    expect(hostInput.safeParse({ ...base, color: 'chartreuse' }).success).toBe(false);
    expect(hostInput.safeParse({ ...base, tags: ['two words'] }).success).toBe(false);
    expect(hostInput.safeParse({ ...base, tags: ['a,b'] }).success).toBe(false);
    expect(hostInput.safeParse({ ...base, tags: ['prod'], color: 'teal' }).success).toBe(true);
  });

  it('a hosts file from before colours, tags, favourites and connect times loads as it is, with none of them', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'hosts.json'), JSON.stringify({ format: 'warren-hosts', generation: 1, hostsSchemaVersion: 4, folders: [], hosts: [storedHost('h1', 'old', null)] }));
    const hosts = open(dir);
    expect(hosts.notices).toEqual([]);
    expect(hosts.list().hosts).toEqual([expect.objectContaining({ id: 'h1', color: null, tags: [], favourite: false, lastConnectedAt: null })]);
  });
});

describe('Favourites and Recent', () => {
  it('a favourite is saved and unpinned again; the flag survives an edit from the form', async () => {
    const dir = tempDir();
    const hosts = open(dir);
    const web = await hosts.saveHost(base);
    expect(hosts.setFavourite(web.id, true).favourite).toBe(true);
    await open(dir).saveHost({ ...base, id: web.id, name: 'renamed' });
    expect(open(dir).list().hosts[0]).toMatchObject({ name: 'renamed', favourite: true });
    expect(open(dir).setFavourite(web.id, false).favourite).toBe(false);
    expect(open(dir).list().hosts[0]?.favourite).toBe(false);
  });

  it('records when a host last connected, on disk, and tells the listener; an unknown host changes nothing', async () => {
    const dir = tempDir();
    const told: Array<[string, number]> = [];
    const hosts = open(dir, { onConnected: (id, at) => told.push([id, at]) });
    const web = await hosts.saveHost(base);
    hosts.markConnected(web.id, 1_700_000_000_000);
    hosts.markConnected('no-such-host', 1_700_000_000_001);
    expect(told).toEqual([[web.id, 1_700_000_000_000]]);
    expect(open(dir).list().hosts[0]?.lastConnectedAt).toBe(1_700_000_000_000);
    // Editing the host keeps the time.
    await hosts.saveHost({ ...base, id: web.id, name: 'edited' });
    expect(open(dir).list().hosts[0]?.lastConnectedAt).toBe(1_700_000_000_000);
  });

  it('markConnected never throws, even when the hosts file is read-only', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'hosts.json'), JSON.stringify({ format: 'warren-hosts', generation: 1, hostsSchemaVersion: 99, folders: [], hosts: [] }));
    const hosts = open(dir);
    expect(() => hosts.markConnected('h1')).not.toThrow();
  });
});

describe('defaults for new hosts (Settings → Connections)', () => {
  it('a new host takes the defaults for what the form leaves out; an existing host keeps its own', async () => {
    let defaults: ConnectionSettings = { keepaliveIntervalSec: 15, keepaliveCountMax: 5, hostKeyPolicy: 'strict' };
    const hosts = open(tempDir(), { defaults: () => defaults });
    const fresh = await hosts.saveHost(base);
    expect(fresh).toMatchObject({ keepaliveIntervalSec: 15, keepaliveCountMax: 5, hostKeyPolicy: 'strict' });
    const own = await hosts.saveHost({ ...base, name: 'own', keepaliveIntervalSec: 0, hostKeyPolicy: 'ask' });
    expect(own).toMatchObject({ keepaliveIntervalSec: 0, keepaliveCountMax: 5, hostKeyPolicy: 'ask' });
    defaults = { keepaliveIntervalSec: 60, keepaliveCountMax: 2, hostKeyPolicy: 'accept-new' };
    expect(await hosts.saveHost({ ...base, id: fresh.id, name: 'edited' })).toMatchObject({ keepaliveIntervalSec: 15, keepaliveCountMax: 5, hostKeyPolicy: 'strict' });
  });
});
