// Dynamic forwards (ssh -D) through a real OpenSSH sshd: curl as the SOCKS
// client for the happy paths, a hand-written client for the error replies.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startForward } from './forward';
import type { RunningForward } from './forward-spec';
import { bytewise, closedPort, echoRoundTrip, rawClient, startHttpServer, type TestServer } from '../../test-support/net';
import { eventLog, startTunnelFixture, until, type TunnelFixture } from '../../test-support/tunnel-fixture';

const run = promisify(execFile);
const BODY = 'hello through the tunnel';

let fx: TunnelFixture;
let http: TestServer;
let http6: TestServer | null = null;
let socks: RunningForward;
let socksPort: number;
const curl = await run('curl', ['--version']).then(
  () => true,
  () => false,
);
const ipv6 = await new Promise<boolean>((resolve) => {
  const probe = createServer();
  probe.once('error', () => resolve(false));
  probe.listen(0, '::1', () => probe.close(() => resolve(true)));
});
if (!curl) console.log('dynamic-forward.test: curl not found, skipping the curl cases (install curl: apt-get install curl)');
if (!ipv6) console.log('dynamic-forward.test: this machine has no IPv6 loopback (::1), skipping the IPv6 case');

beforeAll(async () => {
  fx = await startTunnelFixture();
  http = await startHttpServer(BODY);
  if (ipv6) http6 = await startHttpServer(BODY, '::1');
  socks = fx.keep(await startForward(fx.client, { kind: 'dynamic', bindHost: '127.0.0.1', bindPort: 0 }));
  socksPort = socks.stats().boundPort!;
});
afterAll(async () => {
  await Promise.all([http?.close(), http6?.close()]);
  await fx?.stop();
});

/** curl through the tunnel; resolves with the body, or rejects with curl's error. */
async function curlVia(option: string, url: string): Promise<string> {
  const { stdout } = await run('curl', ['-sS', '--max-time', '10', '--noproxy', '', option, `127.0.0.1:${socksPort}`, url]);
  return stdout;
}

describe.skipIf(!curl)('SOCKS through curl', () => {
  it('SOCKS5 to an IPv4 address', async () => {
    expect(await curlVia('--socks5', `http://127.0.0.1:${http.port}/v4`)).toBe(BODY);
  });

  it('SOCKS5 with the name "localhost" passed to the server unresolved', async () => {
    const log = eventLog(socks);
    expect(await curlVia('--socks5-hostname', `http://localhost:${http.port}/name`)).toBe(BODY);
    expect(await log.next('connection-opened')).toMatchObject({ to: `localhost:${http.port}` });
  });

  it.skipIf(!ipv6)('SOCKS5 to the IPv6 loopback ::1', async () => {
    const log = eventLog(socks);
    expect(await curlVia('--socks5', `http://[::1]:${http6!.port}/v6`)).toBe(BODY);
    expect(await log.next('connection-opened')).toMatchObject({ to: `[::1]:${http6!.port}` });
  });

  it('SOCKS4 to an IPv4 address', async () => {
    expect(await curlVia('--socks4', `http://127.0.0.1:${http.port}/s4`)).toBe(BODY);
  });

  it('SOCKS4a with a name', async () => {
    expect(await curlVia('--socks4a', `http://localhost:${http.port}/s4a`)).toBe(BODY);
  });
});

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const connect5 = (port: number) => Buffer.concat([hex('05 01 00 01 7f000001'), Buffer.from([port >> 8, port & 0xff])]);

