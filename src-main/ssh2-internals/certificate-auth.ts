// OpenSSH user certificates through ssh2 1.17, which has no support for them
// (open upstream: mscdex/ssh2#808, #1429, #1486, #1495). Its public auth
// hooks get us most of the way: an authHandler may return a `publickey` step
// whose key is an already parsed key object, so we hand it a key that reports
// the certificate's type and blob and signs with the private key (or, for the
// agent, a key the agent signs for). What they cannot do is the last packet:
// ssh2's Protocol.authPK writes one algorithm name both as the request's
// public-key algorithm and inside the signature, and a certificate needs two
// (ssh-ed25519-cert-v01@openssh.com outside, ssh-ed25519 inside; OpenSSH's
// sshkey_check_sigtype refuses anything else). So, for certificate keys only,
// we let ssh2 build the request and the data to sign as always, and write the
// signed request ourselves. Reaches into: Client._protocol (authPK,
// _packetRW.write.alloc/allocStart/finalize, _authsQueue) and
// lib/protocol/utils.js (sendPacket, convertSignature). certificate-auth.test.ts
// logs in to a real sshd with a certificate, so an ssh2 change fails there.
import { createRequire } from 'node:module';
import type { Client, ParsedKey } from 'ssh2';

/** What the wrapper needs to know about a certificate. */
export interface CertificateForAuth {
  /** The certificate's wire format. */
  blob: Buffer;
  /** The certified key's type: ssh-ed25519, ssh-rsa, ecdsa-sha2-nistp256… */
  keyType: string;
}

interface Signing {
  /** Algorithm name of the request (the certificate's). */
  requestAlgorithm: string;
  /** Algorithm name inside the signature (the plain key's). */
  signatureAlgorithm: string;
  /** The hash ssh2 signs RSA with; undefined for the others. */
  hash: 'sha512' | undefined;
  /** The certified key's type, for ssh2's signature conversion (ECDSA's DER to SSH form). */
  keyType: string;
}

const SIGNING = Symbol('warren.certificate-signing');

type PacketWriter = { alloc(length: number): Buffer; allocStart: number; finalize(packet: Buffer): Buffer };
interface ProtocolInternals {
  authPK: (username: string, key: unknown, keyAlgo?: unknown, cbSign?: unknown) => void;
  _packetRW: { write: PacketWriter };
  _authsQueue: string[];
}
interface ProtocolUtils {
  sendPacket: (proto: unknown, packet: Buffer) => boolean;
  convertSignature: (signature: Buffer, keyType: string) => Buffer | false;
}

/** What we assume, by name; checkCertificateInternals() reports the ones that do not hold. */
export const CERTIFICATE_ASSUMPTIONS = {
  protocol: 'Client._protocol is created by connect() and has an authPK(username, key, keyAlgo, cbSign) method',
  packetWriter: 'Client._protocol._packetRW.write has alloc(), allocStart and finalize()',
  authsQueue: 'Client._protocol._authsQueue is an array',
  utils: "ssh2/lib/protocol/utils.js exports sendPacket and convertSignature",
} as const;

function loadUtils(): Partial<ProtocolUtils> {
  try {
    return createRequire(import.meta.url)('ssh2/lib/protocol/utils.js') as ProtocolUtils;
  } catch {
    return {};
  }
}
const utils = loadUtils();

function field(owner: unknown, name: string): unknown {
  return typeof owner === 'object' && owner !== null ? (owner as Record<string, unknown>)[name] : undefined;
}

/** The assumptions that do not hold for this client (call after connect()); empty when certificates can be used. */
export function checkCertificateInternals(client: Client): string[] {
  const proto = field(client, '_protocol');
  const writer = field(field(proto, '_packetRW'), 'write');
  const broken: string[] = [];
  if (typeof field(proto, 'authPK') !== 'function') broken.push(CERTIFICATE_ASSUMPTIONS.protocol);
  if (typeof field(writer, 'alloc') !== 'function' || typeof field(writer, 'allocStart') !== 'number' || typeof field(writer, 'finalize') !== 'function') {
    broken.push(CERTIFICATE_ASSUMPTIONS.packetWriter);
  }
  if (!Array.isArray(field(proto, '_authsQueue'))) broken.push(CERTIFICATE_ASSUMPTIONS.authsQueue);
  if (typeof utils.sendPacket !== 'function' || typeof utils.convertSignature !== 'function') broken.push(CERTIFICATE_ASSUMPTIONS.utils);
  return broken;
}

