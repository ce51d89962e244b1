// Quick connect: `session:open-address` against OpenSSH sshd, through the
// router as a window would call it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSshd, type Sshd } from '../../test-support/sshd';
import { fakeWindow, testServices } from '../../test-support/services';
import { createRouter } from '../ipc/router';
import { newOpenId } from '../../src-shared/ids';

describe('session:open-address', () => {
  let sshd: Sshd;
  beforeAll(async () => {
    sshd = await startSshd();
  });
  afterAll(() => sshd?.stop());

  /** Services whose "home" holds the server's client key as ~/.ssh/id_ed25519, as `ssh host` would find it. */
  function setup() {
    const home = mkdtempSync(path.join(os.tmpdir(), 'warren-quick-home-'));
    mkdirSync(path.join(home, '.ssh'));
    copyFileSync(sshd.clientKeyPath, path.join(home, '.ssh', 'id_ed25519'));
    const t = testServices({ readyTimeoutMs: 5000, sshConfigContext: { home, user: sshd.user, localHost: 'test' } });
    return { ...t, router: createRouter(t.services.handlers), win: fakeWindow(t.hub, 'w1') };
  }

  it('connects to an address without saving a host, after the same host-key check as a saved host', async () => {
    const { router, win, services, dir } = setup();
    await router.call('settings:set', { connections: { hostKeyPolicy: 'accept-new' } }, win.ctx);
    const sessionId = newOpenId('s');
    const reply = await router.call('session:open-address', { sessionId, address: `127.0.0.1:${sshd.port}`, cols: 80, rows: 24 }, win.ctx);
    if (!reply.ok) throw new Error(reply.error.message);
    await expect.poll(() => win.last(sessionId)?.state).toBe('connected');
    services.sessions.write('w1', sessionId, 'echo quick-$((6*7))\n');
    await expect.poll(() => win.output()).toContain('quick-42');
    expect(services.hosts.list().hosts).toEqual([]);
    // accept-new wrote the key where a saved host's would go.
    expect(readFileSync(path.join(dir, 'known_hosts'), 'utf8')).toMatch(new RegExp(`^\\[127\\.0\\.0\\.1\\]:${sshd.port} ssh-ed25519 `, 'm'));
    services.sessions.closeAll();
  });

  it('refuses an unknown host key under the strict default, before any login', async () => {
    const { router, win, dir } = setup();
    await router.call('settings:set', { connections: { hostKeyPolicy: 'strict' } }, win.ctx);
    const sessionId = newOpenId('s');
    const reply = await router.call('session:open-address', { sessionId, address: `${sshd.user}@127.0.0.1:${sshd.port}`, cols: 80, rows: 24 }, win.ctx);
    if (!reply.ok) throw new Error(reply.error.message);
    await expect.poll(() => win.last(sessionId)?.state).toBe('failed');
    expect(win.last(sessionId)?.code).toMatch(/^host-key/);
    expect(existsSync(path.join(dir, 'known_hosts')) ? readFileSync(path.join(dir, 'known_hosts'), 'utf8') : '').not.toContain(String(sshd.port));
  });

  it.each(['-oProxyCommand=touch /tmp/x', `a@127.0.0.1:${'1'.repeat(6)}`, 'ssh://h/etc', 'u;id@h'])('refuses %j before anything connects', async (address) => {
    const { router, win, services } = setup();
    const reply = await router.call('session:open-address', { sessionId: newOpenId('s'), address, cols: 80, rows: 24 }, win.ctx);
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(services.sessions.openCount).toBe(0);
  });
});
