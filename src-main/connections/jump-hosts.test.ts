// Jump hosts against chains of real OpenSSH sshd: hop → target, hop → hop →
// target, a hop that refuses to forward, a changed key at the second hop.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../app/services';
import { saveTestHost, testServices } from '../../test-support/services';
import { keygen, startSshd, type Sshd } from '../../test-support/sshd';
import { parseJumpAddress } from './jump-hosts';
import { randomBytes } from 'node:crypto';
import { closedPort, echoRoundTrip, startEchoServer } from '../../test-support/net';
import { openFiles, toggleTunnel } from '../../test-support/lifecycle';

const ctx = { clientId: 'win' };

describe('jump hosts through real sshd chains', () => {
  let hop1: Sshd;
  let hop2: Sshd;
  let closed: Sshd;
  let target: Sshd;
  let services: Services;
  let dir: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    target = await startSshd();
    const shared = { clientKeyPath: target.clientKeyPath };
    [hop1, hop2] = await Promise.all([startSshd(shared), startSshd(shared)]);
    // A bastion that lets nobody through: proves the chain really goes via the hop.
    closed = await startSshd({ ...shared, config: ['PermitOpen none'] });
    ({ services, dir } = testServices());
    const save = async (name: string, sshd: Sshd, jumpHosts: string[] = [], hostKeyPolicy: 'accept-new' | 'strict' = 'accept-new') => {
      const host = await saveTestHost(services, name, sshd, { jumpHosts, hostKeyPolicy });
      ids[name] = host.id;
    };
    await save('hop1', hop1);
    await save('hop2', hop2, ['hop1']);
    await save('closed', closed);
    await save('via one', target, ['hop1']);
    await save('via two', target, ['hop1', `${hop2.user}@127.0.0.1:${hop2.port}`]);
    await save('via saved chain', target, ['hop2']);
    await save('via closed', target, ['closed']);
  }, 60_000);
  afterAll(async () => {
    await services?.dispose();
    await Promise.all([hop1, hop2, closed, target].map((s) => s?.stop()));
  });

  const open = (name: string) => openFiles(services, ctx.clientId, `b${Object.keys(ids).indexOf(name)}${Date.now()}`, ids[name]!);
  const connectionsSeenBy = (sshd: Sshd) => (sshd.log().match(/Accepted publickey/g) ?? []).length;

  it('reaches the target through one hop, authenticating at each', async () => {
    const before = connectionsSeenBy(hop1);
    await expect(open('via one')).resolves.toMatchObject({ home: expect.any(String) });
    expect(connectionsSeenBy(hop1)).toBe(before + 1);
  });

  it('reaches the target through two hops, given as a saved host and as user@host:port, or as a saved host with its own jump', async () => {
    // Start from no open link, so each hop's login is counted here (the Files tab above would lend its hop1 link).
    services.files.closeAll();
    await expect.poll(() => services.pool.size).toBe(0);
    const [one, two] = [connectionsSeenBy(hop1), connectionsSeenBy(hop2)];
    await expect(open('via two')).resolves.toMatchObject({ home: expect.any(String) });
    await expect(open('via saved chain')).resolves.toMatchObject({ home: expect.any(String) });
    // hop1 is shared by both chains (the first tab is still open); hop2 logs in twice: as an address hop
    // (the target's user and key) and as the saved host, which are different logins.
    expect(connectionsSeenBy(hop1)).toBe(one + 1);
    expect(connectionsSeenBy(hop2)).toBe(two + 2);
  });

  it('a tunnel rides the chain too, and closing the target closes the hop it opened', async () => {
    const echo = await startEchoServer();
    try {
      const port = await closedPort();
      const saved = await services.handlers['tunnels:save']({ hostId: ids['via one']!, name: 'chained', autoStart: false, spec: { kind: 'local', bindHost: '127.0.0.1', bindPort: port, destHost: '127.0.0.1', destPort: echo.port } }, ctx);
      const hopSessions = () => (hop1.log().match(/Accepted publickey/g) ?? []).length - (hop1.log().match(/Disconnected from user|Connection closed by authenticating|disconnected by user/g) ?? []).length;
      // The Files tabs above would lend the tunnel their shared connection: close them, so it opens its own chain.
      services.files.closeAll();
      await expect.poll(() => hopSessions(), { timeout: 5000 }).toBe(0);
      const openBefore = hopSessions();
      await toggleTunnel(services, ctx.clientId, ids['via one']!, saved.forwardId, true);
      expect(hopSessions()).toBe(openBefore + 1);
      const payload = randomBytes(300_000);
      expect((await echoRoundTrip(port, payload)).ok).toBe(true);
      await toggleTunnel(services, ctx.clientId, ids['via one']!, saved.forwardId, false);
      await expect.poll(() => hopSessions(), { timeout: 5000 }).toBe(openBefore);
    } finally {
      await echo.close();
    }
  });

  it('a hop that will not forward fails naming that hop and what to check', async () => {
    await expect(open('via closed')).rejects.toMatchObject({ code: 'jump-failed', message: expect.stringMatching(/^Jump host closed could not reach 127\.0\.0\.1:\d+: .*allows TCP forwarding/) });
  });

  it('a changed key at the second hop stops the chain there, naming the hop', async () => {
    // Record a different key for hop2, then make it strict.
    const other = path.join(dir, 'other_key');
    keygen(other);
    const known = path.join(dir, 'known_hosts');
    writeFileSync(known, `[127.0.0.1]:${hop2.port} ${readFileSync(`${other}.pub`, 'utf8').split(' ').slice(0, 2).join(' ')}\n`);
    const { services: strict } = testServices({ knownHosts: { readFiles: [known] } });
    try {
      const h1 = await saveTestHost(strict, 'hop1', hop1);
      const h2 = await saveTestHost(strict, 'hop2', hop2, { hostKeyPolicy: 'strict' });
      const t = await saveTestHost(strict, 'deep', target, { jumpHosts: ['hop1', 'hop2'] });
      expect(h1.id && h2.id).toBeTruthy();
      const before = connectionsSeenBy(target);
      await expect(openFiles(strict, ctx.clientId, 'bdeep', t.id)).rejects.toMatchObject({ code: 'host-key-changed', message: expect.stringMatching(/^Jump host 2 \(hop2\): /) });
      expect(connectionsSeenBy(target)).toBe(before);
      expect(execFileSync('ssh-keygen', ['-F', `[127.0.0.1]:${hop2.port}`, '-f', known]).toString()).toContain('127.0.0.1');
    } finally {
      await strict.dispose();
    }
  });

  it('jump hosts that loop are refused before any connection, naming the loop', async () => {
    const a = await saveTestHost(services, 'loop a', { port: hop1.port, user: 'x' }, { hostKeyPolicy: 'strict', jumpHosts: ['loop b'] });
    await saveTestHost(services, 'loop b', { port: hop2.port, user: 'x' }, { hostKeyPolicy: 'strict', jumpHosts: ['loop a'] });
    const before = connectionsSeenBy(hop1) + connectionsSeenBy(hop2);
    await expect(openFiles(services, ctx.clientId, 'bloop', a.id)).rejects.toMatchObject({ code: 'jump-loop', message: expect.stringContaining('loop back through') });
    expect(connectionsSeenBy(hop1) + connectionsSeenBy(hop2)).toBe(before);
  });

  it('parses user@host:port, [v6]:port and bare names', () => {
    expect(parseJumpAddress('alice@bastion.example:2222')).toMatchObject({ user: 'alice', host: 'bastion.example', port: 2222 });
    expect(parseJumpAddress('[::1]:22')).toMatchObject({ user: null, host: '::1', port: 22 });
    expect(parseJumpAddress('gw')).toMatchObject({ user: null, host: 'gw', port: 22 });
    expect(() => parseJumpAddress('a@b:99999')).toThrow(/port/);
    expect(() => parseJumpAddress('no such bastion')).toThrow(/neither a saved host's name nor user@host:port/);
  });
});