describe('SOCKS replies from the running forward', () => {
  it('replies 0x05 (connection refused) for a closed destination port, counted as failed', async () => {
    const dead = await closedPort();
    const failedBefore = socks.stats().failed;
    const client = await rawClient(socksPort);
    await client.send([hex('050100'), connect5(dead)]);
    await client.closed;
    expect(client.received().toString('hex')).toBe('0500' + '05050001000000000000');
    expect(socks.stats().failed).toBe(failedBefore + 1);
    expect(socks.stats().lastError).toMatch(new RegExp(`127\\.0\\.0\\.1:${dead}.*refused`, 'i'));
  });

  it('replies 0x5B to SOCKS4 for a closed destination port', async () => {
    const dead = await closedPort();
    const client = await rawClient(socksPort);
    await client.send([Buffer.concat([hex('04 01'), Buffer.from([dead >> 8, dead & 0xff]), hex('7f000001 00')])]);
    await client.closed;
    expect(client.received().toString('hex')).toBe('005b000000000000');
  });

  it('replies 0x07 to BIND and 0xFF to a client that insists on authentication', async () => {
    const bind = await rawClient(socksPort);
    await bind.send([hex('050100'), hex('05 02 00 01 7f000001 0050')]);
    await bind.closed;
    expect(bind.received().toString('hex')).toBe('0500' + '05070001000000000000');

    const auth = await rawClient(socksPort);
    await auth.send([hex('05 01 02')]);
    await auth.closed;
    expect(auth.received().toString('hex')).toBe('05ff');
  });

  it('takes a handshake that arrives one byte at a time, then carries data', async () => {
    const client = await rawClient(socksPort);
    await client.send(bytewise(Buffer.concat([hex('050100'), connect5(fx.echo.port)])));
    await client.waitFor(12);
    expect(client.received().toString('hex')).toBe('0500' + '05000001000000000000');
    client.socket.write('after the handshake');
    await client.waitFor(12 + 19);
    expect(client.received().subarray(12).toString()).toBe('after the handshake');
    client.socket.destroy();
  });

  it('carries data and a FIN the client sent together with its request, before any reply', async () => {
    const client = await rawClient(socksPort);
    client.socket.end(Buffer.concat([hex('050100'), connect5(fx.echo.port), Buffer.from('eager bytes')]));
    await client.closed; // the echo server saw our FIN, echoed, and closed
    expect(client.received().subarray(12).toString()).toBe('eager bytes');
    expect(client.received().subarray(0, 12).toString('hex')).toBe('0500' + '05000001000000000000');
  });

  it('hangs up quietly on garbage and counts it', async () => {
    const failedBefore = socks.stats().failed;
    const client = await rawClient(socksPort);
    await client.send([Buffer.from('\x16\x03\x01 not socks at all')]);
    await client.closed;
    expect(client.received().length).toBe(0);
    await until(() => socks.stats().failed === failedBefore + 1, 'the failure to be counted');
    expect(socks.stats().lastError).toMatch(/not a SOCKS request/);
  });

  it('carries 50 concurrent SOCKS connections of 256 KiB each, every byte intact', async () => {
    const payloads = Array.from({ length: 50 }, () => randomBytes(256 * 1024));
    const trips = await Promise.all(payloads.map((p) => echoRoundTrip(socksPort, p, { socks: { host: '127.0.0.1', port: fx.echo.port } })));
    expect(trips.filter((t) => !t.ok)).toEqual([]);
  });
});

describe('a server that forbids the destination', () => {
  it('replies 0x02 (not allowed) when PermitOpen refuses, and still carries what it allows', async () => {
    const strict = await startTunnelFixture({ config: [`PermitOpen 127.0.0.1:${fx.echo.port}`] });
    try {
      const forward = strict.keep(await startForward(strict.client, { kind: 'dynamic', bindHost: '127.0.0.1', bindPort: 0 }));
      const port = forward.stats().boundPort!;
      const client = await rawClient(port);
      await client.send([hex('050100'), connect5(http.port)]);
      await client.closed;
      expect(client.received().toString('hex')).toBe('0500' + '05020001000000000000');
      expect(forward.stats().lastError).toMatch(/does not allow/);
      const trip = await echoRoundTrip(port, Buffer.from('allowed'), { socks: { host: '127.0.0.1', port: fx.echo.port } });
      expect(trip.ok).toBe(true);
    } finally {
      await strict.stop();
    }
  });
});
