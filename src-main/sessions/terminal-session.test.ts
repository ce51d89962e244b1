import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSshd, keygen, freePort, type Sshd } from '../../test-support/sshd';
import type { HostKeyCheck } from '../host-keys/host-key-check';
import { TerminalSession, type SessionStateUpdate, FLOW_HIGH_WATER } from './terminal-session';
import { START_BYTES } from './flow-budget';
import { readKeyFile } from '../connections/credentials';
import { authPlan } from '../../test-support/auth';
import type { AuthPlan } from '../connections/auth-plan';
import { AppError } from '../errors/app-error';

const trustAll: HostKeyCheck = { check: async () => null };

/** Drives one session and records what a terminal tab would see. */
type MakeAuth = (endpoint: { host: string; port: number; username: string }) => Promise<AuthPlan>;

async function drive(sshd: { port: number; user: string }, makeAuth: MakeAuth, extra: { host?: string; hostKeys?: HostKeyCheck; readyTimeoutMs?: number } = {}) {
  const endpoint = { host: extra.host ?? '127.0.0.1', port: sshd.port, username: sshd.user };
  const auth = await makeAuth(endpoint);
  const states: SessionStateUpdate[] = [];
  let output = '';
  const decoder = new TextDecoder();
  const waiters: Array<() => void> = [];
  const session = new TerminalSession(
    {
      endpoint,
      auth,
      hostKeys: extra.hostKeys ?? trustAll,
      cols: 100,
      rows: 30,
      readyTimeoutMs: extra.readyTimeoutMs ?? 10_000,
    },
    {
      data: (bytes) => {
        output += decoder.decode(bytes, { stream: true });
        waiters.forEach((w) => w());
      },
      state: (event) => {
        states.push(event);
        waiters.forEach((w) => w());
      },
    },
  );
  const until = (predicate: () => boolean, what: string, ms = 10_000) =>
    new Promise<void>((resolve, reject) => {
      if (predicate()) return resolve();
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; output: ${output.slice(-500)}; states: ${JSON.stringify(states)}`)), ms);
      waiters.push(() => {
        if (predicate()) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
  const last = () => states[states.length - 1];
  return { session, states, output: () => output, until, last };
}

describe('TerminalSession against OpenSSH sshd', () => {
  let sshd: Sshd;
  let key: MakeAuth;
  beforeAll(async () => {
    sshd = await startSshd();
    key = (endpoint) => authPlan(endpoint, { keyPath: sshd.clientKeyPath });
  });
  afterAll(() => sshd?.stop());

  it('opens a shell, runs a command, resizes the PTY and reports the exit status', async () => {
    const t = await drive(sshd, key);
    t.session.start();
    await t.until(() => t.last()?.state === 'connected', 'connected');
    const marker = `warren-${Math.random().toString(36).slice(2)}`;
    t.session.write(`echo ${marker}-$((6*7))\n`);
    await t.until(() => t.output().includes(`${marker}-42`), 'echo output');
    t.session.write('echo "home=$HOME"\n');
    await t.until(() => t.output().includes(`home=${sshd.home}\r\n`), 'the fixture HOME, not the account’s');
    t.session.write('stty size\n');
    await t.until(() => /\b30 100\b/.test(t.output()), 'initial size');
    t.session.resize(132, 43);
    t.session.write('stty size\n');
    await t.until(() => /\b43 132\b/.test(t.output()), 'resized');
    t.session.write('exit 7\n');
    await t.until(() => t.last()?.state === 'closed', 'closed');
    expect(t.last()).toMatchObject({ state: 'closed', exitCode: 7, message: 'The shell exited with status 7.' });
  });

  it('pauses the channel when the terminal does not acknowledge output, and resumes on ack', async () => {
    const t = await drive(sshd, key);
    t.session.start();
    await t.until(() => t.last()?.state === 'connected', 'connected');
    // 4 MiB of output: far above the high-water mark.
    t.session.write('head -c 4194304 /dev/zero | tr "\\0" "x"; echo; echo FLOW-$((40+2))\n');
    // Before any drawing is measured the queue holds START_BYTES (flow-budget.ts).
    await t.until(() => t.output().length > START_BYTES, 'high water');
    // Without acks the output must stall well short of 4 MiB.
    const stalledAt = t.output().length;
    await new Promise((r) => setTimeout(r, 500));
    expect(t.output().length).toBeLessThan(FLOW_HIGH_WATER + 512 * 1024);
    expect(t.output().length - stalledAt).toBeLessThan(512 * 1024);
    // Acknowledge as a terminal would, and everything arrives.
    const ackAll = setInterval(() => t.session.ack(1 << 30), 5);
    await t.until(() => t.output().includes('FLOW-42'), 'all output', 20_000);
    clearInterval(ackAll);
    expect(t.output().split('x').length - 1).toBeGreaterThanOrEqual(4194304);
    t.session.close();
    expect(t.last()).toMatchObject({ state: 'closed', message: 'Closed.' });
  });

  it('says which key was refused and which methods the server offers', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'warren-key-'));
    const stranger = path.join(dir, 'stranger');
    keygen(stranger);
    const t = await drive(sshd, (endpoint) => authPlan(endpoint, { keyPath: stranger }));
    t.session.start();
    await t.until(() => t.last()?.state === 'failed', 'failed');
    expect(t.last()?.code).toBe('auth-failed');
    expect(t.last()?.message).toContain(`did not accept the key ${stranger}`);
    expect(t.last()?.message).toContain('The server offers: publickey');
  });

  it('reports connection refused with the port', async () => {
    const port = await freePort();
    const t = await drive({ port, user: sshd.user }, key);
    t.session.start();
    await t.until(() => t.last()?.state === 'failed', 'failed');
    expect(t.last()).toMatchObject({ code: 'connection-refused' });
    expect(t.last()?.message).toContain(`127.0.0.1:${port} refused the connection`);
  });

  it('reports an unknown host name', async () => {
    const t = await drive(sshd, key, { host: 'no-such-host.invalid' });
    t.session.start();
    await t.until(() => t.last()?.state === 'failed', 'failed', 20_000);
    expect(t.last()).toMatchObject({ code: 'host-not-found' });
    expect(t.last()?.message).toContain('"no-such-host.invalid"');
  });

  it('times out on a server that never speaks', async () => {
    const { createServer } = await import('node:net');
    const silent = createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as { port: number }).port;
    const t = await drive({ port, user: sshd.user }, key, { readyTimeoutMs: 800 });
    t.session.start();
    await t.until(() => t.last()?.state === 'failed', 'failed');
    silent.close();
    expect(t.last()).toMatchObject({ code: 'timeout' });
  });

  it('refuses a host key the check rejects, before authenticating', async () => {
    const refuse: HostKeyCheck = { check: async () => new AppError('host-key-changed', 'key changed') };
    const before = sshd.log();
    const t = await drive(sshd, key, { hostKeys: refuse });
    t.session.start();
    await t.until(() => t.last()?.state === 'failed', 'failed');
    expect(t.last()).toMatchObject({ code: 'host-key-changed', message: 'key changed' });
    const newLog = sshd.log().slice(before.length);
    expect(newLog).not.toMatch(/Accepted|Failed publickey|Postponed publickey/);
  });

  it('can be cancelled while connecting', async () => {
    const { createServer } = await import('node:net');
    const silent = createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as { port: number }).port;
    const t = await drive({ port, user: sshd.user }, key);
    t.session.start();
    await t.until(() => t.last()?.state === 'connecting', 'connecting');
    t.session.close();
    expect(t.last()).toMatchObject({ state: 'closed', message: 'Cancelled.' });
    silent.close();
  });
});

describe('readKeyFile', () => {
  it('names the file and the reason when a key cannot be read', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'warren-key-'));
    await expect(readKeyFile(path.join(dir, 'missing'))).rejects.toThrow(/Cannot read the key file .*missing: there is no such file/);
    const junk = path.join(dir, 'junk');
    writeFileSync(junk, 'not a key');
    await expect(readKeyFile(junk)).rejects.toMatchObject({ code: 'key-invalid' });
    const locked = path.join(dir, 'locked');
    keygen(locked, 'ed25519', 'secret-pass');
    expect(await readKeyFile(locked)).toMatchObject({ encrypted: true });
    if (process.getuid?.() !== 0) {
      const unreadable = path.join(dir, 'unreadable');
      keygen(unreadable);
      chmodSync(unreadable, 0o000);
      await expect(readKeyFile(unreadable)).rejects.toThrow(/permission denied/);
    }
  });
});
