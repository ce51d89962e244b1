// Password logins need a real account on OpenSSH; ssh2's Server stands in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSsh2Server, type Ssh2TestServer } from '../testing/ssh2-server';
import { TerminalSession, type SessionStateUpdate } from './terminal-session';

function connect(server: Ssh2TestServer, password: string | undefined) {
  const states: SessionStateUpdate[] = [];
  let output = '';
  const session = new TerminalSession(
    {
      endpoint: { host: '127.0.0.1', port: server.port, username: server.username },
      credential: { type: 'password', password },
      hostKeys: { check: async () => null },
      cols: 80,
      rows: 24,
    },
    { data: (d) => (output += d), state: (s) => states.push(s) },
  );
  session.start();
  const settled = () =>
    new Promise<SessionStateUpdate>((resolve, reject) => {
      const started = Date.now();
      const poll = setInterval(() => {
        const last = states[states.length - 1];
        if (last && last.state !== 'connecting') {
          clearInterval(poll);
          resolve(last);
        } else if (Date.now() - started > 10_000) {
          clearInterval(poll);
          reject(new Error(`no result: ${JSON.stringify(states)}`));
        }
      }, 10);
    });
  return { session, settled, output: () => output };
}

describe('password authentication (ssh2 Server)', () => {
  let server: Ssh2TestServer;
  beforeAll(async () => {
    server = await startSsh2Server({ password: 'correct horse', kbdInteractive: [{ prompt: 'Code: ', echo: true, answer: '123456' }] });
  });
  afterAll(() => server.close());

  it('logs in with the right password and runs the shell', async () => {
    const c = connect(server, 'correct horse');
    expect(await c.settled()).toMatchObject({ state: 'connected' });
    c.session.write('hello\r');
    await expect.poll(() => c.output()).toContain('you said: hello');
    c.session.close();
  });

  it('a wrong password fails, naming what was tried and what the server offers', async () => {
    const c = connect(server, 'wrong');
    const result = await c.settled();
    expect(result).toMatchObject({ state: 'failed', code: 'auth-failed' });
    expect(result.message).toContain(`${server.username}@127.0.0.1:${server.port} did not accept the saved password`);
    expect(result.message).toContain('The server offers: password, keyboard-interactive');
  });

  it('with no saved password, says so instead of guessing', async () => {
    const c = connect(server, undefined);
    const result = await c.settled();
    expect(result).toMatchObject({ state: 'failed', code: 'auth-failed' });
    expect(result.message).toContain('none is saved for this host');
  });
});
