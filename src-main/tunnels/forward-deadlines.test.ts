// Forwards on a server that logs in and then never answers: a direct-tcpip
// channel that never opens fails that one connection at the deadline (and
// closes the client's socket); a tcpip-forward that is never answered fails
// the tunnel's start at the deadline, or at once when it is switched off.
import { mkdtempSync } from 'node:fs';
import { createConnection } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failure } from '../../test-support/sftp-fixture';
import { keygen } from '../../test-support/sshd';
import { startSsh2Server, type Ssh2TestServer } from '../../test-support/ssh2-server';
import { authPlan } from '../../test-support/auth';
import { SshConnection } from '../connections/ssh-connection';
import { startForward, type ForwardEvent } from './forward';

let server: Ssh2TestServer;
let connection: SshConnection;
beforeEach(async () => {
  const key = path.join(mkdtempSync(path.join(os.tmpdir(), 'warren-forward-wait-')), 'id');
  keygen(key);
  server = await startSsh2Server({ forwards: 'ignore', publicKeyPath: `${key}.pub` });
  const endpoint = { host: '127.0.0.1', port: server.port, username: server.username };
  connection = new SshConnection({ endpoint, auth: await authPlan(endpoint, { keyPath: key }), hostKeys: { check: async () => null } });
  await connection.connect();
});
afterEach(async () => {
  connection.close();
  await server.close();
});

describe('forward deadlines', () => {
  it('ssh -L: a channel the server never opens fails that connection at the deadline and closes its socket', async () => {
    const forward = await startForward(connection.client, { kind: 'local', bindHost: '127.0.0.1', bindPort: 0, destHost: '127.0.0.1', destPort: 9 }, { replyTimeoutMs: 300 });
    const events: ForwardEvent[] = [];
    forward.onEvent((e) => events.push(e));
    const port = forward.stats().boundPort!;
    const client = createConnection({ host: '127.0.0.1', port });
    client.on('error', () => {});
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    await closed;
    expect(server.requests).toContain('direct-tcpip');
    const failed = events.find((e) => e.type === 'connection-failed');
    expect(failed).toMatchObject({
      message: `Could not reach 127.0.0.1:9 through the SSH server: the SSH server did not answer the request to open a channel to 127.0.0.1:9 within 0.3 s.`,
    });
    expect(forward.stats()).toMatchObject({ open: 0, failed: 1 });
    await forward.close();
  });

  it('ssh -R: a listen request the server never answers fails the start at the deadline', async () => {
    const error = await failure(startForward(connection.client, { kind: 'remote', bindHost: '127.0.0.1', bindPort: 0, destHost: '127.0.0.1', destPort: 9 }, { replyTimeoutMs: 300 }));
    expect(server.requests).toContain('tcpip-forward');
    expect(error.code).toBe('timeout');
    expect(error.message).toBe('The server did not answer the request to listen on 127.0.0.1:(any port) within 0.3 s. It may be overloaded; switch the tunnel off and on to try again.');
  });

  it('ssh -R: switching the tunnel off during the wait ends it at once', async () => {
    const off = new AbortController();
    const starting = failure(startForward(connection.client, { kind: 'remote', bindHost: '127.0.0.1', bindPort: 0, destHost: '127.0.0.1', destPort: 9 }, { replyTimeoutMs: 60_000, signal: off.signal }));
    await expect.poll(() => server.requests, { interval: 5 }).toContain('tcpip-forward');
    const at = Date.now();
    off.abort();
    expect((await starting).code).toBe('cancelled');
    // Well short of the 60 s deadline: the cancel ended it, not the timer.
    expect(Date.now() - at).toBeLessThan(2_000);
  });
});
