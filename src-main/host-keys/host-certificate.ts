// OpenSSH host certificates (PROTOCOL.certkeys) judged as ssh's
// check_host_cert does: a host certificate, signed by a CA that an
// @cert-authority line trusts for this host, valid now, naming the host, with
// no critical options, and neither the CA nor the host key @revoked. Pure:
// the caller reads known_hosts and passes the lines that match the host.
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { KnownHostsEntry } from './known-hosts';
import { fingerprintSha256, keyType } from './host-key';
import { FOREVER, HOST_CERT, isCertificateType, parseOpenSshCertificate, SshReader, type OpenSshCertificateFields } from './openssh-certificate';

/** A host certificate as read off the wire (the same fields a user certificate has). */
export type HostCertificate = OpenSshCertificateFields;

const CURVES: Record<string, { crv: string; hash: string; size: number }> = {
  nistp256: { crv: 'P-256', hash: 'sha256', size: 32 },
  nistp384: { crv: 'P-384', hash: 'sha384', size: 48 },
  nistp521: { crv: 'P-521', hash: 'sha512', size: 66 },
};

const b64url = (data: Buffer) => data.toString('base64url');
/** An mpint without its sign byte. */
const unsigned = (data: Buffer) => (data[0] === 0 ? data.subarray(1) : data);

/** A CA public key blob as a node KeyObject, with what it signs with; null for a type OpenSSH would not accept as a CA. */
function caKey(blob: Buffer): { type: string; key: KeyObject; curve?: (typeof CURVES)[string] } | null {
  const reader = new SshReader(blob);
  const type = reader.string().toString('latin1');
  if (type === 'ssh-ed25519') {
    const x = reader.string();
    return x.length === 32 && reader.done ? { type, key: createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: b64url(x) }, format: 'jwk' }) } : null;
  }
  if (type === 'ssh-rsa') {
    const e = unsigned(reader.string());
    const n = unsigned(reader.string());
    return reader.done ? { type, key: createPublicKey({ key: { kty: 'RSA', n: b64url(n), e: b64url(e) }, format: 'jwk' }) } : null;
  }
  const curve = CURVES[type.replace(/^ecdsa-sha2-/, '')];
  if (type.startsWith('ecdsa-sha2-') && curve) {
    if (reader.string().toString('latin1') !== type.replace(/^ecdsa-sha2-/, '')) return null;
    const point = reader.string();
    if (point.length !== 1 + 2 * curve.size || point[0] !== 4 || !reader.done) return null;
    const x = point.subarray(1, 1 + curve.size);
    const y = point.subarray(1 + curve.size);
    return { type, curve, key: createPublicKey({ key: { kty: 'EC', crv: curve.crv, x: b64url(x), y: b64url(y) }, format: 'jwk' }) };
  }
  return null;
}

/** An ECDSA (r, s) pair as fixed-width r‖s, for node's ieee-p1363 encoding. */
function p1363(blob: Buffer, size: number): Buffer | null {
  const reader = new SshReader(blob);
  const r = unsigned(reader.string());
  const s = unsigned(reader.string());
  if (!reader.done || r.length > size || s.length > size) return null;
  const out = Buffer.alloc(2 * size);
  r.copy(out, size - r.length);
  s.copy(out, 2 * size - s.length);
  return out;
}

/**
 * Why the CA's signature over the certificate is not good, or null when it
 * is. The algorithms are OpenSSH's default CASignatureAlgorithms: SHA-1 RSA
 * (ssh-rsa) signatures are refused, as ssh refuses them since 8.2.
 */
export function caSignatureProblem(cert: HostCertificate): string | null {
  try {
    const ca = caKey(cert.signatureKey);
    if (!ca) return 'the CA key is of a type Warren does not accept';
    const reader = new SshReader(cert.signature);
    const algorithm = reader.string().toString('latin1');
    const raw = reader.string();
    if (!reader.done) return 'the CA signature is malformed';
    let ok: boolean;
    if (ca.type === 'ssh-ed25519' && algorithm === 'ssh-ed25519') ok = verify(null, cert.signed, ca.key, raw);
    else if (ca.type === 'ssh-rsa' && (algorithm === 'rsa-sha2-256' || algorithm === 'rsa-sha2-512')) ok = verify(algorithm === 'rsa-sha2-256' ? 'sha256' : 'sha512', cert.signed, ca.key, raw);
    else if (ca.curve && algorithm === ca.type) {
      const signature = p1363(raw, ca.curve.size);
      ok = signature !== null && verify(ca.curve.hash, cert.signed, { key: ca.key, dsaEncoding: 'ieee-p1363' }, signature);
    } else return `the CA signed it with ${algorithm}, which is not accepted for a ${ca.type} CA`;
    return ok ? null : 'the CA signature does not verify';
  } catch {
    return 'the CA signature is malformed';
  }
}

