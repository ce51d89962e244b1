// Saved forwards switched on and off through the whole service stack, against
// OpenSSH sshd: counters, freed ports, port in use, ExitOnForwardFailure,
// reconnect onto the same port (and when it stops trying), and "start with
// connection".
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../app/services';
import type { EventName, Events, ForwardInput, TunnelView } from '../../src-shared/contract';
import { saveTestHost, testServices } from '../../test-support/services';
import { killSessions } from '../../test-support/sftp-fixture';
import { keygen, startSshd, type Sshd } from '../../test-support/sshd';
import { canBind, closedPort, echoRoundTrip, startEchoServer, type TestServer } from '../../test-support/net';
import { toggleTunnel } from '../../test-support/lifecycle';
import { newOpenId } from '../../src-shared/ids';

const ctx = { clientId: 'win' };

describe('TunnelManager against OpenSSH sshd', () => {
  let sshd: Sshd;
  let services: Services;
  let echo: TestServer;
  let hostId: string;
  let dataDir: string;
  const views = new Map<string, TunnelView>();
  /** Every update, in order, for states that pass too quickly to poll for. */
  const history: TunnelView[] = [];

  beforeAll(async () => {
    sshd = await startSshd({ config: ['AllowTcpForwarding yes'] });
    echo = await startEchoServer();
    const made = testServices({ tunnelBackoffMs: [100, 200, 400] });
    services = made.services;
    dataDir = made.dir;
    made.hub.connect({
      id: 'win',
      send<E extends EventName>(name: E, payload: Events[E]) {
        if (name !== 'tunnel:update') return;
        views.set((payload as TunnelView).forwardId, payload as TunnelView);
        history.push(payload as TunnelView);
      },
    });
    hostId = (await saveTestHost(services, 't', sshd)).id;
  });
  afterAll(async () => {
    await services?.dispose();
    await echo?.close();
    await sshd?.stop();
  });

  const save = async (name: string, spec: ForwardInput, autoStart = false) => services.handlers['tunnels:save']({ hostId, name, autoStart, spec }, ctx);
  const toggle = async (forwardId: string, on: boolean) => toggleTunnel(services, ctx.clientId, hostId, forwardId, on);
  const local = async (bindPort?: number): Promise<ForwardInput> => ({ kind: 'local', bindHost: '127.0.0.1', bindPort: bindPort ?? (await closedPort()), destHost: '127.0.0.1', destPort: echo.port });

  it('switches a local forward on, carries 1 MiB both ways with live counters, and frees the port when switched off', async () => {
    const spec = await local();
    const saved = await save('echo', spec);
    expect(saved.state).toBe('off');
    const on = await toggle(saved.forwardId, true);
    expect(on).toMatchObject({ state: 'on', boundPort: spec.bindPort, via: `${sshd.user}@127.0.0.1:${sshd.port}` });

    const payload = randomBytes(1 << 20);
    const trip = await echoRoundTrip(spec.bindPort, payload);
    expect(trip.ok).toBe(true);
    await expect.poll(() => views.get(saved.forwardId)?.bytesIn ?? 0, { timeout: 5000 }).toBe(1 << 20);
    expect(views.get(saved.forwardId)).toMatchObject({ bytesOut: 1 << 20, total: 1, failed: 0 });

    // A destination that refuses is counted and logged; the forward stays on.
    const refusing = await save('refusing', { kind: 'local', bindHost: '127.0.0.1', bindPort: await closedPort(), destHost: '127.0.0.1', destPort: await closedPort() });
    const refusingOn = await toggle(refusing.forwardId, true);
    expect((await echoRoundTrip(refusingOn.boundPort!, randomBytes(10)).catch(() => null))?.ok ?? false).toBe(false);
    await expect.poll(() => views.get(refusing.forwardId)?.failed, { timeout: 5000 }).toBe(1);
    expect(views.get(refusing.forwardId)).toMatchObject({ state: 'on', lastError: expect.any(String) });
    const log = (services.handlers['log:get']({ id: `tunnels-${hostId}` }, ctx) as { text: string }[]).map((l) => l.text).join('\n');
    expect(log).toMatch(/Forward refusing: a connection from 127\.0\.0\.1:\d+ to 127\.0\.0\.1:\d+ failed: /);
    await toggle(refusing.forwardId, false);

    const off = await toggle(saved.forwardId, false);
    expect(off.state).toBe('off');
    expect(await canBind(spec.bindPort)).toBe(true);
    // Counters stay for the panel after switching off.
    expect(off.bytesIn).toBe(1 << 20);
  });

  it('a port in use is a clear error, and the forward shows it', async () => {
    const blocker = createServer();
    const port = await new Promise<number>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as { port: number }).port)));
    try {
      const saved = await save('busy', await local(port));
      const error = await toggle(saved.forwardId, true).then(
        () => null,
        (e: unknown) => e as Error & { code: string },
      );
      expect(error?.code).toBe('port-in-use');
      expect(error?.message).toContain(String(port));
      expect(views.get(saved.forwardId)).toMatchObject({ state: 'error', lastError: expect.stringContaining(String(port)) });
    } finally {
      blocker.close();
    }
  });

  it('comes back on the same port after the connection drops', async () => {
    const spec = await local();
    const saved = await save('survivor', spec);
    await toggle(saved.forwardId, true);
    expect(killSessions(sshd)).toBeGreaterThan(0);
    await expect.poll(() => views.get(saved.forwardId)?.state, { timeout: 5000 }).toBe('error');
    expect(views.get(saved.forwardId)?.lastError).toMatch(/lost; reconnecting/);
    await expect.poll(() => views.get(saved.forwardId)?.state, { timeout: 10_000 }).toBe('on');
    expect(views.get(saved.forwardId)?.boundPort).toBe(spec.bindPort);
    expect((await echoRoundTrip(spec.bindPort, randomBytes(4096))).ok).toBe(true);
    await toggle(saved.forwardId, false);
    expect(await canBind(spec.bindPort)).toBe(true);
  });

  it('with "stop connection if a forward fails", one failing forward stops the others', async () => {
    const host = services.hosts.get(hostId);
    await services.hosts.saveHost({ ...host, id: hostId, auth: { keyPath: host.auth.keyPath, useAgent: false }, exitOnForwardFailure: true });
    const good = await save('good', await local());
    await toggle(good.forwardId, true);
    const blocker = createServer();
    const port = await new Promise<number>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as { port: number }).port)));
    try {
      const bad = await save('bad', await local(port));
      await expect(toggle(bad.forwardId, true)).rejects.toMatchObject({ code: 'port-in-use' });
      await expect.poll(() => views.get(good.forwardId)?.state, { timeout: 5000 }).toBe('error');
      expect(views.get(good.forwardId)?.lastError).toMatch(/could not start/);
      expect(await canBind(good.spec.bindPort)).toBe(true);
    } finally {
      blocker.close();
      await services.hosts.saveHost({ ...host, id: hostId, auth: { keyPath: host.auth.keyPath, useAgent: false }, exitOnForwardFailure: false });
    }
  });

  it('"start with connection" forwards go on when a terminal to the host connects', async () => {
    const spec = await local();
    const saved = await save('auto', spec, true);
    const sessionId = newOpenId('s');
    services.handlers['session:open']({ sessionId, hostId, cols: 80, rows: 24 }, ctx);
    await expect.poll(() => views.get(saved.forwardId)?.state, { timeout: 10_000 }).toBe('on');
    expect((await echoRoundTrip(spec.bindPort, randomBytes(4096))).ok).toBe(true);
    services.handlers['session:close']({ sessionId }, ctx);
    await services.handlers['tunnels:remove']({ hostId, forwardId: saved.forwardId }, ctx);
    expect(await canBind(spec.bindPort)).toBe(true);
  });

  it('deleting a host switches its forwards off and frees their ports', async () => {
    const other = await saveTestHost(services, 'doomed', sshd);
    const spec = await local();
    const saved = await services.handlers['tunnels:save']({ hostId: other.id, name: 'orphan', autoStart: false, spec }, ctx);
    await toggleTunnel(services, ctx.clientId, other.id, saved.forwardId, true);
    expect(await canBind(spec.bindPort)).toBe(false);
    await services.handlers['hosts:remove']({ id: other.id }, ctx);
    expect(await canBind(spec.bindPort)).toBe(true);
    expect(services.handlers['tunnels:list']({}, ctx)).not.toEqual(expect.arrayContaining([expect.objectContaining({ hostId: other.id })]));
  });

  it('several forwards switched on at once share one connection to the host', async () => {
    const host = await saveTestHost(services, 'shared', sshd);
    const logins = () => (sshd.log().match(/Accepted publickey/g) ?? []).length;
    const specs = [await local(), await local(), await local()];
    const saved = await Promise.all(specs.map((spec, i) => services.handlers['tunnels:save']({ hostId: host.id, name: `s${i}`, autoStart: false, spec }, ctx)));
    const before = logins();
    const views = await Promise.all(saved.map((f) => toggleTunnel(services, ctx.clientId, host.id, f.forwardId, true)));
    expect(views.map((v) => v.state)).toEqual(['on', 'on', 'on']);
    expect(logins()).toBe(before + 1);
    for (const spec of specs) expect((await echoRoundTrip(spec.bindPort, randomBytes(2048))).ok).toBe(true);
    // Deleting the folder the host is in takes its forwards down too.
    const folder = services.hosts.saveFolder({ name: 'doomed folder', parentId: null });
    services.hosts.move('host', host.id, folder.id);
    await services.handlers['folders:remove']({ id: folder.id }, ctx);
    for (const spec of specs) expect(await canBind(spec.bindPort)).toBe(true);
  });

  /** A host of its own with one forward switched on, and a way to change the host under it. */
  async function runningOn(name: string) {
    const saved = await saveTestHost(services, name, sshd);
    const spec = await local();
    const forward = await services.handlers['tunnels:save']({ hostId: saved.id, name, autoStart: false, spec }, ctx);
    expect(await toggleTunnel(services, ctx.clientId, saved.id, forward.forwardId, true)).toMatchObject({ state: 'on' });
    const edit = async (fields: { port?: number; keyPath?: string }) => {
      const host = services.hosts.get(saved.id);
      await services.hosts.saveHost({ ...host, id: saved.id, port: fields.port ?? host.port, auth: { keyPath: fields.keyPath ?? host.auth.keyPath, useAgent: false } });
    };
    const updates = () => history.filter((v) => v.forwardId === forward.forwardId);
    return { hostId: saved.id, forwardId: forward.forwardId, spec, edit, updates };
  }

  it('stops trying once the backoff schedule is spent, says so, and leaves the port free', async () => {
    const t = await runningOn('moved');
    // The server "moves": every reconnect now meets a closed port (worth retrying).
    await t.edit({ port: await closedPort() });
    expect(killSessions(sshd)).toBeGreaterThan(0);
    await expect.poll(() => views.get(t.forwardId)?.lastError, { timeout: 10_000 }).toMatch(/3 attempts to reconnect failed/);
    expect(views.get(t.forwardId)?.state).toBe('error');
    const errors = t.updates().map((v) => v.lastError);
    expect(errors).toEqual(expect.arrayContaining([expect.stringMatching(/lost; reconnecting/), expect.stringMatching(/^Reconnecting \(attempt 1 failed: .*refused/), expect.stringMatching(/^Reconnecting \(attempt 3 failed: /)]));
    expect(await canBind(t.spec.bindPort)).toBe(true);
    await services.handlers['tunnels:remove']({ hostId: t.hostId, forwardId: t.forwardId }, ctx);
  });

  it('a refused key ends the attempts at once: retrying would not change the answer', async () => {
    const t = await runningOn('rekeyed');
    const stranger = path.join(dataDir, 'stranger_ed25519');
    keygen(stranger);
    await t.edit({ keyPath: stranger });
    expect(killSessions(sshd)).toBeGreaterThan(0);
    await expect.poll(() => views.get(t.forwardId)?.lastError, { timeout: 10_000 }).toMatch(/did not accept/);
    expect(views.get(t.forwardId)?.state).toBe('error');
    expect(t.updates().some((v) => v.lastError?.startsWith('Reconnecting'))).toBe(false);
    expect(await canBind(t.spec.bindPort)).toBe(true);
    await services.handlers['tunnels:remove']({ hostId: t.hostId, forwardId: t.forwardId }, ctx);
  });
});
