// Host certificates made by ssh-keygen (and, for what ssh-keygen will not
// make, signed here), judged as ssh's check_host_cert judges them.
import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keygen, signKey } from '../../test-support/sshd';
import { caSignatureProblem, describeHostKey, judgeHostCertificate } from './host-certificate';
import { parseOpenSshCertificate, sshString } from './openssh-certificate';
import { fingerprintSha256 } from './host-key';
import type { KnownHostsEntry } from './known-hosts';

let dir: string;
let n = 0;

const blobOf = (file: string) => Buffer.from(readFileSync(file, 'utf8').split(' ')[1]!, 'base64');

function key(type = 'ed25519'): string {
  const file = path.join(dir, `key${n++}`);
  keygen(file, type);
  return file;
}

/** A certificate for a fresh host key, signed by `ca` with ssh-keygen. */
function certificate(ca: string, options: { principals?: string; validity?: string; user?: boolean; sigAlg?: string } = {}): Buffer {
  const hostKey = key();
  const args = ['-I', 'test-host', '-V', options.validity ?? '-5m:+1h'];
  if (!options.user) args.push('-h');
  if (options.principals !== '') args.push('-n', options.principals ?? '127.0.0.1');
  if (options.sigAlg) args.push('-t', options.sigAlg);
  return blobOf(signKey(ca, hostKey, args));
}

function entry(marker: KnownHostsEntry['marker'], keyBlob: Buffer): KnownHostsEntry {
  return { file: '/kh', line: 1, marker, hostField: '127.0.0.1', keyType: 'x', key: keyBlob, text: '' };
}
const caLine = (ca: string) => entry('cert-authority', blobOf(`${ca}.pub`));

let ca: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'warren-host-cert-'));
  ca = key();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** SSH wire-format pieces, to build certificates ssh-keygen will not make. */
const str = (d: Buffer | string) => sshString(Buffer.from(d));
const u64 = (v: bigint) => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(v);
  return b;
};

describe('parseOpenSshCertificate (a host certificate)', () => {
  it('reads what ssh-keygen -L shows', () => {
    const cert = parseOpenSshCertificate(certificate(ca, { principals: '127.0.0.1,host.example' }))!;
    expect(cert).toMatchObject({ type: 'ssh-ed25519-cert-v01@openssh.com', keyType: 'ssh-ed25519', certType: 2, keyId: 'test-host', principals: ['127.0.0.1', 'host.example'], criticalOptions: [] });
    expect(cert.signatureKey.equals(blobOf(`${ca}.pub`))).toBe(true);
  });

  it('refuses plain keys, trailing bytes and truncation', () => {
    const blob = certificate(ca);
    expect(parseOpenSshCertificate(blobOf(`${ca}.pub`))).toBeNull();
    expect(parseOpenSshCertificate(Buffer.concat([blob, Buffer.from([0])]))).toBeNull();
    expect(parseOpenSshCertificate(blob.subarray(0, blob.length - 1))).toBeNull();
  });
});

