// User certificates against a real sshd that trusts a test CA and whose
// authorized_keys does NOT hold the user's key: only the certificate can log
// in. If an ssh2 upgrade moves what certificate-auth.ts reaches into, the
// first test fails (with the broken assumption named).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, unlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ssh2 from 'ssh2';
import { keygen, signKey, startSshd, type Sshd } from '../../test-support/sshd';
import { startSshAgent } from '../../test-support/ssh-agent';
import { AuthPlan } from '../connections/auth-plan';
import { readKeyFile } from '../connections/credentials';
import { loadCertificates } from '../connections/user-certificate';
import { identitiesOnlyAgentKeys } from '../connections/identities';
import { SshConnection } from '../connections/ssh-connection';
import type { AppError } from '../errors/app-error';
import { checkCertificateInternals } from './certificate-auth';

let sshd: Sshd;
let dir: string;
let ca: string;

function sign(key: string, validity: string, principal = os.userInfo().username): void {
  signKey(ca, key, ['-I', `warren-${path.basename(key)}`, '-n', principal, '-V', validity]);
}

function userKey(name: string, type = 'ed25519', validity = '-5m:+1h'): string {
  const key = path.join(dir, name);
  keygen(key, type);
  sign(key, validity);
  return key;
}

async function login(options: { keyPath?: string; certificateFiles?: string[]; agentSocket?: string; agentKeysOnly?: Buffer[] }): Promise<{ ok: true } | { ok: false; error: AppError }> {
  const endpoint = { host: '127.0.0.1', port: sshd.port, username: sshd.user };
  const keyFile = options.keyPath ? await readKeyFile(options.keyPath) : null;
  const { certificates, problems } = await loadCertificates(options.certificateFiles ?? [], options.keyPath ? [options.keyPath] : []);
  const plan = new AuthPlan(
    { ...endpoint, agentSocket: options.agentSocket ?? null, keyFile, canRemember: false, certificates, certificateProblems: problems, ...(options.agentKeysOnly ? { agentKeysOnly: options.agentKeysOnly } : {}) },
    async () => null,
  );
  const connection = new SshConnection({ endpoint, auth: plan, hostKeys: { check: async () => null }, readyTimeoutMs: 30_000 });
  try {
    await connection.connect();
    return { ok: true };
  } catch (error) {
    return { ok: false, error: error as AppError };
  } finally {
    connection.close();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'warren-certs-'));
  ca = path.join(dir, 'ca');
  keygen(ca);
  // authorized_keys holds only the fixture's own client key, which these tests never offer.
  sshd = await startSshd({ config: [`TrustedUserCAKeys ${ca}.pub`] });
}, 30_000);

afterAll(async () => {
  await sshd?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('user certificates against OpenSSH sshd', () => {
  it('finds what it reaches into on a connected ssh2 client', async () => {
    const client = new ssh2.Client();
    client.on('error', () => {});
    client.connect({ host: '127.0.0.1', port: sshd.port, username: sshd.user, hostVerifier: () => true, authHandler: () => false } as ssh2.ConnectConfig);
    expect(checkCertificateInternals(client)).toEqual([]);
    client.end();
  });

  it.each([
    ['ed25519', 'ED25519-CERT'],
    ['ecdsa', 'ECDSA-CERT'],
    ['rsa', 'RSA-CERT'],
  ])('logs in with an %s key and its -cert.pub beside it, which sshd accepts as the certificate', async (type, logged) => {
    const key = userKey(`id_${type}`, type);
    expect(await login({ keyPath: key })).toEqual({ ok: true });
    expect(sshd.log()).toMatch(new RegExp(`Accepted certificate ID "warren-id_${type}"`));
    expect(sshd.log()).toContain(logged);
  }, 60_000);

  it('logs in with a CertificateFile kept apart from the key', async () => {
    const key = userKey('id_apart');
    const cert = path.join(dir, 'elsewhere-cert.pub');
    execFileSync('mv', [`${key}-cert.pub`, cert]);
    expect(await login({ keyPath: key, certificateFiles: [cert] })).toEqual({ ok: true });
  }, 30_000);

  it('without the certificate the key alone is refused, and the message names the missing CertificateFile', async () => {
    const key = userKey('id_nocert');
    unlinkSync(`${key}-cert.pub`);
    const result = await login({ keyPath: key, certificateFiles: [`${key}-cert.pub`] });
    expect(result.ok).toBe(false);
    const message = (result as { error: AppError }).error.message;
    expect(message).toContain(`did not accept the key ${key}`);
    expect(message).toContain(`the certificate was not offered: Cannot read the certificate ${key}-cert.pub: there is no such file`);
  }, 30_000);

  it('an expired certificate is refused, and the message gives its validity', async () => {
    const key = userKey('id_expired', 'ed25519', '20200101:20200102');
    const result = await login({ keyPath: key });
    expect(result.ok).toBe(false);
    const message = (result as { error: AppError }).error.message;
    expect(message).toContain(`the certificate ${key}-cert.pub (key ID "warren-id_expired", expired: valid from 2020-01-01 00:00:00Z to 2020-01-02 00:00:00Z)`);
  }, 30_000);

  it('logs in with a certificate held by ssh-agent (ssh-add loads the key and its certificate)', async () => {
    const key = userKey('id_agent');
    const agent = await startSshAgent([key]);
    try {
      expect(execFileSync('ssh-add', ['-l'], { env: { ...process.env, SSH_AUTH_SOCK: agent.socket } }).toString()).toContain('ED25519-CERT');
      expect(await login({ agentSocket: agent.socket })).toEqual({ ok: true });
      expect(sshd.log()).toContain('Accepted certificate ID "warren-id_agent"');
    } finally {
      agent.stop();
    }
  }, 30_000);

  it('with IdentitiesOnly, offers the agent certificate of a configured key (its -cert.pub) and no other', async () => {
    const key = userKey('id_only');
    const agent = await startSshAgent([key]);
    try {
      // The host's IdentityFile is this key; its -cert.pub beside it makes the agent's certificate a configured identity.
      const { certificates } = await loadCertificates([], [key]);
      const allowed = await identitiesOnlyAgentKeys([await readKeyFile(key)], certificates);
      expect(await login({ agentSocket: agent.socket, agentKeysOnly: allowed })).toEqual({ ok: true });
      expect(sshd.log()).toContain('Accepted certificate ID "warren-id_only"');
      // No identity configured: IdentitiesOnly leaves the agent nothing to offer, certificate included.
      const refused = await login({ agentSocket: agent.socket, agentKeysOnly: await identitiesOnlyAgentKeys([], []) });
      expect(refused.ok).toBe(false);
    } finally {
      agent.stop();
    }
  }, 60_000);

  it('logs in with an RSA certificate held by ssh-agent (signed with SHA-512)', async () => {
    const key = userKey('id_agent_rsa', 'rsa');
    const agent = await startSshAgent([key]);
    try {
      expect(await login({ agentSocket: agent.socket })).toEqual({ ok: true });
      expect(sshd.log()).toContain('Accepted certificate ID "warren-id_agent_rsa"');
    } finally {
      agent.stop();
    }
  }, 60_000);
});
