// PreferredAuthentications and ConnectTimeout of a saved host, against a real
// OpenSSH sshd and a server that accepts TCP and never speaks.
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../app/services';
import { saveTestHost, testServices } from '../../test-support/services';
import { startSshd, type Sshd } from '../../test-support/sshd';

const ctx = { clientId: 'win' };

describe('login options of a host', () => {
  let sshd: Sshd;
  let services: Services;
  let silent: Server;

  beforeAll(async () => {
    sshd = await startSshd();
    ({ services } = testServices());
    silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    silent?.close();
    await services?.dispose();
    await sshd?.stop();
  });

  it('PreferredAuthentications: only the methods listed are tried, in that order', async () => {
    const passwordOnly = await saveTestHost(services, 'password only', sshd, { preferredAuthentications: ['password'] });
    expect(passwordOnly.preferredAuthentications).toEqual(['password']);
    const refused = await services.handlers['hosts:test']({ hostId: passwordOnly.id }, ctx);
    expect(refused.ok).toBe(false);
    expect(refused.verdict).toContain('did not accept any method: none is configured that the server offers. The server offers: publickey.');
    expect(sshd.log()).not.toMatch(/Accepted publickey/);

    const both = await saveTestHost(services, 'password then key', sshd, { preferredAuthentications: ['password', 'publickey'] });
    expect((await services.handlers['hosts:test']({ hostId: both.id }, ctx)).verdict).toMatch(/^Connected/);
    await expect.poll(() => sshd.log()).toMatch(/Accepted publickey/);
  });

  it('ConnectTimeout: a server that never answers is given up on after the host\'s own limit', async () => {
    const port = (silent.address() as { port: number }).port;
    const host = await saveTestHost(services, 'silent', { port, user: sshd.user, clientKeyPath: sshd.clientKeyPath }, { connectTimeoutSec: 1 });
    expect(host.connectTimeoutSec).toBe(1);
    const started = Date.now();
    const result = await services.handlers['hosts:test']({ hostId: host.id }, ctx);
    expect(result.verdict).toBe(`127.0.0.1:${port} did not complete the SSH handshake within 1 s. Check the address and port, and any firewall in between.`);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
