// ssh2 taught to negotiate OpenSSH host certificates, against real sshd
// servers whose host keys carry a HostCertificate: what is negotiated, what
// the host verifier is handed, and that the login then works (so ssh2 verified
// the exchange-hash signature with the certified key and derived the same
// session keys as sshd).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ssh2 from 'ssh2';
import { keygen, signKey, startSshd, type Sshd } from '../../test-support/sshd';
import { certificateAlgorithm, certificateAlgorithmsFor, checkHostCertificateInternals, enableHostCertificates, HOST_CERTIFICATE_ASSUMPTIONS } from './host-certificate-kex';
import { parseOpenSshCertificate } from '../host-keys/openssh-certificate';

let dir: string;
const servers: Record<string, Sshd> = {};

function certify(hostKey: string): Buffer {
  const cert = signKey(path.join(dir, 'ca'), hostKey, ['-h', '-I', `host-${path.basename(hostKey)}`, '-n', '127.0.0.1', '-V', '-5m:+1h']);
  return Buffer.from(readFileSync(cert, 'utf8').split(' ')[1]!, 'base64');
}
const certificates: Record<string, Buffer> = {};

interface Outcome {
  ready: boolean;
  error?: string;
  serverHostKey?: string;
  verified: Buffer[];
  broken: string[];
  output?: string;
  /** The host-key algorithm the first 'handshake' event names (what Warren's connection log writes). */
  handshakeHostKey?: string;
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
    client.once('handshake', (negotiated) => (outcome.handshakeHostKey = negotiated.serverHostKey));
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
    expect(parseOpenSshCertificate(outcome.verified[0]!)?.principals).toEqual(['127.0.0.1']);
    expect(outcome.serverHostKey).toBe(expected);
    expect(outcome.handshakeHostKey).toBe(expected);
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
    expect(outcome.verified[0]!.equals(parseOpenSshCertificate(certificates.ed25519!)!.publicKey)).toBe(true);
  }, 60_000);
});

// A hostile server: ssh2's own Server taught to offer one host-key algorithm
// and to send whatever K_S and exchange-hash signature a test chooses, so each
// way a server could lie about its certificate is tried against the client
// patch. The client's host verifier says yes to everything: what must stop
// these servers is the signature check, before any credential is sent.
interface Lie {
  /** The one host-key algorithm the server offers, so the one negotiated. */
  offer: string;
  /** K_S as sent (and hashed by the server). */
  hostKey: () => Buffer;
  /** The algorithm name written in the exchange-hash signature. */
  sigType: string;
  /** The private key file that signs the exchange hash, and the hash RSA signs with. */
  signer: string;
  hash?: 'sha1' | 'sha256' | 'sha512';
}

interface Attack {
  ready: boolean;
  rekeyed: boolean;
  error?: string;
  verified: Buffer[];
  /** Authentication requests the server saw: credentials that left the client. */
  logins: string[];
}

type ServerKex = { negotiated: { serverHostKey: string }; finish: (...args: unknown[]) => unknown };

