// A terminal that ends right after login says why, in the server's words; a
// server that never starts the shell fails at the deadline; Cancel during
// that wait ends it at once.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { keygen, startSshd, type Sshd } from '../../test-support/sshd';
import { startSsh2Server, type Ssh2TestServer } from '../../test-support/ssh2-server';
import { authPlan } from '../../test-support/auth';
import { TerminalSession, type SessionStateUpdate } from './terminal-session';
import { endedMessage, OutputTail } from './session-end';

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function session(server: { port: number; user: string; clientKeyPath: string }, replyTimeoutMs = 10_000) {
  const endpoint = { host: '127.0.0.1', port: server.port, username: server.user };
  const states: SessionStateUpdate[] = [];
  let output = '';
  const s = new TerminalSession(
    { endpoint, auth: await authPlan(endpoint, { keyPath: server.clientKeyPath }), hostKeys: { check: async () => null }, cols: 80, rows: 24, readyTimeoutMs: 10_000, replyTimeoutMs },
    { data: (d) => (output += Buffer.from(d).toString()), state: (e) => states.push(e) },
  );
  cleanup.push(() => s.close());
  s.start();
  return { session: s, states, output: () => output, last: () => states.at(-1) };
}

describe('a shell the server ends right after login', () => {
  let sshd: Sshd;
  afterEach(() => sshd?.stop());

  it('ForceCommand printing "This account is currently not available." and exiting 1: the closed message quotes it with the status', async () => {
    sshd = await startSshd({ config: ["ForceCommand echo 'This account is currently not available.'; exit 1"] });
    const t = await session({ ...sshd });
    await expect.poll(() => t.last()?.state, { timeout: 10_000 }).toBe('closed');
    expect(t.output()).toContain('This account is currently not available.');
    expect(t.last()).toMatchObject({
      state: 'closed',
      exitCode: 1,
      message:
        'The server ended the session right after login (exit status 1). It said: "This account is currently not available." ' +
        "If this is unexpected, ask the server's administrator: the account may not allow logins (nologin), or the server may force a command (ForceCommand).",
    });
    // Not a lost connection: nothing would get better by reconnecting.
    expect(t.last()?.code).toBeUndefined();
  });

  it('a shell the user ends still says only how it exited', async () => {
    sshd = await startSshd();
    const t = await session({ ...sshd });
    await expect.poll(() => t.last()?.state, { timeout: 10_000 }).toBe('connected');
    t.session.write('exit 3\n');
    await expect.poll(() => t.last()?.state, { timeout: 10_000 }).toBe('closed');
    expect(t.last()?.message).toBe('The shell exited with status 3.');
  });
});

describe('a server that logs in but never starts the shell', () => {
  let server: Ssh2TestServer;
  async function silentShell() {
    const key = path.join(mkdtempSync(path.join(os.tmpdir(), 'warren-shell-wait-')), 'id');
    keygen(key);
    server = await startSsh2Server({ shell: 'ignore', publicKeyPath: `${key}.pub` });
    cleanup.push(() => server.close());
    return { port: server.port, user: server.username, clientKeyPath: key };
  }

  it('fails at the deadline with a message naming the shell, and closes the connection', async () => {
    const t = await session(await silentShell(), 500);
    await expect.poll(() => t.last()?.state, { timeout: 5000 }).toBe('failed');
    expect(server.requests).toContain('shell');
    expect(t.last()).toMatchObject({
      state: 'failed',
      code: 'timeout',
      message: "127.0.0.1 accepted the login but did not start a shell within 0.5 s. The server may be overloaded; try again, and if it keeps happening check the server's log.",
    });
    await expect.poll(() => server.openConnections()).toBe(0);
  });

  it('closing the tab during the wait ends it at once', async () => {
    const t = await session(await silentShell(), 60_000);
    await expect.poll(() => server.requests, { interval: 5 }).toContain('shell');
    t.session.close();
    expect(t.last()).toMatchObject({ state: 'closed', message: 'Cancelled.' });
    await expect.poll(() => server.openConnections()).toBe(0);
  });
});

describe('endedMessage and OutputTail', () => {
  it('quotes the last line without colours, and names a signal', () => {
    const tail = new OutputTail();
    tail.add('\x1b]0;title\x07Last login: today\r\n\x1b[1;31mThis account is currently not available.\x1b[0m\r\n');
    expect(tail.text()).toBe('This account is currently not available.');
    expect(endedMessage({ code: null, signal: 'KILL', said: null, lost: null })).toMatch(/^The server ended the session right after login \(ended by signal KILL\)\. It gave no message\. /);
    expect(endedMessage({ code: null, signal: null, said: 'bye', lost: 'The connection to h:22 was lost: read ECONNRESET. Reconnect to continue.' })).toBe(
      'The connection closed right after login. The server\'s last output was "bye". The connection to h:22 was lost: read ECONNRESET. Reconnect to continue.',
    );
  });
});
