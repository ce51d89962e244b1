// The tree's Recent group: a file browser or a tunnel that connects to a real
// sshd saves the time (on disk) and tells every window; a failed connect does not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeWindow, saveTestHost, testServices } from '../../test-support/services';
import { freePort, startSshd, type Sshd } from '../../test-support/sshd';
import type { Events } from '../../src-shared/contract';
import { openFiles, toggleTunnel } from '../../test-support/lifecycle';

let sshd: Sshd;
beforeAll(async () => {
  sshd = await startSshd();
});
afterAll(async () => {
  await sshd?.stop();
});

/** Every hosts:connected a window would receive. */
function connectedEvents(hub: ReturnType<typeof testServices>['hub']) {
  const seen: Events['hosts:connected'][] = [];
  hub.connect({ id: 'listener', send: (name, payload) => name === 'hosts:connected' && seen.push(payload as Events['hosts:connected']) });
  return seen;
}

describe('Recent: when a host last connected', () => {
  it('a file browser that connects records the time, saved across a restart, and tells the windows', async () => {
    const { services, hub, dir } = testServices();
    const seen = connectedEvents(hub);
    const win = fakeWindow(hub, 'w1');
    const host = await saveTestHost(services, 'files-box', sshd);
    const before = Date.now();
    await openFiles(services, win.ctx.clientId, 'b1', host.id);
    const at = services.hosts.list().hosts[0]!.lastConnectedAt!;
    expect(at).toBeGreaterThanOrEqual(before);
    expect(seen).toEqual([{ hostId: host.id, at }]);
    services.handlers['files:close']({ browserId: 'b1' }, win.ctx);
    await services.dispose();
    expect(testServices({}, dir).services.hosts.list().hosts[0]!.lastConnectedAt).toBe(at);
  });

  it('a tunnel that connects records it; a host that cannot be reached does not', async () => {
    const { services, hub } = testServices();
    const seen = connectedEvents(hub);
    const win = fakeWindow(hub, 'w1');
    const host = await saveTestHost(services, 'tunnel-box', sshd);
    const dead = await saveTestHost(services, 'dead', { port: await freePort(), user: sshd.user });
    const spec = { kind: 'local' as const, bindHost: '127.0.0.1', bindPort: await freePort(), destHost: '127.0.0.1', destPort: 9 };
    const forward = await services.handlers['tunnels:save']({ hostId: host.id, name: 'web', autoStart: false, spec }, win.ctx);
    await toggleTunnel(services, win.ctx.clientId, host.id, forward.forwardId, true);
    await expect.poll(() => services.hosts.list().hosts.find((h) => h.id === host.id)!.lastConnectedAt).not.toBeNull();
    await expect(openFiles(services, win.ctx.clientId, 'b2', dead.id)).rejects.toThrow();
    expect(services.hosts.list().hosts.find((h) => h.id === dead.id)!.lastConnectedAt).toBeNull();
    expect(seen.map((e) => e.hostId)).toEqual([host.id]);
    await services.dispose();
  });
});
