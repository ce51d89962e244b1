// A server that takes the key exchange and then never answers the login is
// given up on after the reply deadline, with a message that says so; a user
// who takes longer than that to type a one-time code is not.
import { afterEach, describe, expect, it } from 'vitest';
import { scriptedUser, authPlan } from '../../test-support/auth';
import { startSsh2Server, type Ssh2TestServer } from '../../test-support/ssh2-server';
import { AppError } from '../errors/app-error';
import { SshConnection } from './ssh-connection';

const trustAll = { check: async () => null };
let server: Ssh2TestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

describe('the login has a deadline', () => {
  it('a server that never answers the password attempt fails with a timeout naming the login, and the connection is closed', async () => {
    server = await startSsh2Server({ password: 'pw', silentAuth: 'password' });
    const endpoint = { host: '127.0.0.1', port: server.port, username: server.username };
    const connection = new SshConnection({ endpoint, auth: await authPlan(endpoint, { savedPassword: 'pw' }), hostKeys: trustAll, replyTimeoutMs: 500 });
    const started = Date.now();
    const error = await connection.connect().then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('timeout');
    expect((error as AppError).message).toMatch(/^127\.0\.0\.1:\d+ did not answer the login within 0\.5 s\./);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(server.attempts.map((a) => a.method)).toContain('password');
    await expect.poll(() => server!.openConnections()).toBe(0);
  });

  it('a keyboard-interactive answer that takes longer than the deadline still logs in: the user is not timed', async () => {
    server = await startSsh2Server({ kbdInteractive: [{ prompt: 'Code: ', echo: true, answer: '123456' }] });
    const endpoint = { host: '127.0.0.1', port: server.port, username: server.username };
    const slowUser = scriptedUser([{ kind: 'kbd-interactive', answers: ['123456'] }]);
    const ask = (async (question: Parameters<typeof slowUser.ask>[0]) => {
      await new Promise((resolve) => setTimeout(resolve, 1_200));
      return slowUser.ask(question);
    }) as typeof slowUser.ask;
    const connection = new SshConnection({ endpoint, auth: await authPlan(endpoint, {}, ask), hostKeys: trustAll, replyTimeoutMs: 500 });
    await connection.connect();
    expect(slowUser.asked.map((q) => q.kind)).toEqual(['kbd-interactive']);
    connection.close();
  });
});
