// Tunnels without a window, through the whole service stack against OpenSSH
// sshd: forwards marked "start when Warren starts" come up when the services
// do, the tray model follows their states and switches them, desktop notices
// (when the setting is on) tell of a drop and the return, and a forward's
// rate falls to 0 within a second of its traffic stopping.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName, Events, TunnelView } from '../../src-shared/contract';
import type { TrayModel } from './tray-menu';
import type { Notice } from './forward-notices';
import { saveTestHost, testServices, type TestServices } from '../../test-support/services';
import { killSessions } from '../../test-support/sftp-fixture';
import { startSshd, type Sshd } from '../../test-support/sshd';
import { canBind, closedPort, echoRoundTrip, startEchoServer, type TestServer } from '../../test-support/net';

const ctx = { clientId: 'win' };

describe('tunnels from the tray, at launch, against OpenSSH sshd', () => {
  let sshd: Sshd;
  let echo: TestServer;
  let second: TestServices | null = null;

  beforeAll(async () => {
    sshd = await startSshd({ config: ['AllowTcpForwarding yes'] });
    echo = await startEchoServer();
  });
  afterAll(async () => {
    await second?.services.dispose();
    await echo?.close();
    await sshd?.stop();
  });

  it('brings "start when Warren starts" forwards up with no window, and the tray shows and switches them', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'warren-launch-'));
    const first = testServices({ tunnelBackoffMs: [100, 200, 400] }, dir);
    const host = await saveTestHost(first.services, 'launch box', sshd);
    const atLaunch = { kind: 'local' as const, bindHost: '127.0.0.1', bindPort: await closedPort(), destHost: '127.0.0.1', destPort: echo.port };
    const byHand = { ...atLaunch, bindPort: await closedPort() };
    const launched = await first.services.handlers['tunnels:save']({ hostId: host.id, name: 'at launch', autoStart: false, startAtLaunch: true, spec: atLaunch }, ctx);
    expect(launched.startAtLaunch).toBe(true);
    const manual = await first.services.handlers['tunnels:save']({ hostId: host.id, name: 'by hand', autoStart: false, spec: byHand }, ctx);
    expect(first.services.trayModel().items.filter((i) => i.type === 'forward').map((i) => i.type === 'forward' && i.checked)).toEqual([false, false]);
    await first.services.dispose();

    // The next start: no window connects to the hub at all.
    second = testServices({ tunnelBackoffMs: [100, 200, 400] }, dir);
    const { services } = second;
    await services.launchForwards;
    const state = (forwardId: string) => (services.handlers['tunnels:list']({}, ctx) as TunnelView[]).find((t) => t.forwardId === forwardId)?.state;
    expect(state(launched.forwardId)).toBe('on');
    expect(state(manual.forwardId)).toBe('off');
    expect((await echoRoundTrip(atLaunch.bindPort, randomBytes(4096))).ok).toBe(true);
    expect(await canBind(byHand.bindPort)).toBe(true);

    const model = services.trayModel();
    expect(model.tooltip).toBe('Warren — 1 tunnel on');
    expect(model.items).toContainEqual({ type: 'forward', hostId: host.id, forwardId: launched.forwardId, label: `at launch (:${atLaunch.bindPort} → 127.0.0.1:${echo.port}) — on`, checked: true });

    const trays: TrayModel[] = [];
    const off = services.onTrayChange((m) => trays.push(m));
    // Switching on answers at once (contract/lifecycle.ts); the tray follows the updates.
    await services.toggleFromTray(host.id, manual.forwardId, true);
    await expect.poll(() => state(manual.forwardId), { timeout: 30_000 }).toBe('on');
    await services.toggleFromTray(host.id, launched.forwardId, false);
    off();
    expect(await canBind(atLaunch.bindPort)).toBe(true);
    expect((await echoRoundTrip(byHand.bindPort, randomBytes(4096))).ok).toBe(true);
    const checked = (m: TrayModel, forwardId: string) => m.items.some((i) => i.type === 'forward' && i.forwardId === forwardId && i.checked);
    const last = trays.at(-1)!;
    expect([checked(last, manual.forwardId), checked(last, launched.forwardId)]).toEqual([true, false]);
    // Every state it passed through, each model once: starting, on, off.
    const stateIn = (m: TrayModel) => m.items.flatMap((i) => (i.type === 'forward' && i.forwardId === manual.forwardId ? [i.label.split(' — ')[1]] : []))[0];
    expect(trays.map(stateIn)).toEqual(['starting…', 'on', 'on']);
  });

  it('notifies of a drop and of the return only while the setting is on', async () => {
    const { services, hub } = second!;
    const notices: Notice[] = [];
    services.onForwardNotice((n) => notices.push(n));
    const [manual] = (services.handlers['tunnels:list']({}, ctx) as TunnelView[]).filter((t) => t.name === 'by hand');
    const stateOf = () => (services.handlers['tunnels:list']({}, ctx) as TunnelView[]).find((t) => t.forwardId === manual!.forwardId)?.state;

    // Off by default: a drop says nothing.
    expect(killSessions(sshd)).toBeGreaterThan(0);
    await expect.poll(stateOf, { timeout: 5000 }).toBe('error');
    await expect.poll(stateOf, { timeout: 10_000 }).toBe('on');
    expect(notices).toEqual([]);

    services.handlers['settings:set']({ desktop: { notifyForwards: true } }, ctx);
    expect(killSessions(sshd)).toBeGreaterThan(0);
    await expect.poll(() => notices.length, { timeout: 10_000 }).toBe(2);
    expect(notices[0]).toMatchObject({ title: 'Tunnel by hand dropped', body: expect.stringMatching(/^launch box: The SSH connection was lost/) });
    expect(notices[1]).toEqual({ title: 'Tunnel by hand is back', body: `launch box: on again on port ${manual!.spec.bindPort}.` });

    // The rate a window sees: busy while bytes move, 0 within a second of the last one.
    const updates: { at: number; view: TunnelView }[] = [];
    hub.connect({
      id: 'watcher',
      send<E extends EventName>(name: E, payload: Events[E]) {
        if (name === 'tunnel:update' && (payload as TunnelView).forwardId === manual!.forwardId) updates.push({ at: Date.now(), view: payload as TunnelView });
      },
    });
    expect((await echoRoundTrip(manual!.spec.bindPort, randomBytes(32 << 20))).ok).toBe(true);
    const stopped = Date.now();
    const total = (services.handlers['tunnels:list']({}, ctx) as TunnelView[]).find((t) => t.forwardId === manual!.forwardId)!.bytesIn;
    const settled = (u: { view: TunnelView } | undefined) => u?.view.bytesIn === total && u.view.rateIn === 0 && u.view.rateOut === 0;
    await expect.poll(() => settled(updates.at(-1)), { timeout: 3000 }).toBe(true);
    // Each direction showed a rate (a fast echo may land them in different samples).
    expect(updates.some((u) => u.view.rateIn > 0)).toBe(true);
    expect(updates.some((u) => u.view.rateOut > 0)).toBe(true);
    expect(updates.find(settled)!.at - stopped).toBeLessThanOrEqual(1_100);
    // Idle, it sends nothing more (an absence: only time can show it).
    const quiet = updates.length;
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(updates.length).toBe(quiet);
  });
});
