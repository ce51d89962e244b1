// A host whose sshd offers only legacy algorithms (an old switch or
// appliance), against a real OpenSSH sshd configured that way: refused by
// default with a sentence that says what to add, reached once the host asks.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../app/services';
import { saveTestHost, testServices } from '../../test-support/services';
import { keygen, startSshd, type Sshd } from '../../test-support/sshd';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';

const ctx = { clientId: 'win' };
const text = (lines: { text: string }[]) => lines.map((l) => l.text).join('\n');

describe('a server that offers only legacy algorithms', () => {
  let rsaOnly: Sshd;
  let sha1Kex: Sshd;
  let services: Services;

  beforeAll(async () => {
    const keys = mkdtempSync(path.join(os.tmpdir(), 'warren-rsa-host-'));
    keygen(path.join(keys, 'host_rsa'), 'rsa');
    // SHA-1 RSA host-key signatures only: what OpenSSH before 7.2 and many appliances offer.
    rsaOnly = await startSshd({ hostKeyPath: path.join(keys, 'host_rsa'), config: ['HostKeyAlgorithms ssh-rsa'] });
    sha1Kex = await startSshd({ config: ['KexAlgorithms diffie-hellman-group14-sha1'] });
    ({ services } = testServices());
  });
  afterAll(async () => {
    await services?.dispose();
    await Promise.all([rsaOnly?.stop(), sha1Kex?.stop()]);
  });

  it('an ssh-rsa-only host key is refused by default, naming the server offer and what to add', async () => {
    const host = await saveTestHost(services, 'old-switch', rsaOnly);
    const result = await services.handlers['hosts:test']({ hostId: host.id }, ctx);
    expect(result.ok).toBe(false);
    expect(result.verdict).toContain(`127.0.0.1:${rsaOnly.port} and Warren have no host key types in common: the server offers only ssh-rsa.`);
    expect(result.verdict).toContain('If you trust this server, edit the host and add +ssh-rsa to HostKeyAlgorithms under Advanced');
    // sshd, comparing the same two lists, agrees: it is the lists, not the network.
    await expect.poll(() => rsaOnly.log()).toMatch(/no matching host key type found/);
  });

  it('is reached when the host asks for +ssh-rsa', async () => {
    const host = await saveTestHost(services, 'old-switch-rsa', rsaOnly, { algorithms: { hostKey: '+ssh-rsa' } });
    expect(host.algorithms).toEqual({ hostKey: '+ssh-rsa' });
    const result = await services.handlers['hosts:test']({ hostId: host.id }, ctx);
    expect(result.verdict).toMatch(/^Connected to /);
    expect(text(result.log)).toMatch(/Negotiated: kex [\w@.-]+, host key ssh-rsa,/);
  });

  it('diffie-hellman-group14-sha1 only: refused by default, reached with +diffie-hellman-group14-sha1', async () => {
    const plain = await saveTestHost(services, 'old-kex', sha1Kex);
    const refused = await services.handlers['hosts:test']({ hostId: plain.id }, ctx);
    expect(refused.ok).toBe(false);
    expect(refused.verdict).toContain('have no key exchange methods in common: the server offers only diffie-hellman-group14-sha1.');
    expect(refused.verdict).toContain('add +diffie-hellman-group14-sha1 to KexAlgorithms under Advanced');

    const asks = await saveTestHost(services, 'old-kex-ok', sha1Kex, { algorithms: { kex: '+diffie-hellman-group14-sha1' } });
    const result = await services.handlers['hosts:test']({ hostId: asks.id }, ctx);
    expect(result.verdict).toMatch(/^Connected to /);
    expect(text(result.log)).toContain('Negotiated: kex diffie-hellman-group14-sha1,');
  });

  it("a host whose own list leaves out everything the server has is told to clear or widen that keyword", async () => {
    const host = await saveTestHost(services, 'narrowed', sha1Kex, { algorithms: { kex: '+diffie-hellman-group14-sha1', cipher: '3des-cbc' } });
    const result = await services.handlers['hosts:test']({ hostId: host.id }, ctx);
    expect(result.ok).toBe(false);
    expect(result.verdict).toMatch(/have no ciphers in common: the server offers only [\w@.,\s-]*aes128-ctr/);
    expect(result.verdict).toContain("The host's Ciphers setting leaves all of them out (Warren offered 3des-cbc): edit the host and clear Ciphers under Advanced for Warren's defaults, or include ");
  });

  it('refuses to save a list that leaves nothing to offer', async () => {
    await expect(saveTestHost(services, 'bad', sha1Kex, { algorithms: { mac: 'hmac-nonesuch' } })).rejects.toThrow(/^MACs: "hmac-nonesuch" leaves no algorithm that Warren supports/);
  });
});

describe('PubkeyAcceptedAlgorithms', () => {
  let sshd: Sshd;
  let services: Services;
  beforeAll(async () => {
    sshd = await startSshd();
    ({ services } = testServices());
  });
  afterAll(async () => {
    await services?.dispose();
    await sshd?.stop();
  });

  it('a key whose type the host leaves out is not offered, and the verdict says why', async () => {
    const host = await saveTestHost(services, 'no-ed25519', sshd, { algorithms: { pubkey: '-ssh-ed25519' } });
    const result = await services.handlers['hosts:test']({ hostId: host.id }, ctx);
    expect(result.ok).toBe(false);
    expect(result.verdict).toContain(`did not accept any method: none is configured that the server offers (the key ${sshd.clientKeyPath} was not offered: PubkeyAcceptedAlgorithms leaves out its type, ssh-ed25519)`);
    expect(sshd.log()).not.toMatch(/Accepted publickey/);

    const plain = await saveTestHost(services, 'any-key', sshd, { algorithms: { pubkey: '^ssh-ed25519' } });
    expect((await services.handlers['hosts:test']({ hostId: plain.id }, ctx)).verdict).toMatch(/^Connected/);
  });
});