function signingFor(cert: CertificateForAuth): Signing {
  // SHA-1 RSA signatures are refused by OpenSSH 8.8 and later; SHA-512 has been accepted since 7.2.
  if (cert.keyType === 'ssh-rsa') return { requestAlgorithm: 'rsa-sha2-512-cert-v01@openssh.com', signatureAlgorithm: 'rsa-sha2-512', hash: 'sha512', keyType: 'ssh-rsa' };
  return { requestAlgorithm: `${cert.keyType}-cert-v01@openssh.com`, signatureAlgorithm: cert.keyType, hash: undefined, keyType: cert.keyType };
}

/**
 * A key ssh2 offers as the certificate. `key` is ssh2's parsed key: a private
 * key (signing here), or the certified public key for an agent (the agent
 * signs; see agentSigningKey). The object inherits from `key`, which is how
 * ssh2 recognises it as already parsed.
 */
export function certificateKey(key: ParsedKey, cert: CertificateForAuth): ParsedKey {
  const signing = signingFor(cert);
  return Object.create(key, {
    type: { value: signing.requestAlgorithm, enumerable: true },
    getPublicSSH: { value: () => cert.blob },
    sign: { value: (data: Buffer) => key.sign(data, signing.hash) },
    [SIGNING]: { value: signing },
  }) as ParsedKey;
}

/** Whether a key object is one of ours. */
export function isCertificateKey(key: unknown): boolean {
  return field(key, SIGNING as unknown as string) !== undefined;
}

/**
 * What to hand ssh2's agent client for a signature by the agent: the
 * certificate blob as the key (the agent finds the private key by it), with
 * the type ssh2 looks at to ask for SHA-512 from an RSA key.
 */
export function agentSigningKey(key: ParsedKey): { key: ParsedKey; options: { hash?: string } } {
  const signing = (key as unknown as Record<symbol, Signing | undefined>)[SIGNING];
  if (!signing) return { key, options: {} };
  return { key: Object.create(key, { type: { value: signing.keyType } }) as ParsedKey, options: signing.hash ? { hash: signing.hash } : {} };
}

/**
 * Lets this client log in with certificate keys; call right after
 * client.connect(). Returns the broken assumptions instead when ssh2 has
 * changed (then certificate keys must not be offered: the server would refuse
 * the signature).
 */
export function enableCertificateAuth(client: Client): string[] {
  const broken = checkCertificateInternals(client);
  if (broken.length > 0) return broken;
  const proto = field(client, '_protocol') as ProtocolInternals;
  const original = proto.authPK;
  proto.authPK = function authPK(this: ProtocolInternals, username, key, keyAlgo, cbSign) {
    const signing = (key as Record<symbol, Signing | undefined> | null)?.[SIGNING];
    const sign = typeof keyAlgo === 'function' ? keyAlgo : cbSign;
    // The query ("would you accept this key?") names one algorithm only: ssh2's own is right.
    if (!signing || typeof sign !== 'function') return original.call(this, username, key, keyAlgo, cbSign);
    original.call(this, username, key, signing.requestAlgorithm, (toSign: Buffer) => {
      (sign as (data: Buffer, done: (signature: Buffer) => void) => void)(toSign, (signature) => sendSigned(this, toSign, signing, signature));
    });
  };
  return [];
}

/** The signed USERAUTH_REQUEST: the request ssh2 built (after the session id it signed), then the signature under the plain key's name. */
function sendSigned(proto: ProtocolInternals, toSign: Buffer, signing: Signing, raw: Buffer): void {
  const signature = utils.convertSignature!(raw, signing.keyType);
  if (signature === false) throw new Error('Error while converting handshake signature');
  const request = toSign.subarray(4 + toSign.readUInt32BE(0));
  const algorithm = Buffer.from(signing.signatureAlgorithm, 'latin1');
  const blobLength = 4 + algorithm.length + 4 + signature.length;
  const writer = proto._packetRW.write;
  const packet = writer.alloc(request.length + 4 + blobLength);
  let p = writer.allocStart;
  packet.set(request, p);
  p += request.length;
  packet.writeUInt32BE(blobLength, p);
  packet.writeUInt32BE(algorithm.length, (p += 4));
  packet.set(algorithm, (p += 4));
  packet.writeUInt32BE(signature.length, (p += algorithm.length));
  packet.set(signature, (p += 4));
  proto._authsQueue.push('publickey');
  utils.sendPacket!(proto, writer.finalize(packet));
}
