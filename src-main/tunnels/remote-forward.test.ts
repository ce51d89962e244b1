// Remote forwards (ssh -R) through a real OpenSSH sshd. The server runs on
// this machine, so "a client on the server" is a socket to 127.0.0.1 here.
import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure } from '../../test-support/sftp-fixture';
import { startForward } from './forward';
import { closedPort, echoRoundTrip, rawClient, startEchoServer, startHttpServer, type TestServer } from '../../test-support/net';
import { eventLog, startTunnelFixture, until, type TunnelFixture } from '../../test-support/tunnel-fixture';

let fx: TunnelFixture;
let http: TestServer;

beforeAll(async () => {
  fx = await startTunnelFixture();
  http = await startHttpServer('from the http server');
});
afterAll(async () => {
  await http?.close();
  await fx?.stop();
});

const remoteSpec = (destPort: number, bindPort = 0, bindHost = 'localhost') => ({ kind: 'remote' as const, bindHost, bindPort, destHost: '127.0.0.1', destPort });
const refusedConnect = (port: number) =>
  new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve('connected')));
    socket.once('error', reject);
  });

describe('remote forward', () => {
  it('with port 0 reports the port the server chose, and carries 1 MiB to a local echo server intact', async () => {
    const forward = fx.keep(await startForward(fx.client, remoteSpec(fx.echo.port)));
    const port = forward.stats().boundPort!;
    expect(port).toBeGreaterThan(0);
    const payload = randomBytes(1024 * 1024 + 3);
    expect(await echoRoundTrip(port, payload)).toMatchObject({ ok: true, received: payload.length });
    await until(() => forward.stats().open === 0, 'the connection to close');
    // The program that connected is on the server: it sent bytesOut and got bytesIn back.
    expect(forward.stats()).toMatchObject({ total: 1, failed: 0, bytesOut: payload.length, bytesIn: payload.length });
    await forward.close();
  });

  it('listens on every address the server allows for "*" (loopback under GatewayPorts no)', async () => {
    const forward = fx.keep(await startForward(fx.client, remoteSpec(fx.echo.port, 0, '*')));
    expect((await echoRoundTrip(forward.stats().boundPort!, Buffer.from('wildcard'))).ok).toBe(true);
    await forward.close();
  });

  it('routes each connection to its own forward when one client has several', async () => {
    const toEcho = fx.keep(await startForward(fx.client, remoteSpec(fx.echo.port)));
    const toHttp = fx.keep(await startForward(fx.client, remoteSpec(http.port)));
    const web = await rawClient(toHttp.stats().boundPort!);
    web.socket.write('GET / HTTP/1.0\r\n\r\n');
    await web.closed;
    expect(web.received().toString()).toContain('from the http server');
    expect((await echoRoundTrip(toEcho.stats().boundPort!, Buffer.from('echo me'))).ok).toBe(true);
    await until(() => toHttp.stats().open === 0 && toEcho.stats().open === 0, 'both connections to close');
    expect([toEcho.stats().total, toHttp.stats().total]).toEqual([1, 1]);
    await Promise.all([toEcho.close(), toHttp.close()]);
  });

  it('close() stops the server listening, and the same server port can be asked for again at once', async () => {
    const forward = fx.keep(await startForward(fx.client, remoteSpec(fx.echo.port)));
    const port = forward.stats().boundPort!;
    const open = await rawClient(port);
    open.socket.write('x');
    await open.waitFor(1);
    await forward.close();
    await open.closed;
    await expect(refusedConnect(port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    const again = fx.keep(await startForward(fx.client, remoteSpec(fx.echo.port, port)));
    expect(again.stats().boundPort).toBe(port);
    expect((await echoRoundTrip(port, Buffer.from('again'))).ok).toBe(true);
    await again.close();
  });

  it('counts a refused local destination as failed and keeps listening', async () => {
    const dead = await closedPort();
    const forward = fx.keep(await startForward(fx.client, remoteSpec(dead)));
    const log = eventLog(forward);
    const client = await rawClient(forward.stats().boundPort!);
    await client.closed;
    expect(await log.next('connection-failed')).toMatchObject({ to: `127.0.0.1:${dead}` });
    expect(forward.stats().lastError).toMatch(/refused/);
    // Still listening: the next connection is accepted by the server and fails the same way.
    const second = await rawClient(forward.stats().boundPort!);
    await second.closed;
    await until(() => forward.stats().failed === 2, 'the second failure');
    await forward.close();
  });

  it('says the server refused when the port is taken on the server', async () => {
    const holder = await startEchoServer();
    try {
      const error = await failure(startForward(fx.client, remoteSpec(fx.echo.port, holder.port, '127.0.0.1')));
      expect(error.code).toBe('remote-bind-refused');
      expect(error.message).toContain(`127.0.0.1:${holder.port}`);
    } finally {
      await holder.close();
    }
  });
});

// sshd keeps the first value of a keyword and the fixture already says
// `AllowTcpForwarding yes`; a Match block overrides it.
describe.each([
  ['AllowTcpForwarding local', ['Match all', 'AllowTcpForwarding local']],
  ['PermitListen none', ['PermitListen none']],
])('a server with %s', (_, config) => {
  let strict: TunnelFixture;
  beforeAll(async () => {
    strict = await startTunnelFixture({ config });
  });
  afterAll(() => strict?.stop());

  it('refuses the remote forward with remote-bind-refused and a hint at sshd_config', async () => {
    const error = await failure(startForward(strict.client, remoteSpec(fx.echo.port)));
    expect(error.code).toBe('remote-bind-refused');
    expect(error.message).toMatch(/AllowTcpForwarding/);
    expect(error.message).toMatch(/GatewayPorts/);
  });
});
