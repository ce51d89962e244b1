// OpenSSH certificates (PROTOCOL.certkeys): read from a `*-cert.pub` file or
// an agent's key list, enough to offer one for the key it certifies and to say
// in words why a server may refuse it (its validity, its principals).
import { readFile } from 'node:fs/promises';
import { AppError } from '../errors/app-error';
import { expandHome } from './credentials';
import { FOREVER, HOST_CERT, isCertificateType, parseOpenSshCertificate } from '../host-keys/openssh-certificate';

export interface OpenSshCertificate {
  /** The certificate's type name, e.g. ssh-ed25519-cert-v01@openssh.com. */
  type: string;
  /** The certified key's type, e.g. ssh-ed25519. */
  keyType: string;
  /** The whole certificate, as sent to the server. */
  blob: Buffer;
  /** The certified public key in plain wire format, to match it with a private key. */
  publicKey: Buffer;
  kind: 'user' | 'host';
  keyId: string;
  serial: bigint;
  /** Empty: valid for any principal. */
  principals: string[];
  /** Seconds since the epoch; 0 means "always" (ssh-keygen's -V always:…). */
  validAfter: bigint;
  /** Seconds since the epoch; 2^64-1 means "forever". */
  validBefore: bigint;
}

/** A certificate from its wire format; null when the blob is not an OpenSSH certificate Warren can offer. */
export function parseCertificateBlob(blob: Buffer): OpenSshCertificate | null {
  const cert = parseOpenSshCertificate(blob);
  if (!cert) return null;
  const { type, keyType, publicKey, keyId, serial, principals, validAfter, validBefore } = cert;
  return { type, keyType, blob, publicKey, kind: cert.certType === HOST_CERT ? 'host' : 'user', keyId, serial, principals, validAfter, validBefore };
}

/** A certificate from the text of a `*-cert.pub` file (`<type> <base64> [comment]`). */
export function parseCertificateText(text: string): OpenSshCertificate | null {
  const [type, base64] = text.trim().split(/\s+/);
  if (!type || !base64 || !isCertificateType(type)) return null;
  const cert = parseCertificateBlob(Buffer.from(base64, 'base64'));
  return cert && cert.type === type ? cert : null;
}

/** Reads a CertificateFile; a missing or unreadable one, or one that is not a user certificate, is an error naming the file. */
export async function readCertificateFile(file: string): Promise<OpenSshCertificate> {
  const full = expandHome(file);
  let text: string;
  try {
    text = await readFile(full, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'there is no such file' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (error as Error).message;
    throw new AppError('key-unreadable', `Cannot read the certificate ${full}: ${why}.`);
  }
  const cert = parseCertificateText(text);
  if (!cert) throw new AppError('key-invalid', `${full} is not an OpenSSH certificate Warren can use (Ed25519, ECDSA or RSA, made with ssh-keygen -s).`);
  if (cert.kind !== 'user') throw new AppError('key-invalid', `${full} is a host certificate, not a user certificate.`);
  return cert;
}

function formatTime(seconds: bigint): string {
  return new Date(Number(seconds) * 1000).toISOString().replace(/\.000Z$/, 'Z').replace('T', ' ');
}

/** The validity window in words, as ssh-keygen -L prints it. */
export function describeValidity(cert: Pick<OpenSshCertificate, 'validAfter' | 'validBefore'>): string {
  if (cert.validAfter === 0n && cert.validBefore === FOREVER) return 'valid forever';
  const from = cert.validAfter === 0n ? 'always' : formatTime(cert.validAfter);
  const to = cert.validBefore === FOREVER ? 'forever' : formatTime(cert.validBefore);
  return `valid from ${from} to ${to}`;
}

/** Why the certificate is not valid at `now` by this computer's clock, or null when it is. */
export function validityProblem(cert: Pick<OpenSshCertificate, 'validAfter' | 'validBefore'>, now = Date.now()): string | null {
  const seconds = BigInt(Math.floor(now / 1000));
  if (seconds < cert.validAfter) return `not valid yet: ${describeValidity(cert)}`;
  if (seconds >= cert.validBefore) return `expired: ${describeValidity(cert)}`;
  return null;
}

/** The default certificate OpenSSH tries for an identity file: `<key>-cert.pub`. */
export function defaultCertificatePath(keyPath: string): string {
  return `${keyPath}-cert.pub`;
}

export type CertificateFileEntry = OpenSshCertificate & { path: string };

/**
 * The certificates a host offers: its CertificateFiles (one that cannot be
 * used is a problem, named in the failure message) and, as OpenSSH does,
 * `<key>-cert.pub` beside each key file when it exists.
 */
export async function loadCertificates(configured: readonly string[], keyPaths: readonly string[]): Promise<{ certificates: CertificateFileEntry[]; problems: string[] }> {
  const certificates: CertificateFileEntry[] = [];
  const problems: string[] = [];
  for (const file of configured) {
    try {
      certificates.push({ ...(await readCertificateFile(file)), path: expandHome(file) });
    } catch (error) {
      problems.push(`the certificate was not offered: ${(error as Error).message.replace(/\.$/, '')}`);
    }
  }
  for (const keyPath of keyPaths) {
    const file = defaultCertificatePath(expandHome(keyPath));
    if (certificates.some((c) => c.path === file)) continue;
    const cert = await readCertificateFile(file).catch(() => null);
    if (cert) certificates.push({ ...cert, path: file });
  }
  return { certificates, problems };
}
