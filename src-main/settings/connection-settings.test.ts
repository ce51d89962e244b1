// Settings → Connections: the defaults for new hosts and the known_hosts
// files reach the services that use them, through the handlers the renderer calls.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { utils } from 'ssh2';
import { testServices } from '../../test-support/services';

const ctx = { clientId: 'w1' };
const newHost = { name: 'web', host: 'example.test', port: 22, username: 'deploy', folderId: null, auth: { keyPath: null, useAgent: false } };
const publicKey = () => {
  const { public: pub } = utils.generateKeyPairSync('ed25519');
  const parsed = utils.parseKey(pub);
  if (parsed instanceof Error) throw parsed;
  return parsed.getPublicSSH();
};

describe('Settings → Connections', () => {
  it('a new host saved without keepalive or host-key policy takes the defaults; one saved before keeps its own', async () => {
    const { services } = testServices();
    const { handlers } = services;
    const before = await handlers['hosts:save'](newHost, ctx);
    expect(before).toMatchObject({ keepaliveIntervalSec: 30, keepaliveCountMax: 3, hostKeyPolicy: 'ask' });
    const settings = await handlers['settings:set']({ connections: { keepaliveIntervalSec: 15, hostKeyPolicy: 'accept-new' } }, ctx);
    expect(settings.connections).toEqual({ keepaliveIntervalSec: 15, keepaliveCountMax: 3, hostKeyPolicy: 'accept-new' });
    expect((await handlers['settings:get']({}, ctx)).connections.keepaliveIntervalSec).toBe(15);
    const after = await handlers['hosts:save']({ ...newHost, name: 'web-2' }, ctx);
    expect(after).toMatchObject({ keepaliveIntervalSec: 15, keepaliveCountMax: 3, hostKeyPolicy: 'accept-new' });
    expect(services.hosts.get(before.id)).toMatchObject({ keepaliveIntervalSec: 30, hostKeyPolicy: 'ask' });
  });

  it('an older settings file without connection defaults reads as OpenSSH-like defaults', async () => {
    const { services } = testServices();
    expect((await services.handlers['settings:get']({}, ctx)).connections).toEqual({ keepaliveIntervalSec: 30, keepaliveCountMax: 3, hostKeyPolicy: 'ask' });
  });

  it('known_hosts files and hashing: shown, changed, and used by the next host-key check', async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'warren-kh-'));
    const { services, dir } = testServices({ knownHosts: {} });
    const { handlers } = services;
    const shown = await handlers['knownHosts:settings']({}, ctx);
    expect(shown).toMatchObject({ ownFile: path.join(dir, 'known_hosts'), hash: false, fixed: false });
    const ownFile = path.join(home, 'warren_known_hosts');
    const changed = await handlers['knownHosts:setSettings']({ readFiles: [path.join(home, 'known_hosts')], ownFile, hash: true }, ctx);
    expect(changed).toEqual({ readFiles: [path.join(home, 'known_hosts')], ownFile, hash: true, fixed: false });
    // A new key accepted now is written to the chosen file, its name hashed as HashKnownHosts does.
    const verdict = await services.knownHosts.verifierFor('accept-new', async () => null).check('new.example.test', 22, publicKey());
    expect(verdict).toBeNull();
    const line = readFileSync(ownFile, 'utf8').trim();
    expect(line.startsWith('|1|')).toBe(true);
    expect(line).not.toContain('new.example.test');
  });

  it('files fixed by whoever started Warren are shown as fixed', async () => {
    const { services } = testServices();
    expect((await services.handlers['knownHosts:settings']({}, ctx)).fixed).toBe(true);
  });
});
