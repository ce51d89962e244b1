// Password and keyboard-interactive logins need real accounts on OpenSSH;
// ssh2's Server stands in, with known answers. The `ask` here plays the user.
import { afterEach, describe, expect, it } from 'vitest';
import { startSsh2Server, type Ssh2ServerOptions, type Ssh2TestServer } from '../../test-support/ssh2-server';
import { TerminalSession, type SessionStateUpdate } from './terminal-session';
import { authPlan, scriptedUser } from '../../test-support/auth';
import type { Ask, PromptAnswer } from '../../src-shared/contract/prompts';

let server: Ssh2TestServer | null = null;
afterEach(() => server?.close());

async function connect(options: Ssh2ServerOptions, saved: { password?: string }, ask: Ask) {
  server = await startSsh2Server(options);
  const endpoint = { host: '127.0.0.1', port: server.port, username: server.username };
  const auth = await authPlan(endpoint, { savedPassword: saved.password }, ask);
  const states: SessionStateUpdate[] = [];
  let output = '';
  let remembered: { password?: string } | null = null;
  const session = new TerminalSession(
    { endpoint, auth, hostKeys: { check: async () => null }, cols: 80, rows: 24, onAuthenticated: (r) => (remembered = r) },
    { data: (d) => (output += Buffer.from(d).toString()), state: (s) => states.push(s) },
  );
  session.start();
  await expect.poll(() => states.at(-1)?.state, { timeout: 10_000 }).not.toBe('connecting');
  return { result: states.at(-1)!, session, output: () => output, remembered: () => remembered };
}

const pw = (password: string, remember = false): PromptAnswer => ({ kind: 'password', password, remember });

describe('password', () => {
  it('logs in with the saved password without asking', async () => {
    const u = scriptedUser([]);
    const c = await connect({ password: 'correct horse' }, { password: 'correct horse' }, u.ask);
    expect(c.result.state).toBe('connected');
    expect(u.asked).toEqual([]);
    c.session.write('hello\r');
    await expect.poll(() => c.output()).toContain('you said: hello');
    c.session.close();
  });

  it('asks when none is saved, and remembers it only after it worked', async () => {
    const u = scriptedUser([pw('correct horse', true)]);
    const c = await connect({ password: 'correct horse' }, {}, u.ask);
    expect(c.result.state).toBe('connected');
    expect(u.asked).toEqual([{ kind: 'password', username: 'alice', host: '127.0.0.1', port: server!.port, retry: false, canRemember: false }]);
    expect(c.remembered()).toEqual({ password: 'correct horse' });
    c.session.close();
  });

  it('a wrong saved password asks again, saying it was wrong', async () => {
    const u = scriptedUser([pw('correct horse')]);
    const c = await connect({ password: 'correct horse' }, { password: 'stale' }, u.ask);
    expect(c.result.state).toBe('connected');
    expect(u.asked).toMatchObject([{ kind: 'password', retry: true }]);
    expect(c.remembered()).toEqual({});
    c.session.close();
  });

  it('three wrong passwords fail, naming what was tried and what the server offers', async () => {
    const u = scriptedUser([pw('a'), pw('b'), pw('c')]);
    const c = await connect({ password: 'correct horse' }, {}, u.ask);
    expect(c.result).toMatchObject({ state: 'failed', code: 'auth-failed' });
    expect(c.result.message).toContain(`alice@127.0.0.1:${server!.port} did not accept a password`);
    expect(c.result.message).toContain('The server offers: password');
    expect(u.asked).toHaveLength(3);
    expect(server!.attempts.filter((a) => a.method === 'password')).toHaveLength(3);
  });

  it('cancelling the prompt ends the attempt quietly', async () => {
    const u = scriptedUser([null]);
    const c = await connect({ password: 'correct horse' }, {}, u.ask);
    expect(c.result).toMatchObject({ state: 'closed', message: 'Cancelled.' });
    expect(server!.attempts.filter((a) => a.method === 'password')).toHaveLength(0);
  });
});

describe('keyboard-interactive', () => {
  const twoFactor: Ssh2ServerOptions = {
    kbdInteractive: [
      { prompt: 'Password: ', echo: false, answer: 'correct horse' },
      { prompt: 'Verification code: ', echo: true, answer: '123456' },
    ],
  };

  it('shows the server’s prompts (with echo flags) and logs in with the answers', async () => {
    const u = scriptedUser([{ kind: 'kbd-interactive', answers: ['correct horse', '123456'] }]);
    const c = await connect(twoFactor, {}, u.ask);
    expect(c.result.state).toBe('connected');
    expect(u.asked).toEqual([
      {
        kind: 'kbd-interactive',
        host: '127.0.0.1',
        name: 'Warren test server',
        instructions: 'Answer the questions.',
        prompts: [
          { prompt: 'Password: ', echo: false },
          { prompt: 'Verification code: ', echo: true },
        ],
      },
    ]);
    c.session.close();
  });

  it('a wrong code fails', async () => {
    const u = scriptedUser([{ kind: 'kbd-interactive', answers: ['correct horse', '000000'] }]);
    const c = await connect(twoFactor, {}, u.ask);
    expect(c.result).toMatchObject({ state: 'failed', code: 'auth-failed' });
    expect(c.result.message).toContain('The server offers: keyboard-interactive');
  });

  it('answers a lone password prompt with the saved password', async () => {
    const u = scriptedUser([]);
    const c = await connect({ kbdInteractive: [{ prompt: 'Password: ', echo: false, answer: 'pw' }] }, { password: 'pw' }, u.ask);
    expect(c.result.state).toBe('connected');
    expect(u.asked).toEqual([]);
    c.session.close();
  });

  it('is tried before password, as OpenSSH does', async () => {
    const u = scriptedUser([{ kind: 'kbd-interactive', answers: ['123456'] }]);
    const c = await connect({ password: 'pw', kbdInteractive: [{ prompt: 'Code: ', echo: true, answer: '123456' }] }, {}, u.ask);
    expect(c.result.state).toBe('connected');
    expect(server!.attempts.map((a) => a.method)).toEqual(['none', 'keyboard-interactive']);
    c.session.close();
  });
});
