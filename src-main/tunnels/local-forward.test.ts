// Local forwards (ssh -L) through a real OpenSSH sshd to loopback servers.
import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure } from '../../test-support/sftp-fixture';
import { startForward } from './forward';
import { closedPort, echoRoundTrip, rawClient } from '../../test-support/net';
import { eventLog, startTunnelFixture, until, type TunnelFixture } from '../../test-support/tunnel-fixture';

let fx: TunnelFixture;

beforeAll(async () => {
  fx = await startTunnelFixture();
});
afterAll(async () => {
  await fx?.stop();
});

const localSpec = (destPort: number, bindPort = 0) => ({ kind: 'local' as const, bindHost: '127.0.0.1', bindPort, destHost: '127.0.0.1', destPort });

describe('local forward', () => {
  it('carries 1 MiB + 7 random bytes to an echo server and back byte for byte, and counts them', async () => {
    const forward = fx.keep(await startForward(fx.client, localSpec(fx.echo.port)));
    const port = forward.stats().boundPort!;
    expect(port).toBeGreaterThan(0);
    const payload = randomBytes(1024 * 1024 + 7);
    const trip = await echoRoundTrip(port, payload);
    expect(trip).toMatchObject({ ok: true, received: payload.length });
    await until(() => forward.stats().open === 0, 'the connection to be counted closed');
    expect(forward.stats()).toMatchObject({ total: 1, failed: 0, bytesOut: payload.length, bytesIn: payload.length, lastError: null });
    await forward.close();
  });

  it('passes a half-close through: the reply to a request sent with FIN still arrives', async () => {
    const forward = fx.keep(await startForward(fx.client, localSpec(fx.echo.port)));
    const trip = await echoRoundTrip(forward.stats().boundPort!, Buffer.from('ping\n'));
    expect(trip.ok).toBe(true);
    await forward.close();
  });

  it('counts a refused destination as failed, says why, and keeps serving the next connection', async () => {
    const dead = await closedPort();
    const forward = fx.keep(await startForward(fx.client, localSpec(dead)));
    const log = eventLog(forward);
    const client = await rawClient(forward.stats().boundPort!);
    await client.closed; // the tunnel hangs up: nothing to connect to
    const failed = await log.next('connection-failed');
    expect(failed).toMatchObject({ to: `127.0.0.1:${dead}` });
    expect(forward.stats()).toMatchObject({ failed: 1, open: 0, boundPort: expect.any(Number) });
    expect(forward.stats().lastError).toMatch(new RegExp(`127\\.0\\.0\\.1:${dead}.*refused`, 'i'));
    await forward.close();

    // The same kind of forward, pointed at a live port, works on the same client.
    const good = fx.keep(await startForward(fx.client, localSpec(fx.echo.port)));
    expect((await echoRoundTrip(good.stats().boundPort!, randomBytes(1000))).ok).toBe(true);
    await good.close();
  });

  it('refuses a port that is already in use, naming it and this process', async () => {
    const first = fx.keep(await startForward(fx.client, localSpec(fx.echo.port)));
    const port = first.stats().boundPort!;
    const error = await failure(startForward(fx.client, localSpec(fx.echo.port, port)));
    expect(error.code).toBe('port-in-use');
    expect(error.message).toContain(`127.0.0.1:${port}`);
    expect(error.message).toContain(`pid ${process.pid}`);
    await first.close();
  });

  it('close() cuts open connections at once and frees the port for an immediate rebind', async () => {
    const forward = fx.keep(await startForward(fx.client, localSpec(fx.echo.port)));
    const port = forward.stats().boundPort!;
    const clients = await Promise.all([1, 2, 3].map(() => rawClient(port)));
    for (const c of clients) c.socket.write('hello');
    await Promise.all(clients.map((c) => c.waitFor(5)));
    expect(forward.stats().open).toBe(3);
    const t0 = Date.now();
    await forward.close();
    await Promise.all(clients.map((c) => c.closed));
    expect(Date.now() - t0).toBeLessThan(2_000);
    expect(forward.stats()).toMatchObject({ open: 0, boundPort: null });
    // Nothing listens any more...
    await expect(new Promise((resolve, reject) => connect(port, '127.0.0.1').once('connect', resolve).once('error', reject))).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    // ...and the same port can be bound again right away.
    const again = fx.keep(await startForward(fx.client, localSpec(fx.echo.port, port)));
    expect(again.stats().boundPort).toBe(port);
    expect((await echoRoundTrip(port, Buffer.from('again'))).ok).toBe(true);
    await again.close();
  });

  it('carries 50 concurrent connections of 256 KiB each, every byte intact', async () => {
    const forward = fx.keep(await startForward(fx.client, localSpec(fx.echo.port)));
    const port = forward.stats().boundPort!;
    const payloads = Array.from({ length: 50 }, () => randomBytes(256 * 1024));
    const trips = await Promise.all(payloads.map((p) => echoRoundTrip(port, p)));
    expect(trips.filter((t) => !t.ok)).toEqual([]);
    await until(() => forward.stats().open === 0, 'all connections closed');
    expect(forward.stats()).toMatchObject({ total: 50, failed: 0, bytesOut: 50 * 256 * 1024, bytesIn: 50 * 256 * 1024 });
    await forward.close();
  });

  it('rejects a spec with a bad port before touching the network', async () => {
    expect((await failure(startForward(fx.client, localSpec(70_000)))).code).toBe('invalid-spec');
  });
});