describe('judgeHostCertificate', () => {
  it.each([['ed25519'], ['ecdsa'], ['rsa']])('accepts a host certificate from a trusted %s CA', (type) => {
    const typedCa = key(type);
    const verdict = judgeHostCertificate(certificate(typedCa), '127.0.0.1', [caLine(typedCa)]);
    expect(verdict.kind).toBe('certified');
  });

  it('accepts rsa-sha2-256 CA signatures and refuses SHA-1 (ssh-rsa) ones, as ssh does by default', () => {
    const rsaCa = key('rsa');
    expect(judgeHostCertificate(certificate(rsaCa, { sigAlg: 'rsa-sha2-256' }), '127.0.0.1', [caLine(rsaCa)]).kind).toBe('certified');
    expect(judgeHostCertificate(certificate(rsaCa, { sigAlg: 'ssh-rsa' }), '127.0.0.1', [caLine(rsaCa)])).toMatchObject({
      kind: 'not-certified',
      reason: 'the CA signed it with ssh-rsa, which is not accepted for a ssh-rsa CA',
    });
  });

  it('refuses a CA no @cert-authority line trusts, even one in a plain line', () => {
    const other = key();
    const verdict = judgeHostCertificate(certificate(other), '127.0.0.1', [caLine(ca), entry(null, blobOf(`${other}.pub`))]);
    expect(verdict).toMatchObject({ kind: 'not-certified', reason: expect.stringMatching(/^its CA \(SHA256:.+\) is not trusted for this host by any @cert-authority line$/) });
  });

  it('refuses an expired certificate and one not valid yet, naming the window', () => {
    expect(judgeHostCertificate(certificate(ca, { validity: '20200101:20200102' }), '127.0.0.1', [caLine(ca)])).toMatchObject({
      kind: 'not-certified',
      reason: 'it is expired (valid from 2020-01-01 00:00:00Z to 2020-01-02 00:00:00Z)',
    });
    expect(judgeHostCertificate(certificate(ca, { validity: '+1d:+2d' }), '127.0.0.1', [caLine(ca)])).toMatchObject({ kind: 'not-certified', reason: expect.stringMatching(/^it is not valid yet/) });
  });

  it('checks the principals against the name, and refuses a certificate with none', () => {
    expect(judgeHostCertificate(certificate(ca, { principals: 'other.example' }), '127.0.0.1', [caLine(ca)])).toMatchObject({ kind: 'not-certified', reason: 'it is for other.example, not 127.0.0.1' });
    expect(judgeHostCertificate(certificate(ca, { principals: 'web.example' }), 'WEB.example', [caLine(ca)]).kind).toBe('certified');
    expect(judgeHostCertificate(certificate(ca, { principals: '' }), '127.0.0.1', [caLine(ca)])).toMatchObject({ kind: 'not-certified', reason: 'it names no host (no principals), which ssh refuses for host certificates' });
  });

  it('refuses a user certificate presented as a host certificate', () => {
    expect(judgeHostCertificate(certificate(ca, { user: true }), '127.0.0.1', [caLine(ca)])).toMatchObject({ kind: 'not-certified', reason: 'it is a user certificate, not a host certificate' });
  });

  it('reports a revoked CA or host key before anything else', () => {
    const blob = certificate(ca);
    const cert = parseOpenSshCertificate(blob)!;
    expect(judgeHostCertificate(blob, '127.0.0.1', [caLine(ca), entry('revoked', cert.signatureKey)])).toMatchObject({ kind: 'revoked', what: 'CA' });
    expect(judgeHostCertificate(blob, '127.0.0.1', [caLine(ca), entry('revoked', cert.publicKey)])).toMatchObject({ kind: 'revoked', what: 'host key' });
  });

  it('refuses a certificate changed after signing', () => {
    const blob = Buffer.from(certificate(ca, { principals: '127.0.0.2' }));
    const at = blob.indexOf('127.0.0.2');
    blob.write('1', at + 8, 'latin1');
    expect(parseOpenSshCertificate(blob)?.principals).toEqual(['127.0.0.1']);
    expect(judgeHostCertificate(blob, '127.0.0.1', [caLine(ca)])).toMatchObject({ kind: 'not-certified', reason: 'the CA signature does not verify' });
  });

  it('refuses critical options, which no host certificate may have (ssh-keygen will not make one, so it is signed here)', () => {
    const caKey = generateKeyPairSync('ed25519');
    const hostKey = generateKeyPairSync('ed25519');
    const raw = (k: typeof caKey) => Buffer.from(k.publicKey.export({ format: 'jwk' }).x!, 'base64url');
    const u32 = Buffer.from([0, 0, 0, 2]);
    const caBlob = Buffer.concat([str('ssh-ed25519'), str(raw(caKey))]);
    const body = Buffer.concat([
      str('ssh-ed25519-cert-v01@openssh.com'),
      str(Buffer.alloc(32, 7)),
      str(raw(hostKey)),
      u64(1n),
      u32,
      str('forged-options'),
      str(str('127.0.0.1')),
      u64(0n),
      u64(0xffffffffffffffffn),
      str(Buffer.concat([str('force-command'), str(str('true'))])),
      str(''),
      str(''),
      str(caBlob),
    ]);
    const blob = Buffer.concat([body, str(Buffer.concat([str('ssh-ed25519'), str(sign(null, body, caKey.privateKey))]))]);
    const cert = parseOpenSshCertificate(blob)!;
    expect(caSignatureProblem(cert)).toBeNull();
    expect(judgeHostCertificate(blob, '127.0.0.1', [entry('cert-authority', caBlob)])).toMatchObject({
      kind: 'not-certified',
      reason: 'it has critical options (force-command), which host certificates must not have',
    });
  });
});

