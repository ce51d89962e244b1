// ssh2 taught to negotiate OpenSSH host certificates, against real sshd
// servers whose host keys carry a HostCertificate: what is negotiated, what
// the host verifier is handed, and that the login then works (so ssh2 verified
// the exchange-hash signature with the certified key and derived the same
// session keys as sshd).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ssh2 from 'ssh2';
import { keygen, startSshd, type Sshd } from '../../test-support/sshd';
import { certificateAlgorithm, certificateAlgorithmsFor, checkHostCertificateInternals, enableHostCertificates, HOST_CERTIFICATE_ASSUMPTIONS } from './host-certificate-kex';
import { parseHostCertificate } from '../host-keys/host-certificate';

let dir: string;
const servers: Record<string, Sshd> = {};

function certify(hostKey: string): Buffer {
  execFileSync('ssh-keygen', ['-q', '-s', path.join(dir, 'ca'), '-h', '-I', `host-${path.basename(hostKey)}`, '-n', '127.0.0.1', '-V', '-5m:+1h', `${hostKey}.pub`], { stdio: 'pipe' });
  return Buffer.from(readFileSync(`${hostKey}-cert.pub`, 'utf8').split(' ')[1]!, 'base64');
}
const certificates: Record<string, Buffer> = {};

interface Outcome {
  ready: boolean;
  error?: string;
  serverHostKey?: string;
  verified: Buffer[];
  broken: string[];
  output?: string;
}

/** Connects, logs in with the fixture's client key, runs `echo`, optionally re-keys first. */
function connect(sshd: Sshd, options: { serverHostKey?: string[]; kex?: string[]; offer: string[]; rekey?: boolean }): Promise<Outcome> {
  return new Promise((resolve) => {
    const client = new ssh2.Client();
    const outcome: Outcome = { ready: false, verified: [], broken: [] };
    const done = (error?: Error) => {
      if (error) outcome.error = error.message;
      client.end();
      resolve(outcome);
    };
    client.on('error', done);
    client.on('ready', () => {
      outcome.ready = true;
      const run = () =>
        client.exec('echo certified-exec', (err, stream) => {
          if (err) return done(err);
          let out = '';
          stream.on('data', (d: Buffer) => (out += d.toString()));
          stream.on('close', () => {
            outcome.output = out.trim();
            done();
          });
        });
      if (!options.rekey) return run();
      // ssh2's Client has no public re-key; its protocol starts one, and 'handshake' fires again when it is done.
      client.once('handshake', run);
      (client as unknown as { _protocol: { rekey(): void } })._protocol.rekey();
    });
    client.connect({
      host: '127.0.0.1',
      port: sshd.port,
      username: sshd.user,
      privateKey: readFileSync(sshd.clientKeyPath),
      readyTimeout: 30_000,
      hostVerifier: (key: Buffer) => {
        outcome.verified.push(Buffer.from(key));
        return true;
      },
      // ssh2's own account of what was negotiated.
      debug: (line: string) => (outcome.serverHostKey ??= /^Handshake: Host key format: (\S+)$/.exec(line)?.[1]),
      algorithms: { ...(options.serverHostKey ? { serverHostKey: options.serverHostKey } : {}), ...(options.kex ? { kex: options.kex } : {}) },
    } as ssh2.ConnectConfig);
    outcome.broken = enableHostCertificates(client, options.offer);
  });
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'warren-host-cert-kex-'));
  keygen(path.join(dir, 'ca'));
  for (const type of ['ed25519', 'ecdsa', 'rsa']) {
    const hostKey = path.join(dir, `host_${type}`);
    keygen(hostKey, type);
    certificates[type] = certify(hostKey);
    servers[type] = await startSshd({ hostKeyPath: hostKey, config: [`HostCertificate ${hostKey}-cert.pub`] });
  }
}, 60_000);

afterAll(async () => {
  await Promise.all(Object.values(servers).map((s) => s.stop()));
  rmSync(dir, { recursive: true, force: true });
});