/** Runs a hostile server whose n-th key exchange tells lies[n] (the last one for every later re-key), and connects a patched client to it with a password. */
async function attack(lies: Lie[], options: { rekey?: boolean } = {}): Promise<Attack> {
  const KexInit = (createRequire(import.meta.url)('ssh2/lib/protocol/kex.js') as { KexInit: new (lists: unknown) => unknown }).KexInit;
  const outcome: Attack = { ready: false, rekeyed: false, verified: [], logins: [] };
  const server = new ssh2.Server({ hostKeys: [readFileSync(path.join(dir, 'host_ed25519'))] }, (conn) => {
    conn.on('error', () => {});
    conn.on('authentication', (ctx) => {
      outcome.logins.push(ctx.method);
      if (ctx.method === 'password') ctx.accept();
      else ctx.reject(['password']);
    });
    // 'connection' fires on the client's ident, before the server's KEXINIT is sent.
    const proto = (conn as unknown as { _protocol: Record<string, unknown> })._protocol;
    const { lists } = proto._offer as { lists: Record<string, { array: string[] }> & Record<'cs' | 'sc', Record<string, { array: string[] }>> };
    const direction = (d: Record<string, { array: string[] }>) => ({ cipher: [...d.cipher!.array], mac: [...d.mac!.array], compress: [...d.compress!.array], lang: [...d.lang!.array] });
    proto._offer = new KexInit({ kex: [...lists.kex!.array], serverHostKey: [lies[0]!.offer], cs: direction(lists.cs), sc: direction(lists.sc) });
    let n = 0;
    let current: unknown;
    Object.defineProperty(proto, '_kex', {
      configurable: true,
      get: () => current,
      set: (kex: ServerKex | undefined) => {
        current = kex;
        if (!kex) return;
        const lie = lies[Math.min(n++, lies.length - 1)]!;
        const signer = ssh2.utils.parseKey(readFileSync(lie.signer)) as ssh2.ParsedKey;
        proto._hostKeys = { [lie.offer]: { type: signer.type, getPublicSSH: lie.hostKey, sign: (data: Buffer) => signer.sign(data, lie.hash) } };
        const finish = kex.finish;
        kex.finish = (...args: unknown[]) => {
          kex.negotiated.serverHostKey = lie.sigType;
          return finish.apply(kex, args);
        };
      },
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => {
    const client = new ssh2.Client();
    client.on('error', (e) => (outcome.error ??= e.message));
    client.on('close', () => resolve());
    client.on('ready', () => {
      outcome.ready = true;
      if (!options.rekey) return client.end();
      client.once('handshake', () => {
        outcome.rekeyed = true;
        client.end();
      });
      (client as unknown as { _protocol: { rekey(): void } })._protocol.rekey();
    });
    client.connect({
      host: '127.0.0.1',
      port,
      username: 'victim',
      password: 'the-secret',
      readyTimeout: 30_000,
      hostVerifier: (key: Buffer) => {
        outcome.verified.push(Buffer.from(key));
        return true;
      },
    } as ssh2.ConnectConfig);
    expect(enableHostCertificates(client, certificateAlgorithmsFor(['ssh-ed25519', 'ecdsa-sha2-nistp256', 'rsa-sha2-512', 'rsa-sha2-256']))).toEqual([]);
  });
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return outcome;
}

const host = (type: string) => path.join(dir, `host_${type}`);
const plainKey = (type: string) => Buffer.from(readFileSync(`${host(type)}.pub`, 'utf8').split(' ')[1]!, 'base64');
const ED = 'ssh-ed25519-cert-v01@openssh.com';
const RSA512 = 'rsa-sha2-512-cert-v01@openssh.com';
/** A key the certificates do not certify. */
const intruder = () => {
  const file = path.join(dir, 'intruder');
  if (!existsSync(file)) keygen(file);
  return file;
};

describe('a hostile server', () => {
  it('the harness is honest when asked to be: a certificate signed for with its own key logs in (ed25519 and RSA SHA-512)', async () => {
    const ed = await attack([{ offer: ED, hostKey: () => certificates.ed25519!, sigType: 'ssh-ed25519', signer: host('ed25519') }]);
    expect(ed).toMatchObject({ ready: true, logins: expect.arrayContaining(['password']) });
    expect(ed.verified[0]!.equals(certificates.ed25519!)).toBe(true);
    const rsa = await attack([{ offer: RSA512, hostKey: () => certificates.rsa!, sigType: 'rsa-sha2-512', signer: host('rsa'), hash: 'sha512' }]);
    expect(rsa).toMatchObject({ ready: true, logins: expect.arrayContaining(['password']) });
  }, 60_000);

  it.each<[string, () => Lie, RegExp]>([
    ['a certificate for key A, the exchange signed with key B', () => ({ offer: ED, hostKey: () => certificates.ed25519!, sigType: 'ssh-ed25519', signer: intruder() }), /signature verification failed/],
    ['a certificate algorithm negotiated, a plain key sent', () => ({ offer: ED, hostKey: () => plainKey('ed25519'), sigType: 'ssh-ed25519', signer: host('ed25519') }), /does not match negotiated type/],
    ['a plain algorithm negotiated, a certificate sent', () => ({ offer: 'ssh-ed25519', hostKey: () => certificates.ed25519!, sigType: 'ssh-ed25519', signer: host('ed25519') }), /does not match negotiated type/],
    ['an ECDSA certificate under the Ed25519 certificate name', () => ({ offer: ED, hostKey: () => certificates.ecdsa!, sigType: 'ecdsa-sha2-nistp256', signer: host('ecdsa') }), /does not match negotiated type/],
    ['an RSA certificate signed with ssh-rsa (SHA-1) where rsa-sha2-512 was negotiated', () => ({ offer: RSA512, hostKey: () => certificates.rsa!, sigType: 'ssh-rsa', signer: host('rsa'), hash: 'sha1' }), /Wrong signature type: ssh-rsa/],
    ['an RSA certificate with a SHA-1 signature labelled rsa-sha2-512', () => ({ offer: RSA512, hostKey: () => certificates.rsa!, sigType: 'rsa-sha2-512', signer: host('rsa'), hash: 'sha1' }), /signature verification failed/],
    ['a signature labelled with the certificate algorithm name', () => ({ offer: ED, hostKey: () => certificates.ed25519!, sigType: ED, signer: host('ed25519') }), /Wrong signature type/],
    ['a truncated certificate', () => ({ offer: ED, hostKey: () => certificates.ed25519!.subarray(0, -1), sigType: 'ssh-ed25519', signer: host('ed25519') }), /Unsupported OpenSSH public key type/],
    ['a certificate with trailing bytes', () => ({ offer: ED, hostKey: () => Buffer.concat([certificates.ed25519!, Buffer.from([0])]), sigType: 'ssh-ed25519', signer: host('ed25519') }), /Unsupported OpenSSH public key type/],
    [
      'a certificate whose principals claim 4 GiB',
      () => ({
        offer: ED,
        hostKey: () => {
          const blob = Buffer.from(certificates.ed25519!);
          blob.writeUInt32BE(0xffffffff, blob.indexOf('127.0.0.1') - 8);
          return blob;
        },
        sigType: 'ssh-ed25519',
        signer: host('ed25519'),
      }),
      /Unsupported OpenSSH public key type/,
    ],
    [
      'a certificate of a certificate (the certified key is itself a certificate type)',
      () => ({ offer: ED, hostKey: () => Buffer.concat([Buffer.from([0, 0, 0, ED.length + 21]), Buffer.from(`${ED}-cert-v01@openssh.com`), certificates.ed25519!.subarray(4 + ED.length)]), sigType: 'ssh-ed25519', signer: host('ed25519') }),
      /does not match negotiated type/,
    ],
  ])('%s: the handshake fails and no credential is sent', async (_name, lie, error) => {
    const outcome = await attack([lie()]);
    expect(outcome).toMatchObject({ ready: false, logins: [] });
    expect(outcome.error).toMatch(error);
  }, 60_000);

  it('a re-key is held to the same check: after an honest first exchange, a re-key signed with another key ends the connection', async () => {
    const honest: Lie = { offer: ED, hostKey: () => certificates.ed25519!, sigType: 'ssh-ed25519', signer: host('ed25519') };
    const control = await attack([honest], { rekey: true });
    expect(control).toMatchObject({ ready: true, rekeyed: true });
    const outcome = await attack([honest, { ...honest, signer: intruder() }], { rekey: true });
    expect(outcome).toMatchObject({ ready: true, rekeyed: false });
    expect(outcome.error).toMatch(/signature verification failed/);
    // Every exchange's K_S reaches the host verifier (which Warren holds to the first key).
    expect(outcome.verified.map((k) => k.equals(certificates.ed25519!))).toEqual([true, true]);
  }, 60_000);
});
