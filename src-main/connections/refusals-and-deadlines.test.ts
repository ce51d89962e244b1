// What a user is told when sshd turns the connection away before the
// handshake (MaxStartups), and when the ssh-agent accepts a request and never
// answers it, against real parts: OpenSSH's sshd and a unix socket.
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSshd, type Sshd } from '../../test-support/sshd';
import { authPlan } from '../../test-support/auth';
import { listAgentKeys } from '../agent/agent-keys';
import { AppError } from '../errors/app-error';
import { isRetryable } from '../../src-shared/errors';
import { SshConnection } from './ssh-connection';

const trustAll = { check: async () => null };

async function connectError(connection: SshConnection): Promise<AppError> {
  const error = await connection.connect().then(
    () => null,
    (e: unknown) => e,
  );
  connection.close();
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('sshd refusing new connections (MaxStartups)', () => {
  let sshd: Sshd;
  const held: Socket[] = [];
  beforeAll(async () => {
    // start:rate:full = 1:100:1: once one connection is unauthenticated, sshd
    // drops every further one; it writes "Exceeded MaxStartups" and closes.
    sshd = await startSshd({ config: ['MaxStartups 1:100:1'] });
  });
  afterAll(async () => {
    for (const socket of held) socket.destroy();
    await sshd.stop();
  });

  it('says the server refuses new connections for now and to retry shortly, not that algorithms do not match', async () => {
    // One connection that never logs in fills the single unauthenticated slot.
    const hog = createConnection({ host: '127.0.0.1', port: sshd.port });
    held.push(hog);
    await new Promise<void>((resolve) => hog.once('data', () => resolve()));
    const endpoint = { host: '127.0.0.1', port: sshd.port, username: sshd.user };
    const error = await connectError(new SshConnection({ endpoint, auth: await authPlan(endpoint, { keyPath: sshd.clientKeyPath }), hostKeys: trustAll, readyTimeoutMs: 10_000 }));
    await expect.poll(() => sshd.log()).toContain('past MaxStartups');
    expect(error.code).toBe('server-busy');
    expect(error.message).toMatch(/^127\.0\.0\.1:\d+ (closed|reset) the connection before the SSH handshake \(OpenSSH reports "kex_exchange_identification: /);
    expect(error.message).toContain("The server is refusing new connections for now: most often too many unauthenticated connections are open at once (sshd's MaxStartups)");
    expect(error.message).toContain('Wait a few seconds and try again');
    expect(error.message).not.toMatch(/algorithm/);
    expect(isRetryable(error.code)).toBe(true);

    // The slot frees up: the same connection goes through.
    hog.destroy();
    await expect.poll(async () => {
      const again = new SshConnection({ endpoint, auth: await authPlan(endpoint, { keyPath: sshd.clientKeyPath }), hostKeys: trustAll, readyTimeoutMs: 10_000 });
      const ok = await again.connect().then(() => true, () => false);
      again.close();
      return ok;
    }, { timeout: 10_000 }).toBe(true);
  });
});

describe('an ssh-agent that accepts and never answers', () => {
  let dir: string;
  let socketPath: string;
  let agent: Server;
  /** Connections the fake agent holds open right now. */
  const open = new Set<Socket>();
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'warren-hung-agent-'));
    socketPath = path.join(dir, 'agent.sock');
    agent = createServer((socket) => {
      open.add(socket);
      socket.on('close', () => open.delete(socket));
      socket.on('error', () => {});
      socket.resume(); // reads the request, answers nothing
    });
    await new Promise<void>((resolve) => agent.listen(socketPath, resolve));
  });
  afterAll(async () => {
    for (const socket of open) socket.destroy();
    await new Promise<void>((resolve) => agent.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  it("listing the agent's keys: a clear reason at the deadline, and the socket to the agent is closed", async () => {
    const status = await listAgentKeys(socketPath, 300);
    expect(status).toEqual({
      available: false,
      reason: `The ssh-agent at ${socketPath} did not answer the request for its keys within 0.3 s. Check that the agent is running and unlocked (ssh-add -l), or restart it.`,
    });
    await expect.poll(() => open.size).toBe(0);
  });

  describe('during login', () => {
    let sshd: Sshd;
    beforeAll(async () => (sshd = await startSshd()));
    afterAll(() => sshd.stop());
    afterEach(() => expect.poll(() => open.size).toBe(0));

    it('the login goes on with the key file once the agent has had its time, and the log says why', async () => {
      const endpoint = { host: '127.0.0.1', port: sshd.port, username: sshd.user };
      const connection = new SshConnection({
        endpoint,
        auth: await authPlan(endpoint, { agentSocket: socketPath, agentTimeoutMs: 300, keyPath: sshd.clientKeyPath }),
        hostKeys: trustAll,
        readyTimeoutMs: 10_000,
      });
      await connection.connect();
      connection.close();
      expect(connection.log.entries().map((e) => e.text)).toContain(
        `ssh-agent: The ssh-agent at ${socketPath} did not answer the request for its keys within 0.3 s. Check that the agent is running and unlocked (ssh-add -l), or restart it.`,
      );
    });

    it('with nothing else to offer, the refusal says the agent did not answer', async () => {
      const endpoint = { host: '127.0.0.1', port: sshd.port, username: sshd.user };
      const started = Date.now();
      const error = await connectError(
        new SshConnection({ endpoint, auth: await authPlan(endpoint, { agentSocket: socketPath, agentTimeoutMs: 300 }), hostKeys: trustAll, readyTimeoutMs: 10_000 }),
      );
      expect(Date.now() - started).toBeLessThan(5000);
      expect(error.code).toBe('auth-failed');
      expect(error.message).toContain(
        `Warren could not use the ssh-agent, so its keys were not offered. The ssh-agent at ${socketPath} did not answer the request for its keys within 0.3 s.`,
      );
    });
  });
});