describe('describeHostKey', () => {
  it('names what a certificate certifies and who signed it, and a plain key by its fingerprint', () => {
    const blob = certificate(ca);
    const cert = parseOpenSshCertificate(blob)!;
    expect(describeHostKey(blob)).toBe(`ssh-ed25519-cert-v01@openssh.com: certificate "test-host" for 127.0.0.1 (ssh-ed25519 ${fingerprintSha256(cert.publicKey)}), signed by CA ${fingerprintSha256(cert.signatureKey)}`);
    expect(describeHostKey(cert.publicKey)).toBe(`ssh-ed25519 ${fingerprintSha256(cert.publicKey)}`);
  });
});

describe('what a hostile server puts in a certificate', () => {
  /** An Ed25519 host certificate built field by field, naming `caBlob` as its CA but signed by a throwaway key (no CA signature on it holds). */
  function forged(options: { keyId: string; principals: string[]; caBlob: Buffer }): Buffer {
    const raw = (k: ReturnType<typeof generateKeyPairSync>) => Buffer.from(k.publicKey.export({ format: 'jwk' }).x!, 'base64url');
    const signer = generateKeyPairSync('ed25519');
    const body = Buffer.concat([
      str('ssh-ed25519-cert-v01@openssh.com'),
      str(Buffer.alloc(32, 7)),
      str(raw(generateKeyPairSync('ed25519'))),
      u64(1n),
      Buffer.from([0, 0, 0, 2]),
      str(options.keyId),
      str(Buffer.concat(options.principals.map((p) => str(p)))),
      u64(0n),
      u64(0xffffffffffffffffn),
      str(''),
      str(''),
      str(''),
      str(options.caBlob),
    ]);
    return Buffer.concat([body, str(Buffer.concat([str('ssh-ed25519'), str(sign(null, body, signer.privateKey))]))]);
  }

  it('names a revoked CA before checking any signature, so the key ID and principals it shows cannot forge log lines or flip text', () => {
    const caBlob = blobOf(`${ca}.pub`);
    const keyId = 'x"\nHost key ssh-ed25519 SHA256:AAAA: trusted.\u202e';
    const blob = forged({ keyId, principals: ['127.0.0.1\r\nok', 'a'.repeat(5000)], caBlob });
    const verdict = judgeHostCertificate(blob, '127.0.0.1', [entry('revoked', caBlob)]);
    expect(verdict).toMatchObject({ kind: 'revoked', what: 'CA' });
    const described = describeHostKey(blob);
    expect(described).not.toMatch(/[\n\r\u202e]/);
    expect(described).toContain('certificate "x"\\u000aHost key ssh-ed25519 SHA256:AAAA: trusted.\\u202e" for 127.0.0.1\\u000d\\u000aok, aaaa');
    expect(described.length).toBeLessThan(600);
  });

  it('refuses a CA that is itself a certificate, even when an @cert-authority line holds that very blob', () => {
    const caCert = certificate(ca);
    const blob = forged({ keyId: 'nested', principals: ['127.0.0.1'], caBlob: caCert });
    expect(judgeHostCertificate(blob, '127.0.0.1', [entry('cert-authority', caCert)])).toMatchObject({ kind: 'not-certified', reason: 'the CA key is of a type Warren does not accept' });
  });
});
