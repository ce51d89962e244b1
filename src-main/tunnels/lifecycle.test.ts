// A tunnel lives no longer than its SSH connection, and says why it cannot start.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import type { Client } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure, killSessions } from '../../test-support/sftp-fixture';
import { startForward } from './forward';
import { describeBindError } from './listen';
import type { ForwardSpec, RunningForward } from './forward-spec';
import { echoRoundTrip, rawClient } from '../../test-support/net';
import { eventLog, startTunnelFixture, type TunnelFixture } from '../../test-support/tunnel-fixture';

let fx: TunnelFixture;

beforeAll(async () => {
  fx = await startTunnelFixture();
});
afterAll(async () => {
  await fx?.stop();
});

const refused = (port: number) =>
  new Promise<string>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve('connected')));
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
  });

async function threeForwards(): Promise<{ client: Client; forwards: RunningForward[] }> {
  const client = await fx.connect();
  const specs: ForwardSpec[] = [
    { kind: 'local', bindHost: '127.0.0.1', bindPort: 0, destHost: '127.0.0.1', destPort: fx.echo.port },
    { kind: 'dynamic', bindHost: '127.0.0.1', bindPort: 0 },
    { kind: 'remote', bindHost: 'localhost', bindPort: 0, destHost: '127.0.0.1', destPort: fx.echo.port },
  ];
  const forwards = await Promise.all(specs.map(async (spec) => fx.keep(await startForward(client, spec))));
  return { client, forwards };
}

describe('when the SSH connection goes', () => {
  it.each([
    ['is ended by the client', (client: { end(): void }) => void client.end()],
    ['is killed on the server', () => void killSessions(fx.sshd)],
  ])('that %s, every forward closes its listener, cuts its connections and reports fatal', async (_, drop) => {
    const { client, forwards } = await threeForwards();
    const logs = forwards.map(eventLog);
    const ports = forwards.map((f) => f.stats().boundPort!);
    const open = await rawClient(ports[0]!);
    open.socket.write('x');
    await open.waitFor(1);

    drop(client);
    for (const log of logs) expect(await log.next('fatal')).toMatchObject({ message: expect.stringMatching(/SSH connection closed/) });
    await open.closed;
    for (const f of forwards) expect(f.stats()).toMatchObject({ boundPort: null, open: 0 });
    expect(await refused(ports[0]!)).toBe('ECONNREFUSED');
    expect(await refused(ports[1]!)).toBe('ECONNREFUSED');
    // The local port is free at once for the reconnected session.
    const next = fx.keep(await startForward(await fx.connect(), { kind: 'local', bindHost: '127.0.0.1', bindPort: ports[0]!, destHost: '127.0.0.1', destPort: fx.echo.port }));
    expect((await echoRoundTrip(ports[0]!, Buffer.from('back'))).ok).toBe(true);
    await next.close();
  });

  it('refuses to start on a closed connection with not-connected', async () => {
    const client = await fx.connect();
    client.end();
    await new Promise((resolve) => client.once('close', () => resolve(null)));
    for (const kind of ['local', 'remote', 'dynamic'] as const) {
      const error = await failure(startForward(client, { kind, bindHost: '127.0.0.1', bindPort: 0, destHost: '127.0.0.1', destPort: fx.echo.port }));
      expect(error.code).toBe('not-connected');
    }
  });
});

describe('many forwards on one connection', () => {
  it('run side by side without listener warnings, and close independently', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on('warning', onWarning);
    try {
      const client = await fx.connect();
      const forwards = await Promise.all(
        Array.from({ length: 12 }, async (_, i) =>
          fx.keep(await startForward(client, { kind: i % 2 ? 'remote' : 'local', bindHost: i % 2 ? 'localhost' : '127.0.0.1', bindPort: 0, destHost: '127.0.0.1', destPort: fx.echo.port })),
        ),
      );
      await forwards[0]!.close();
      const trips = await Promise.all(forwards.slice(1).map((f) => echoRoundTrip(f.stats().boundPort!, Buffer.from('side by side'))));
      expect(trips.every((t) => t.ok)).toBe(true);
      await Promise.all(forwards.map((f) => f.close()));
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings).not.toContain('MaxListenersExceededWarning');
    } finally {
      process.off('warning', onWarning);
    }
  });
});

describe('bind failures', () => {
  // Its own connection: the kill above takes every session of the server.
  let client: Client;
  beforeAll(async () => {
    client = await fx.connect();
  });

  it('names another program that holds the port, with its pid', async () => {
    // A separate process, so the name comes from /proc rather than from us.
    const child = spawn(process.execPath, ['-e', "require('net').createServer().listen(0,'127.0.0.1',function(){console.log(this.address().port)})"], { stdio: ['ignore', 'pipe', 'ignore'] });
    try {
      const port = Number(await new Promise<string>((resolve) => child.stdout.once('data', (d: Buffer) => resolve(d.toString().trim()))));
      const error = await failure(startForward(client, { kind: 'dynamic', bindHost: '127.0.0.1', bindPort: port }));
      expect(error.code).toBe('port-in-use');
      expect(error.message).toContain(`127.0.0.1:${port}`);
      if (process.platform === 'linux') expect(error.message).toContain(`(pid ${child.pid})`);
    } finally {
      child.kill();
    }
  });

  const unprivilegedStart = (() => {
    try {
      return Number(readFileSync('/proc/sys/net/ipv4/ip_unprivileged_port_start', 'utf8'));
    } catch {
      return 1024;
    }
  })();
  const privileged = process.getuid?.() === 0 || unprivilegedStart <= 1;
  if (privileged) console.log('lifecycle.test: running as root (or low ports are open to all), so binding port 1 is allowed; skipping the bind-denied case');
  it.skipIf(privileged)('says a low port needs administrator rights', async () => {
    const error = await failure(startForward(client, { kind: 'local', bindHost: '127.0.0.1', bindPort: 1, destHost: '127.0.0.1', destPort: fx.echo.port }));
    expect(error.code).toBe('bind-denied');
    expect(error.message).toMatch(/127\.0\.0\.1:1\b.*below 1024/);
  });

  it('turns EACCES into bind-denied (the sentence, where the real bind is allowed)', async () => {
    const denied = Object.assign(new Error('listen EACCES: permission denied 127.0.0.1:80'), { code: 'EACCES' });
    const error = await describeBindError(denied, '127.0.0.1', 80);
    expect(error.code).toBe('bind-denied');
    expect(error.message).toMatch(/127\.0\.0\.1:80 was denied.*below 1024/);
  });

  it('says when the listen address is not one of this machine', async () => {
    // 192.0.2.1 is TEST-NET-1: never assigned to a real interface, and nothing is sent.
    const error = await failure(startForward(client, { kind: 'dynamic', bindHost: '192.0.2.1', bindPort: 0 }));
    expect(error.code).toBe('bind-address-unavailable');
  });

  it('leaves nothing listening after a failed start', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as { port: number }).port;
    await failure(startForward(client, { kind: 'local', bindHost: '127.0.0.1', bindPort: port, destHost: '127.0.0.1', destPort: fx.echo.port }));
    await new Promise((resolve) => probe.close(resolve));
    expect(await refused(port)).toBe('ECONNREFUSED');
  });
});