describe('certificate algorithms', () => {
  it('follows the host-key list, leaving SHA-1 RSA certificates out', () => {
    expect(certificateAlgorithmsFor(['ssh-ed25519', 'ecdsa-sha2-nistp256', 'rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'])).toEqual([
      'ssh-ed25519-cert-v01@openssh.com',
      'ecdsa-sha2-nistp256-cert-v01@openssh.com',
      'rsa-sha2-512-cert-v01@openssh.com',
      'rsa-sha2-256-cert-v01@openssh.com',
    ]);
    expect(certificateAlgorithmsFor(['ecdsa-sha2-nistp256'])).toEqual(['ecdsa-sha2-nistp256-cert-v01@openssh.com']);
  });

  it('names the blob type and the signature algorithm of each', () => {
    expect(certificateAlgorithm('rsa-sha2-256-cert-v01@openssh.com')).toEqual({ blobType: 'ssh-rsa-cert-v01@openssh.com', signatureAlgorithm: 'rsa-sha2-256' });
    expect(certificateAlgorithm('ssh-ed25519-cert-v01@openssh.com')).toEqual({ blobType: 'ssh-ed25519-cert-v01@openssh.com', signatureAlgorithm: 'ssh-ed25519' });
    expect(certificateAlgorithm('ssh-rsa-cert-v01@openssh.com')).toBeNull();
    expect(certificateAlgorithm('ssh-ed25519')).toBeNull();
  });
});

describe('guards', () => {
  it('finds what it reaches into on a client right after connect()', () => {
    const client = new ssh2.Client();
    client.on('error', () => {});
    client.connect({ host: '127.0.0.1', port: servers.ed25519!.port, username: 'nobody', hostVerifier: () => false } as ssh2.ConnectConfig);
    expect(checkHostCertificateInternals(client)).toEqual([]);
    client.end();
  });

  it('touches nothing and says why when the internals are not there', () => {
    const client = new ssh2.Client();
    expect(enableHostCertificates(client, ['ssh-ed25519-cert-v01@openssh.com'])).toEqual([HOST_CERTIFICATE_ASSUMPTIONS.protocol, HOST_CERTIFICATE_ASSUMPTIONS.offer]);
    const fake = { _protocol: { _kex: undefined, _kexinit: undefined, _offer: { lists: {} } } } as unknown as ssh2.Client;
    expect(enableHostCertificates(fake, ['ssh-ed25519-cert-v01@openssh.com'])).toEqual([HOST_CERTIFICATE_ASSUMPTIONS.offer]);
    expect(Object.getOwnPropertyDescriptor((fake as unknown as { _protocol: object })._protocol, '_kex')).toHaveProperty('writable', true);
  });
});

describe('against sshd with a HostCertificate', () => {
  it.each([
    ['ed25519', undefined, 'ssh-ed25519-cert-v01@openssh.com'],
    ['ecdsa', undefined, 'ecdsa-sha2-nistp256-cert-v01@openssh.com'],
    ['rsa', undefined, 'rsa-sha2-512-cert-v01@openssh.com'],
    ['rsa', ['rsa-sha2-256'], 'rsa-sha2-256-cert-v01@openssh.com'],
  ])('%s host key (%s): negotiates %s, hands the verifier the whole certificate and logs in', async (type, plain, expected) => {
    const offer = certificateAlgorithmsFor(plain ?? ['ssh-ed25519', 'ecdsa-sha2-nistp256', 'rsa-sha2-512', 'rsa-sha2-256']);
    const outcome = await connect(servers[type]!, { offer, ...(plain ? { serverHostKey: plain } : {}) });
    expect(outcome).toMatchObject({ broken: [], ready: true, output: 'certified-exec' });
    expect(outcome.error).toBeUndefined();
    expect(outcome.verified).toHaveLength(1);
    expect(outcome.verified[0]!.equals(certificates[type]!)).toBe(true);
    expect(parseHostCertificate(outcome.verified[0]!)?.principals).toEqual(['127.0.0.1']);
    expect(outcome.serverHostKey).toBe(expected);
  }, 60_000);

  it('works with Diffie-Hellman group exchange, whose hash has more between K_S and the signature', async () => {
    const outcome = await connect(servers.ed25519!, { offer: certificateAlgorithmsFor(['ssh-ed25519']), kex: ['diffie-hellman-group-exchange-sha256'] });
    expect(outcome).toMatchObject({ broken: [], ready: true, output: 'certified-exec' });
    expect(outcome.verified[0]!.equals(certificates.ed25519!)).toBe(true);
  }, 60_000);

  it('re-keys with the certificate again and keeps working', async () => {
    const outcome = await connect(servers.ed25519!, { offer: certificateAlgorithmsFor(['ssh-ed25519']), rekey: true });
    expect(outcome).toMatchObject({ broken: [], ready: true, output: 'certified-exec' });
    expect(outcome.verified.map((k) => k.equals(certificates.ed25519!))).toEqual([true, true]);
  }, 60_000);

  it('without the extension the same server shows its plain key (what Warren checked before)', async () => {
    const outcome = await connect(servers.ed25519!, { offer: [] });
    expect(outcome).toMatchObject({ ready: true, serverHostKey: 'ssh-ed25519' });
    expect(outcome.verified[0]!.equals(parseHostCertificate(certificates.ed25519!)!.publicKey)).toBe(true);
  }, 60_000);
});
