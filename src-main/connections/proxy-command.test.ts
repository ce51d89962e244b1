// ProxyCommand against real OpenSSH sshd: an nc-style command (a small node
// script, as no nc is installed here) and `ssh -W` through a bastion, for
// terminals, Files and tunnels; a failing command in words; no command left
// running once the connection closed.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../app/services';
import { fakeWindow, saveTestHost, testServices } from '../../test-support/services';
import { startSshd, type Sshd } from '../../test-support/sshd';
import { closedPort, echoRoundTrip, startEchoServer } from '../../test-support/net';
import { authPlan } from '../../test-support/auth';
import { PIPE_PROXY_SCRIPT, pipeProxyCommand } from '../../test-support/proxy-commands';
import { ConnectionLog } from './connection-log';
import { SshConnection } from './ssh-connection';
import { expandProxyCommand, shellInvocation } from './proxy-command';
import { openFiles, toggleTunnel } from '../../test-support/lifecycle';

const text = (lines: { text: string }[]) => lines.map((l) => l.text).join('\n');

/** Whether a process with this pid still runs. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('expanding ProxyCommand tokens', () => {
  const tokens = { host: 'db.internal', port: 2222, user: 'alice', alias: 'db' };
  it('expands %h %p %r %n and %% as ssh does, quoting nothing', () => {
    expect(expandProxyCommand('ssh -W %h:%p -l %r bastion # %n 100%%', tokens)).toBe('ssh -W db.internal:2222 -l alice bastion # db 100%');
    expect(expandProxyCommand('nc "%h" %p', tokens)).toBe('nc "db.internal" 2222');
  });
  it('refuses a token ssh does not know, and a lone % at the end', () => {
    expect(() => expandProxyCommand('nc %h %x', tokens)).toThrow(/"%x", which is not a token ssh knows/);
    expect(() => expandProxyCommand('nc %h %p %', tokens)).toThrow(/a "%" at its end/);
  });
  it('runs through the user\'s shell with exec, as OpenSSH does, or cmd /c on Windows', () => {
    expect(shellInvocation('nc a 22', 'linux', { SHELL: '/bin/zsh' })).toEqual({ file: '/bin/zsh', args: ['-c', 'exec nc a 22'], verbatim: false });
    expect(shellInvocation('nc a 22', 'linux', {})).toMatchObject({ file: '/bin/sh' });
    expect(shellInvocation('nc a 22', 'win32', {})).toEqual({ file: 'cmd.exe', args: ['/d', '/s', '/c', '"nc a 22"'], verbatim: true });
  });
});

describe('ProxyCommand against real sshd', () => {
  let target: Sshd;
  let bastion: Sshd;
  let services: Services;
  let dir: string;
  let window: ReturnType<typeof fakeWindow>;
  const ctx = { clientId: 'win' };

  beforeAll(async () => {
    target = await startSshd();
    bastion = await startSshd({ clientKeyPath: target.clientKeyPath });
    const made = testServices();
    ({ services, dir } = made);
    window = fakeWindow(made.hub, 'win');
  });
  afterAll(async () => {
    await services?.dispose();
    await Promise.all([target?.stop(), bastion?.stop()]);
  });

  const pipeProxy = pipeProxyCommand;

  it('an nc-style command carries Files, its stderr in the log, and is gone once Files closes', async () => {
    const pidFile = path.join(dir, 'proxy.pid');
    const host = await saveTestHost(services, 'via pipe', target, { proxyCommand: pipeProxy(pidFile) });
    expect(host.proxyCommand).toBe(pipeProxy(pidFile));
    await expect(openFiles(services, ctx.clientId, 'b1', host.id)).resolves.toMatchObject({ home: expect.any(String) });
    const pid = Number(readFileSync(pidFile, 'utf8'));
    expect(alive(pid)).toBe(true);
    const log = text(services.handlers['log:get']({ id: 'b1' }, ctx) as { text: string }[]);
    expect(log).toContain(`Proxy command says: pipe-proxy: connecting to 127.0.0.1:${target.port}`);
    expect(log).toContain(`Connecting to 127.0.0.1:${target.port} through the proxy command.`);
    // The host key is the target's, recorded under the target's name.
    const fingerprint = execFileSync('ssh-keygen', ['-lf', `${target.hostKeyPath}.pub`]).toString().split(' ')[1]!;
    expect(log).toContain(`Host key ssh-ed25519 ${fingerprint}: trusted.`);
    expect(execFileSync('ssh-keygen', ['-F', `[127.0.0.1]:${target.port}`, '-f', path.join(dir, 'known_hosts')]).toString()).toContain('ssh-ed25519');
    await services.handlers['files:close']({ browserId: 'b1' }, ctx);
    await expect.poll(() => alive(pid), { timeout: 5000 }).toBe(false);
  });

  it('a terminal goes through it and echoes', async () => {
    const host = await saveTestHost(services, 'terminal via pipe', target, { proxyCommand: pipeProxy() });
    const { sessionId } = services.sessions.open('win', host.id, 80, 24);
    await expect.poll(() => window.last(sessionId)?.state, { timeout: 10_000 }).toBe('connected');
    services.handlers['session:write']({ sessionId, data: 'echo proxied-$((6*7))\n' }, ctx);
    await expect.poll(() => window.output(), { timeout: 10_000 }).toContain('proxied-42');
    services.handlers['session:close']({ sessionId }, ctx);
  });

  it('a tunnel goes through it, and its command ends when the tunnel stops', async () => {
    const echo = await startEchoServer();
    try {
      const pidFile = path.join(dir, 'tunnel-proxy.pid');
      const host = await saveTestHost(services, 'tunnel via pipe', target, { proxyCommand: pipeProxy(pidFile) });
      const port = await closedPort();
      const saved = await services.handlers['tunnels:save']({ hostId: host.id, name: 'proxied', autoStart: false, spec: { kind: 'local', bindHost: '127.0.0.1', bindPort: port, destHost: '127.0.0.1', destPort: echo.port } }, ctx);
      await toggleTunnel(services, ctx.clientId, host.id, saved.forwardId, true);
      expect((await echoRoundTrip(port, randomBytes(200_000))).ok).toBe(true);
      const pid = Number(readFileSync(pidFile, 'utf8'));
      await toggleTunnel(services, ctx.clientId, host.id, saved.forwardId, false);
      await expect.poll(() => alive(pid), { timeout: 5000 }).toBe(false);
    } finally {
      await echo.close();
    }
  });

  it('`ssh -W %h:%p` through a bastion works as a proxy command', async () => {
    const before = (bastion.log().match(/Accepted publickey/g) ?? []).length;
    const command = `ssh -F /dev/null -W %h:%p -i '${target.clientKeyPath}' -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -p ${bastion.port} %r@127.0.0.1`;
    const host = await saveTestHost(services, 'via ssh -W', target, { proxyCommand: command });
    const result = await services.handlers['hosts:test']({ hostId: host.id }, ctx);
    expect(result.verdict).toMatch(/^Connected to 127\.0\.0\.1:\d+ and logged in/);
    expect((bastion.log().match(/Accepted publickey/g) ?? []).length).toBe(before + 1);
  });

  it('a saved jump host reached through its own proxy command carries the target, as ssh -J does', async () => {
    await saveTestHost(services, 'proxied bastion', bastion, { proxyCommand: pipeProxy() });
    const host = await saveTestHost(services, 'behind proxied bastion', target, { jumpHosts: ['proxied bastion'] });
    const before = (bastion.log().match(/Accepted publickey/g) ?? []).length;
    const result = await services.handlers['hosts:test']({ hostId: host.id }, ctx);
    expect(result.ok).toBe(true);
    const log = text(result.log);
    expect(log).toContain(`[hop 1] Proxy command says: pipe-proxy: connecting to 127.0.0.1:${bastion.port}`);
    expect(log).toContain(`Connecting to 127.0.0.1:${target.port} through the jump host.`);
    expect((bastion.log().match(/Accepted publickey/g) ?? []).length).toBe(before + 1);
  });

  it('a command that fails says so in words: its exit code and its last stderr line', async () => {
    const host = await saveTestHost(services, 'failing', target, { proxyCommand: `sh -c 'echo "bastion.example: Name or service not known" >&2; exit 3'` });
    await expect(openFiles(services, ctx.clientId, 'b2', host.id)).rejects.toMatchObject({
      code: 'proxy-command-failed',
      message: expect.stringMatching(/^The proxy command "sh -c .*" exited with code 3, saying: "bastion\.example: Name or service not known"\. Check the command/),
    });
    const silent = await saveTestHost(services, 'false', target, { proxyCommand: 'false' });
    await expect(openFiles(services, ctx.clientId, 'b3', silent.id)).rejects.toMatchObject({
      code: 'proxy-command-failed',
      message: expect.stringContaining('"false" exited with code 1 without a word on stderr'),
    });
    const missing = await saveTestHost(services, 'missing', target, { proxyCommand: 'no-such-proxy-program %h %p' });
    await expect(openFiles(services, ctx.clientId, 'b4', missing.id)).rejects.toMatchObject({
      code: 'proxy-command-failed',
      message: expect.stringMatching(/exited with code 127, saying: ".*no-such-proxy-program.*not found"/),
    });
  });

  it('a connection that fails after the command started ends the command too', async () => {
    const pidFile = path.join(dir, 'refused.pid');
    // The proxy connects, but the login is refused: no key, and no way to ask for a password.
    const host = await saveTestHost(services, 'refused', target, { proxyCommand: pipeProxy(pidFile), keyPath: null });
    await expect(services.handlers['hosts:test']({ hostId: host.id }, ctx)).resolves.toMatchObject({ ok: false });
    const pid = Number(readFileSync(pidFile, 'utf8'));
    await expect.poll(() => alive(pid), { timeout: 5000 }).toBe(false);
  });

  it('`none` means direct, and a host cannot have both jump hosts and a proxy command', async () => {
    const direct = await saveTestHost(services, 'none', target, { proxyCommand: 'none' });
    expect(direct.proxyCommand).toBeNull();
    await expect(saveTestHost(services, 'both', target, { proxyCommand: 'nc %h %p', jumpHosts: ['none'] })).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringContaining('not both') });
  });
});

describe('one SshConnection over a proxy command', () => {
  let target: Sshd;
  beforeAll(async () => {
    target = await startSshd();
  });
  afterAll(() => target?.stop());

  const connection = async (proxyCommand: string, log = new ConnectionLog()) => {
    const endpoint = { host: '127.0.0.1', port: target.port, username: target.user };
    const checked: string[] = [];
    const conn = new SshConnection({
      endpoint,
      auth: await authPlan(endpoint, { keyPath: target.clientKeyPath }),
      // The key is checked against the target's name and port, whatever carries the bytes.
      hostKeys: { check: async (host, port) => (checked.push(`${host}:${port}`), null) },
      proxyCommand,
      log,
    });
    return { conn, log, checked };
  };

  it('logs in through it, checks the target\'s host key, and ends it on close', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'warren-proxy-'));
    const pidFile = path.join(dir, 'pid');
    const { conn, log, checked } = await connection(`'${process.execPath}' '${PIPE_PROXY_SCRIPT}' 127.0.0.1 ${target.port} ${pidFile}`);
    await conn.connect();
    expect(checked).toEqual([`127.0.0.1:${target.port}`]);
    expect(text(log.entries())).toContain(`Proxy command says: pipe-proxy: connecting to 127.0.0.1:${target.port}`);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    expect(alive(pid)).toBe(true);
    conn.close();
    await expect.poll(() => alive(pid), { timeout: 5000 }).toBe(false);
    await expect.poll(() => text(log.entries())).toContain('Disconnected: closed by the user');
  });

  it('a command that exits early fails the connect with its code and last words', async () => {
    const { conn } = await connection(`sh -c 'echo first >&2; echo "channel 0: open failed: connect failed: Connection refused" >&2; exit 255'`);
    await expect(conn.connect()).rejects.toMatchObject({
      code: 'proxy-command-failed',
      message: expect.stringContaining('exited with code 255, saying: "channel 0: open failed: connect failed: Connection refused"'),
    });
  });
});
