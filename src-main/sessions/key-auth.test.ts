// Key authentication against OpenSSH sshd: every key type in both file
// formats, encrypted keys, ssh-agent, and host keys across a re-key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { keygen, startSshd, type Sshd } from '../../test-support/sshd';
import { authPlan, scriptedUser } from '../../test-support/auth';
import type { HostKeyCheck } from '../host-keys/host-key-check';
import { TerminalSession, type SessionStateUpdate } from './terminal-session';
import type { AuthPlan } from '../connections/auth-plan';
import { listAgentKeys } from '../agent/agent-keys';

const trustAll: HostKeyCheck = { check: async () => null };

async function open(sshd: Sshd, auth: AuthPlan, hostKeys: HostKeyCheck = trustAll) {
  const states: SessionStateUpdate[] = [];
  let output = '';
  const session = new TerminalSession(
    { endpoint: { host: '127.0.0.1', port: sshd.port, username: sshd.user }, auth, hostKeys, cols: 80, rows: 24 },
    {
      data: (d) => {
        output += Buffer.from(d).toString();
        session.ack(d.length);
      },
      state: (s) => states.push(s),
    },
  );
  session.start();
  await expect.poll(() => states.at(-1)?.state, { timeout: 10_000 }).not.toBe('connecting');
  return { session, result: states.at(-1)!, output: () => output };
}