export type CertificateVerdict =
  | { kind: 'certified'; cert: HostCertificate; authority: KnownHostsEntry }
  /** The CA or the certified key is @revoked: a hard stop, as for ssh. */
  | { kind: 'revoked'; cert: HostCertificate; entry: KnownHostsEntry; what: 'CA' | 'host key' }
  /** Not vouched for: the caller checks the certified key as a plain one (ssh's fallback), telling the user why. */
  | { kind: 'not-certified'; cert: HostCertificate | null; reason: string };

/**
 * Certificate text for the log, prompts and messages. The server chose it and
 * it is shown before any signature on it is checked (a revoked CA is named
 * first), so control and text-direction characters are escaped (no fake log
 * lines, no reordered words) and it is cut short.
 */
function shown(text: string): string {
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return clean.length > 200 ? `${clean.slice(0, 200)}…` : clean;
}

function formatTime(seconds: bigint): string {
  if (seconds === 0n) return 'always';
  if (seconds === FOREVER) return 'forever';
  return new Date(Number(seconds) * 1000).toISOString().replace(/\.000Z$/, 'Z').replace('T', ' ');
}

/** The @cert-authority line among `entries` that trusts the CA key `caKey`, if any. */
export function trustedAuthority(entries: readonly KnownHostsEntry[], caKey: Buffer): KnownHostsEntry | undefined {
  return entries.find((e) => e.marker === 'cert-authority' && e.key.equals(caKey));
}

/**
 * Judges a host certificate. `name` is what ssh checks the principals
 * against: the host name (no port), or its HostKeyAlias. `entries` are the
 * known_hosts lines that match the host.
 */
export function judgeHostCertificate(blob: Buffer, name: string, entries: readonly KnownHostsEntry[], now = Date.now()): CertificateVerdict {
  const cert = parseOpenSshCertificate(blob);
  if (!cert) return { kind: 'not-certified', cert: null, reason: 'the server sent a certificate Warren cannot read' };
  const revoked = (key: Buffer) => entries.find((e) => e.marker === 'revoked' && e.key.equals(key));
  const revokedCa = revoked(cert.signatureKey);
  if (revokedCa) return { kind: 'revoked', cert, entry: revokedCa, what: 'CA' };
  const revokedKey = revoked(cert.publicKey);
  if (revokedKey) return { kind: 'revoked', cert, entry: revokedKey, what: 'host key' };
  const fail = (reason: string): CertificateVerdict => ({ kind: 'not-certified', cert, reason });
  if (cert.certType !== HOST_CERT) return fail(`it is a ${cert.certType === 1 ? 'user' : `type ${cert.certType}`} certificate, not a host certificate`);
  const authority = trustedAuthority(entries, cert.signatureKey);
  if (!authority) return fail(`its CA (${fingerprintSha256(cert.signatureKey)}) is not trusted for this host by any @cert-authority line`);
  const badSignature = caSignatureProblem(cert);
  if (badSignature) return fail(badSignature);
  const seconds = BigInt(Math.floor(now / 1000));
  if (seconds < cert.validAfter || seconds >= cert.validBefore) {
    return fail(`it is ${seconds < cert.validAfter ? 'not valid yet' : 'expired'} (valid from ${formatTime(cert.validAfter)} to ${formatTime(cert.validBefore)})`);
  }
  if (cert.principals.length === 0) return fail('it names no host (no principals), which ssh refuses for host certificates');
  if (!cert.principals.includes(name.toLowerCase())) return fail(`it is for ${shown(cert.principals.join(', '))}, not ${name}`);
  if (cert.criticalOptions.length > 0) return fail(`it has critical options (${shown(cert.criticalOptions.join(', '))}), which host certificates must not have`);
  return { kind: 'certified', cert, authority };
}

/** One line for the connection log and prompts: the certificate and its CA. */
export function describeCertificate(cert: HostCertificate): string {
  return `certificate "${shown(cert.keyId)}" for ${shown(cert.principals.join(', ')) || '(no principals)'} (${cert.keyType} ${fingerprintSha256(cert.publicKey)}), signed by CA ${fingerprintSha256(cert.signatureKey)}`;
}

/** A host key blob for the connection log: type and fingerprint, and for a certificate what it certifies and who signed it. */
export function describeHostKey(blob: Buffer): string {
  const type = keyType(blob);
  const cert = isCertificateType(type) ? parseOpenSshCertificate(blob) : null;
  return cert ? `${type}: ${describeCertificate(cert)}` : `${type} ${fingerprintSha256(blob)}`;
}
