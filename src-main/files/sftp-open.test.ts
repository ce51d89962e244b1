// Opening a file browser against servers that log in and then misbehave: one
// that never answers the SFTP request (the deadline, and Cancel), one that
// drops the connection at that request, and a real sshd whose shell start-up
// file prints into the SFTP stream.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { failure } from '../../test-support/sftp-fixture';
import { startSsh2Server, type Ssh2ServerOptions, type Ssh2TestServer } from '../../test-support/ssh2-server';
import { keygen, SFTP_SERVER_PATH, startSshd, type Sshd } from '../../test-support/sshd';
import { fakeWindow, saveTestHost, testServices } from '../../test-support/services';
import { openFiles } from '../../test-support/lifecycle';

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** The deadline the services get here (and the handshake's, which it defaults to). */
const DEADLINE_MS = 1000;

async function ssh2Host(options: Ssh2ServerOptions) {
  const key = path.join(mkdtempSync(path.join(os.tmpdir(), 'warren-sftp-open-')), 'id');
  keygen(key);
  const server: Ssh2TestServer = await startSsh2Server({ ...options, publicKeyPath: `${key}.pub` });
  cleanup.push(() => server.close());
  const { services, hub } = testServices({ readyTimeoutMs: DEADLINE_MS });
  cleanup.push(() => services.files.closeAll());
  const window = fakeWindow(hub, 'w');
  const host = await saveTestHost(services, 'slow', { port: server.port, user: server.username, clientKeyPath: key });
  return { server, services, window, host };
}

describe('opening SFTP', () => {
  it('a server that logs in but never answers the SFTP request: fails at the deadline, naming SFTP, and closes the connection', async () => {
    const { server, services, host } = await ssh2Host({ sftp: 'ignore' });
    const started = Date.now();
    const error = await failure(openFiles(services, 'w', 'b1', host.id));
    const took = Date.now() - started;
    expect(server.requests).toContain('sftp');
    expect(error.code).toBe('timeout');
    expect(error.message).toBe(
      `slow accepted the login but did not start the file transfer (SFTP) subsystem within 1 s. The server may be overloaded or its SFTP server stuck; try again, and if it keeps happening check the server's "Subsystem sftp" setting.`,
    );
    expect(took).toBeGreaterThanOrEqual(DEADLINE_MS);
    expect(took).toBeLessThan(DEADLINE_MS + 3000);
    await expect.poll(() => server.openConnections()).toBe(0);
  });

  it('Cancel (files:close) during the wait ends it at once', async () => {
    const { server, services, host } = await ssh2Host({ sftp: 'ignore' });
    const opening = failure(openFiles(services, 'w', 'b2', host.id));
    await expect.poll(() => server.requests, { interval: 5 }).toContain('sftp');
    const cancelledAt = Date.now();
    services.files.close('w', 'b2');
    const error = await opening;
    expect(error.code).toBe('cancelled');
    // 'cancelled', not 'timeout', and before the deadline: the cancel ended it, not the timer.
    expect(Date.now() - cancelledAt).toBeLessThan(DEADLINE_MS);
    await expect.poll(() => server.openConnections()).toBe(0);
  });

  it('a connection that drops while SFTP opens says the connection dropped, not that SFTP was refused', async () => {
    const { server, services, host } = await ssh2Host({ sftp: 'drop' });
    const error = await failure(openFiles(services, 'w', 'b3', host.id));
    expect(server.requests).toContain('sftp');
    expect(error.code).toBe('connection-lost');
    expect(error.message).toContain('The connection to slow dropped while the file browser was opening SFTP (the server did not refuse SFTP).');
    expect(error.message).not.toMatch(/turned off/);
  });
});

describe('opening SFTP on OpenSSH whose shell start-up file prints', () => {
  let sshd: Sshd;
  afterEach(() => sshd?.stop());

  it("says the shell's start-up files break SFTP, as OpenSSH's sftp does", async () => {
    // sshd starts an external sftp-server through the login shell (`bash -c
    // sftp-server`, root's shell here). bash sources ~/.bashrc when sshd runs
    // it, even non-interactively (Debian builds it with SSH_SOURCE_BASHRC);
    // the fixture's SetEnv HOME makes that the test's own .bashrc. OpenSSH's
    // sftp says "Received message too long 1466264675 / Ensure the remote
    // shell produces no output for non-interactive sessions." against this.
    sshd = await startSshd({ sftpServer: SFTP_SERVER_PATH });
    writeFileSync(path.join(sshd.home, '.bashrc'), 'echo "Welcome to the box"\n');
    const { services } = testServices({ readyTimeoutMs: 10_000 });
    cleanup.push(() => services.files.closeAll());
    const host = await saveTestHost(services, 'chatty', sshd);
    const error = await failure(openFiles(services, 'w', 'b4', host.id));
    expect(error.code).toBe('sftp-polluted');
    expect(error.message).toContain("The server's shell start-up files print text for non-interactive sessions, which breaks SFTP. Make ~/.bashrc (or similar");
    expect(error.message).toContain('print only when interactive');

    // The same server with a quiet .bashrc opens fine: it was the start-up file.
    writeFileSync(path.join(sshd.home, '.bashrc'), '[[ $- == *i* ]] || return\necho "Welcome to the box"\n');
    // (sshd starts sessions in the account's own folder: only HOME is the fixture's.)
    await expect(openFiles(services, 'w', 'b5', host.id)).resolves.toEqual({ home: os.userInfo().homedir });
  });
});