describe('key files against OpenSSH sshd', () => {
  let sshd: Sshd;
  let keys: string;
  const endpoint = () => ({ host: '127.0.0.1', port: sshd.port, username: sshd.user });
  /** Makes a key, lets the server accept it, returns its path. */
  const accepted = (name: string, args: string[]) => {
    const file = path.join(keys, name);
    execFileSync('ssh-keygen', ['-q', '-N', '', '-C', name, '-f', file, ...args]);
    appendFileSync(path.join(sshd.dir, 'authorized_keys'), readFileSync(`${file}.pub`));
    return file;
  };

  beforeAll(async () => {
    sshd = await startSshd();
    keys = mkdtempSync(path.join(os.tmpdir(), 'warren-keys-'));
  });
  afterAll(() => sshd?.stop());

  const cases: [string, string[], RegExp][] = [
    ['ed25519', ['-t', 'ed25519'], /OPENSSH PRIVATE KEY/],
    ['ecdsa-256', ['-t', 'ecdsa', '-b', '256'], /OPENSSH PRIVATE KEY/],
    ['ecdsa-384-pem', ['-t', 'ecdsa', '-b', '384', '-m', 'PEM'], /BEGIN EC PRIVATE KEY/],
    ['ecdsa-521', ['-t', 'ecdsa', '-b', '521'], /OPENSSH PRIVATE KEY/],
    ['rsa-3072', ['-t', 'rsa', '-b', '3072'], /OPENSSH PRIVATE KEY/],
    ['rsa-2048-pem', ['-t', 'rsa', '-b', '2048', '-m', 'PEM'], /BEGIN RSA PRIVATE KEY/],
  ];
  for (const [name, args, format] of cases) {
    it(`logs in with a ${name} key`, async () => {
      const file = accepted(name, args);
      expect(readFileSync(file, 'utf8')).toMatch(format);
      const c = await open(sshd, await authPlan(endpoint(), { keyPath: file }));
      expect(c.result.state).toBe('connected');
      const fingerprint = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${file}.pub`]).toString().split(' ')[1]!;
      expect(sshd.log()).toMatch(new RegExp(`Accepted publickey for ${sshd.user} .* ${fingerprint.replace(/[+/]/g, '\\$&')}`));
      c.session.close();
    });
  }

  it('an encrypted key: a wrong passphrase is asked again, the right one logs in and is offered for remembering', async () => {
    const file = path.join(keys, 'locked');
    keygen(file, 'ed25519', 'right phrase');
    appendFileSync(path.join(sshd.dir, 'authorized_keys'), readFileSync(`${file}.pub`));
    const u = scriptedUser([
      { kind: 'passphrase', passphrase: 'wrong', remember: true },
      { kind: 'passphrase', passphrase: 'right phrase', remember: true },
    ]);
    const auth = await authPlan(endpoint(), { keyPath: file, canRemember: true }, u.ask);
    const c = await open(sshd, auth);
    expect(c.result.state).toBe('connected');
    expect(u.asked).toEqual([
      { kind: 'passphrase', keyPath: file, retry: false, canRemember: true },
      { kind: 'passphrase', keyPath: file, retry: true, canRemember: true },
    ]);
    expect(auth.toRemember()).toEqual({ passphrase: 'right phrase' });
    c.session.close();
  });

  it('a saved passphrase opens the key without asking; a cancelled prompt ends the attempt', async () => {
    const file = path.join(keys, 'locked2');
    keygen(file, 'ecdsa', 'saved phrase');
    appendFileSync(path.join(sshd.dir, 'authorized_keys'), readFileSync(`${file}.pub`));
    const quiet = scriptedUser([]);
    const ok = await open(sshd, await authPlan(endpoint(), { keyPath: file, savedPassphrase: 'saved phrase' }, quiet.ask));
    expect(ok.result.state).toBe('connected');
    expect(quiet.asked).toEqual([]);
    ok.session.close();
    const cancelled = await open(sshd, await authPlan(endpoint(), { keyPath: file }, scriptedUser([]).ask));
    expect(cancelled.result).toMatchObject({ state: 'closed', message: 'Cancelled.' });
  });

  it('a server re-key with the same host key asks nothing again', async () => {
    const rekeying = await startSshd({ config: ['RekeyLimit 256K'] });
    try {
      let checks = 0;
      const counting: HostKeyCheck = { check: async () => (checks++, null) };
      const c = await open(rekeying, await authPlan({ host: '127.0.0.1', port: rekeying.port, username: rekeying.user }, { keyPath: rekeying.clientKeyPath }), counting);
      expect(c.result.state).toBe('connected');
      // About 2 MB from the server: many times its 256 KiB re-key limit.
      c.session.write('head -c 1500000 /dev/zero | base64; echo rekeyed-$((1+1))\n');
      await expect.poll(() => c.output(), { timeout: 20_000 }).toContain('rekeyed-2');
      expect(c.session.keyExchanges).toBeGreaterThan(1);
      expect(checks).toBe(1);
      c.session.close();
    } finally {
      await rekeying.stop();
    }
  });
});

describe('ssh-agent', () => {
  let sshd: Sshd;
  let agent: ChildProcess;
  let socket: string;
  beforeAll(async () => {
    sshd = await startSshd();
    socket = path.join(mkdtempSync(path.join(os.tmpdir(), 'warren-agent-')), 'agent.sock');
    agent = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
    const agentUp = () => {
      try {
        execFileSync('ssh-add', ['-l'], { env: { ...process.env, SSH_AUTH_SOCK: socket }, stdio: 'pipe' });
        return true;
      } catch (error) {
        // Exit status 1 means "no identities": the agent is up.
        return (error as { status?: number }).status === 1;
      }
    };
    for (let waited = 0; !agentUp(); waited += 20) {
      if (waited > 5000) throw new Error('ssh-agent did not start');
      await new Promise((r) => setTimeout(r, 20));
    }
    execFileSync('ssh-add', [sshd.clientKeyPath], { env: { ...process.env, SSH_AUTH_SOCK: socket }, stdio: 'pipe' });
  });
  afterAll(async () => {
    agent?.kill();
    await sshd?.stop();
  });

  it('lists the agent’s keys as ssh-add -l does', async () => {
    const listed = execFileSync('ssh-add', ['-l', '-E', 'sha256'], { env: { ...process.env, SSH_AUTH_SOCK: socket } }).toString();
    const status = await listAgentKeys(socket);
    expect(status).toEqual({ available: true, socket, keys: [{ type: 'ssh-ed25519', fingerprint: listed.split(' ')[1], comment: 'warren-test' }] });
    expect(await listAgentKeys(null)).toEqual({ available: false, reason: 'No ssh-agent is running (SSH_AUTH_SOCK is not set).' });
    expect(await listAgentKeys(path.join(os.tmpdir(), 'no-such-agent.sock'))).toMatchObject({ available: false, reason: expect.stringMatching(/^Cannot reach the ssh-agent at /) });
  });

  it('logs in with a key held only by the agent', async () => {
    const c = await open(sshd, await authPlan({ host: '127.0.0.1', port: sshd.port, username: sshd.user }, { agentSocket: socket }));
    expect(c.result.state).toBe('connected');
    c.session.close();
  });

  it('says the agent’s keys were tried when none is accepted', async () => {
    const other = await startSshd();
    try {
      const c = await open(other, await authPlan({ host: '127.0.0.1', port: other.port, username: other.user }, { agentSocket: socket }));
      expect(c.result).toMatchObject({ state: 'failed', code: 'auth-failed' });
      expect(c.result.message).toContain('did not accept the keys in ssh-agent');
    } finally {
      await other.stop();
    }
  });
});
