// The connection log and "Test connection", against OpenSSH sshd and ssh2's
// Server: what a user reads when something goes wrong, and no secret in it.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../app/services';
import { authPlan, scriptedUser } from '../../test-support/auth';
import { startSsh2Server } from '../../test-support/ssh2-server';
import { saveTestHost, testServices } from '../../test-support/services';
import { keygen, startSshd, type Sshd } from '../../test-support/sshd';
import { ConnectionLog } from './connection-log';
import { SshConnection } from './ssh-connection';
import { newOpenId } from '../../src-shared/ids';

const ctx = { clientId: 'win' };
const text = (lines: { text: string }[]) => lines.map((l) => l.text).join('\n');

describe('connection log', () => {
  let sshd: Sshd;
  let bastion: Sshd;
  let services: Services;
  let dir: string;

  beforeAll(async () => {
    sshd = await startSshd();
    bastion = await startSshd({ clientKeyPath: sshd.clientKeyPath });
    ({ services, dir } = testServices());
  });
  afterAll(async () => {
    await services?.dispose();
    await Promise.all([sshd?.stop(), bastion?.stop()]);
  });

  const save = (name: string, server: Sshd, extra: { keyPath?: string; jumpHosts?: string[] } = {}) => saveTestHost(services, name, server, extra);

  it('Test connection: a verdict, and a log with the algorithms, the host key decision and the method that worked', async () => {
    const host = await save('plain', sshd);
    const result = await services.handlers['hosts:test']({ hostId: host.id }, ctx);
    expect(result.ok).toBe(true);
    expect(result.verdict).toMatch(new RegExp(`^Connected to 127\\.0\\.0\\.1:${sshd.port} and logged in as ${sshd.user} in \\d+ ms\\.$`));
    const fingerprint = execFileSync('ssh-keygen', ['-lf', `${sshd.hostKeyPath}.pub`]).toString().split(' ')[1]!;
    const log = text(result.log);
    expect(log).toContain(`Connecting to 127.0.0.1:${sshd.port}.`);
    expect(log).toMatch(/Negotiated: kex [\w@.-]+, host key ssh-ed25519, cipher [\w@.-]+/);
    expect(log).toContain(`Host key ssh-ed25519 ${fingerprint}: trusted.`);
    expect(log).toMatch(/Authenticated as \S+ with publickey \(server offers: publickey\)/);
    expect(log).toContain('Keepalive every 30 s, giving up after 3 unanswered.');
    // Nothing is left connected.
    await expect.poll(() => sshd.log()).toMatch(/Disconnected from user|Connection closed by|disconnected by user/);
  });

  it('through a jump host, the hop writes its own lines into the log', async () => {
    await save('bastion', bastion);
    const host = await save('behind', sshd, { jumpHosts: ['bastion'] });
    const result = await services.handlers['hosts:test']({ hostId: host.id }, ctx);
    expect(result.ok).toBe(true);
    const log = text(result.log);
    expect(log).toContain(`Jump host 1 (bastion): connecting to 127.0.0.1:${bastion.port}.`);
    expect(log).toMatch(/\[hop 1\] Authenticated as \S+ with publickey/);
    expect(log).toContain(`Connecting to 127.0.0.1:${sshd.port} through the jump host.`);
  });

  it('a refused key: the verdict says what was tried, and so does the log', async () => {
    const wrong = path.join(dir, 'wrong_key');
    keygen(wrong);
    const host = await save('wrong key', sshd, { keyPath: wrong });
    const result = await services.handlers['hosts:test']({ hostId: host.id }, ctx);
    expect(result.ok).toBe(false);
    expect(result.verdict).toContain(wrong);
    expect(text(result.log)).toMatch(new RegExp(`Authentication failed: tried the key ${wrong.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`));
  });

  it('a terminal session keeps its log, readable by its window only, also after it ends', async () => {
    const host = await save('session', sshd);
    const sessionId = newOpenId('s');
    services.handlers['session:open']({ sessionId, hostId: host.id, cols: 80, rows: 24 }, ctx);
    await expect.poll(() => text(services.handlers['log:get']({ id: sessionId }, ctx) as { text: string }[]), { timeout: 10_000 }).toContain('Authenticated as');
    expect(() => services.handlers['log:get']({ id: sessionId }, { clientId: 'other' })).toThrow(/No log/);
    services.handlers['session:close']({ sessionId }, ctx);
    await expect.poll(() => text(services.handlers['log:get']({ id: sessionId }, ctx) as { text: string }[])).toContain('Disconnected: closed by the user');
  });

  it('a password typed into a prompt never appears in the log', async () => {
    const secret = 'hunter2-correct-horse';
    const server = await startSsh2Server({ password: secret });
    try {
      const endpoint = { host: '127.0.0.1', port: server.port, username: server.username };
      const user = scriptedUser([{ kind: 'password', password: secret, remember: false }]);
      const log = new ConnectionLog();
      const connection = new SshConnection({ endpoint, auth: await authPlan(endpoint, {}, user.ask), hostKeys: { check: async () => null }, log });
      await connection.connect();
      connection.close();
      expect(text(log.entries())).toMatch(/Authenticated as alice with password/);
      expect(JSON.stringify(log.entries())).not.toContain(secret);
    } finally {
      await server.close();
    }
  });
});
