// Keepalive and agent forwarding against OpenSSH sshd: a server that stops
// answering is noticed within interval × (count + 1); a forwarded agent lists
// the local agent's keys on the server.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killSessions } from '../../test-support/sftp-fixture';
import { fakeWindow, saveTestHost, testServices } from '../../test-support/services';
import { keygen, startSshd, type Sshd } from '../../test-support/sshd';

function setup(agentSocket: string | null) {
  const { services, hub } = testServices({ agentSocket });
  return { services, ...fakeWindow(hub, 'w') };
}

describe('keepalive', () => {
  let sshd: Sshd;
  beforeAll(async () => {
    sshd = await startSshd();
  });
  afterAll(async () => {
    killSessions(sshd, 'SIGCONT');
    await sshd?.stop();
  });

  it('notices a server that stops answering within interval × (count + 1) with 1 s × 3, and says so', async () => {
    const { services, states, last } = setup(null);
    const host = await saveTestHost(services, 'k', sshd, { keepaliveIntervalSec: 1, keepaliveCountMax: 3 });
    const { sessionId } = services.sessions.open('w', host.id, 80, 24);
    await expect.poll(() => last(sessionId)?.state, { timeout: 10_000 }).toBe('connected');
    expect(killSessions(sshd, 'SIGSTOP')).toBeGreaterThan(0);
    const stopped = Date.now();
    // Told as a lost connection (Reconnect automatically then logs in again; the tab says why first).
    await expect.poll(() => last(sessionId)?.code, { timeout: 10_000, interval: 50 }).toBe('connection-lost');
    const detected = Date.now() - stopped;
    console.log(`keepalive 1 s × 3: dead server noticed after ${detected} ms (bound 4000 ms)`);
    expect(detected).toBeLessThanOrEqual(4000 + 500);
    expect(detected).toBeGreaterThanOrEqual(2000);
    expect(states.find((s) => s.sessionId === sessionId && s.code === 'connection-lost')?.message).toMatch(/stopped answering \(3 keepalives 1 s apart went unanswered\)/);
    killSessions(sshd, 'SIGCONT');
    await services.dispose();
  }, 20_000);
});

describe('agent forwarding', () => {
  let sshd: Sshd;
  let agent: ChildProcess;
  let socket: string;
  let fingerprint: string;
  beforeAll(async () => {
    sshd = await startSshd();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'warren-agent-'));
    socket = path.join(dir, 'agent.sock');
    agent = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
    for (let waited = 0; !existsSync(socket); waited += 50) {
      if (waited > 5000) throw new Error('ssh-agent did not start');
      await new Promise((r) => setTimeout(r, 50));
    }
    const key = path.join(dir, 'forwarded_key');
    keygen(key, 'ed25519', '', 'warren-forwarded');
    execFileSync('ssh-add', [key], { env: { ...process.env, SSH_AUTH_SOCK: socket }, stdio: 'ignore' });
    fingerprint = execFileSync('ssh-keygen', ['-lf', `${key}.pub`]).toString().split(' ')[1]!;
  });
  afterAll(async () => {
    agent?.kill();
    await sshd?.stop();
  });

  const run = async (agentForward: boolean) => {
    const { services, last, output } = setup(socket);
    const host = await saveTestHost(services, 'a', sshd, { agentForward });
    const { sessionId } = services.sessions.open('w', host.id, 120, 24);
    await expect.poll(() => last(sessionId)?.state, { timeout: 10_000 }).toBe('connected');
    services.sessions.write('w', sessionId, 'ssh-add -l; echo "agent-exit=$((0+$?))"\n');
    await expect.poll(() => /agent-exit=\d/.exec(output())?.[0], { timeout: 10_000 }).toBeTruthy();
    await services.dispose();
    return output();
  };

  it('on: ssh-add -l on the server lists the local agent key through the forwarded socket', async () => {
    const out = await run(true);
    expect(out).toContain(fingerprint);
    expect(out).toContain('agent-exit=0');
  });

  it('off (the default): the server sees no agent', async () => {
    const out = await run(false);
    expect(out).not.toContain(fingerprint);
    expect(out).toMatch(/agent-exit=[12]/);
  });
});
