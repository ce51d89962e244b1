// OpenSSH host certificates through ssh2 1.17, which negotiates none: its
// algorithm lists refuse *-cert-v01@openssh.com names (lib/utils.js
// generateAlgorithmList), and its key exchange (lib/protocol/kex.js) checks
// the KEXDH_REPLY signature with the K_S blob itself, which keyParser's
// parseDERKey cannot read when it is a certificate. Three small reaches, for
// one connection, only when an @cert-authority line covers the host:
//  1. the KEXINIT offer (Protocol._offer, not yet sent when connect() returns)
//     is rebuilt with the certificate algorithms first, as OpenSSH orders them;
//  2. each KeyExchange is caught as ssh2 stores it (Protocol._kex) and, when a
//     certificate algorithm was negotiated, told the names it checks against:
//     the certificate's own type while it reads the reply (RSA certificates are
//     ssh-rsa-cert-v01 whatever the rsa-sha2 hash), the plain signature
//     algorithm while it verifies (ssh-ed25519 inside, as OpenSSH signs);
//  3. while it verifies, K_S stays the whole certificate for the exchange hash
//     and becomes the certified key once ssh2 turns to the signature (the
//     first read of KeyExchange._sig, which comes after the hash is digested).
// The host verifier is handed the whole certificate, so Warren's known_hosts
// check judges it (host-keys/host-certificate.ts). Every failure mode is a
// refused handshake, never a weaker check: if ssh2 ever read _sig before
// hashing K_S, the hash would not match the server's and the signature would
// fail; the signature is only ever verified with the key inside the very
// certificate that was hashed and handed to the verifier. If ssh2's internals
// are not as expected, nothing is changed and certificates are not offered;
// host-certificate-kex.test.ts connects to a real sshd with a HostCertificate.
import { createRequire } from 'node:module';
import type { Client } from 'ssh2';
import { parseOpenSshCertificate } from '../host-keys/openssh-certificate';

const SUFFIX = '-cert-v01@openssh.com';

/** Certificate algorithm for each plain host-key algorithm, in the order OpenSSH offers them. SHA-1 RSA certificates are left out, as OpenSSH 8.8+ does. */
const CERTIFICATE_FOR: Record<string, string> = {
  'ssh-ed25519': `ssh-ed25519${SUFFIX}`,
  'ecdsa-sha2-nistp256': `ecdsa-sha2-nistp256${SUFFIX}`,
  'ecdsa-sha2-nistp384': `ecdsa-sha2-nistp384${SUFFIX}`,
  'ecdsa-sha2-nistp521': `ecdsa-sha2-nistp521${SUFFIX}`,
  'rsa-sha2-512': `rsa-sha2-512${SUFFIX}`,
  'rsa-sha2-256': `rsa-sha2-256${SUFFIX}`,
};

/** What each certificate algorithm looks like on the wire. */
interface CertificateAlgorithm {
  /** The type name inside the K_S blob. */
  blobType: string;
  /** The algorithm name inside the exchange-hash signature. */
  signatureAlgorithm: string;
}

export function certificateAlgorithm(name: string): CertificateAlgorithm | null {
  const plain = Object.keys(CERTIFICATE_FOR).find((p) => CERTIFICATE_FOR[p] === name);
  if (!plain) return null;
  return { blobType: plain.startsWith('rsa-sha2-') ? `ssh-rsa${SUFFIX}` : name, signatureAlgorithm: plain };
}

/** The certificate algorithms to offer for a host whose plain host-key algorithms are `plain` (in that order). */
export function certificateAlgorithmsFor(plain: readonly string[]): string[] {
  return plain.flatMap((a) => (CERTIFICATE_FOR[a] ? [CERTIFICATE_FOR[a]] : []));
}

/** What we assume, by name; the text is what the connection log says when one breaks. */
export const HOST_CERTIFICATE_ASSUMPTIONS = {
  protocol: 'Client._protocol is created by connect() and has no key exchange yet (_kex and _kexinit undefined)',
  offer: 'Client._protocol._offer is a KexInit (lib/protocol/kex.js) whose lists hold arrays for kex, serverHostKey and cs/sc cipher, mac, compress and lang',
  kexInit: "ssh2/lib/protocol/kex.js exports the KexInit class",
} as const;

interface ListEntry {
  array: string[];
}
interface Offer {
  lists: { kex: ListEntry; serverHostKey: ListEntry; cs: Record<'cipher' | 'mac' | 'compress' | 'lang', ListEntry>; sc: Record<'cipher' | 'mac' | 'compress' | 'lang', ListEntry> };
}
interface KeyExchange {
  negotiated: { serverHostKey: string };
  parse: (payload: Buffer) => unknown;
  finish: (scOnly?: boolean) => unknown;
  _hostKey: Buffer | undefined;
  _sig: Buffer | undefined;
  _protocol: { _server?: boolean };
}
type KexInitClass = new (lists: unknown) => Offer;

function loadKexInit(): KexInitClass | undefined {
  try {
    const kex = createRequire(import.meta.url)('ssh2/lib/protocol/kex.js') as { KexInit?: unknown };
    return typeof kex.KexInit === 'function' ? (kex.KexInit as KexInitClass) : undefined;
  } catch {
    return undefined;
  }
}
const KexInit = loadKexInit();

function field(owner: unknown, name: string): unknown {
  return typeof owner === 'object' && owner !== null ? (owner as Record<string, unknown>)[name] : undefined;
}

const isList = (entry: unknown) => Array.isArray(field(entry, 'array')) && (field(entry, 'array') as unknown[]).every((a) => typeof a === 'string');

/** The assumptions that do not hold for this client (call right after connect()); empty when host certificates can be offered. */
export function checkHostCertificateInternals(client: Client): string[] {
  const broken: string[] = [];
  const proto = field(client, '_protocol');
  if (typeof proto !== 'object' || proto === null || !('_kex' in proto) || field(proto, '_kex') !== undefined || field(proto, '_kexinit') !== undefined) {
    broken.push(HOST_CERTIFICATE_ASSUMPTIONS.protocol);
  }
  if (!KexInit) broken.push(HOST_CERTIFICATE_ASSUMPTIONS.kexInit);
  const lists = field(field(proto, '_offer'), 'lists');
  const directions = ['cs', 'sc'].map((d) => field(lists, d));
  const listsOk =
    (!KexInit || field(proto, '_offer') instanceof KexInit) &&
    isList(field(lists, 'kex')) &&
    isList(field(lists, 'serverHostKey')) &&
    directions.every((d) => ['cipher', 'mac', 'compress', 'lang'].every((name) => isList(field(d, name))));
  if (!listsOk) broken.push(HOST_CERTIFICATE_ASSUMPTIONS.offer);
  return broken;
}

/**
 * Offers `algorithms` (certificate algorithms, see certificateAlgorithmsFor)
 * before the client's own host-key algorithms and teaches this connection's
 * key exchanges to verify them. Call right after client.connect(). Returns
 * the broken assumptions instead when ssh2 has changed; then nothing was
 * touched and the server shows a plain key, as before.
 */
export function enableHostCertificates(client: Client, algorithms: readonly string[]): string[] {
  const wanted = algorithms.filter((a) => certificateAlgorithm(a) !== null);
  if (wanted.length === 0) return [];
  const broken = checkHostCertificateInternals(client);
  if (broken.length > 0) return broken;
  const proto = field(client, '_protocol') as Record<string, unknown>;
  const { lists } = proto._offer as Offer;
  const copy = (entry: ListEntry) => [...entry.array];
  const direction = (d: Offer['lists']['cs']) => ({ cipher: copy(d.cipher), mac: copy(d.mac), compress: copy(d.compress), lang: copy(d.lang) });
  proto._offer = new KexInit!({
    kex: copy(lists.kex),
    serverHostKey: [...wanted, ...lists.serverHostKey.array.filter((a) => !wanted.includes(a))],
    cs: direction(lists.cs),
    sc: direction(lists.sc),
  });
  // Each key exchange (the first and every re-key) is stored here before it starts.
  let current: unknown;
  Object.defineProperty(proto, '_kex', {
    configurable: true,
    enumerable: true,
    get: () => current,
    set: (kex: unknown) => {
      current = kex;
      teach(kex);
    },
  });
  return [];
}

function teach(kex: unknown): void {
  const negotiated = field(kex, 'negotiated');
  const name = field(negotiated, 'serverHostKey');
  const algorithm = typeof name === 'string' ? certificateAlgorithm(name) : null;
  // A plain key was negotiated (or ssh2 changed its shape): ssh2 handles it alone, as always.
  if (!algorithm || field(field(kex, '_protocol'), '_server') === true) return;
  const exchange = kex as KeyExchange;
  if (typeof exchange.parse !== 'function' || typeof exchange.finish !== 'function') return;
  const withName = <T>(value: string, run: () => T): T => {
    const before = exchange.negotiated.serverHostKey;
    exchange.negotiated.serverHostKey = value;
    try {
      return run();
    } finally {
      exchange.negotiated.serverHostKey = before;
    }
  };
  const parse = exchange.parse;
  exchange.parse = (payload) => withName(algorithm.blobType, () => parse.call(exchange, payload));
  const finish = exchange.finish;
  exchange.finish = (scOnly) =>
    withName(algorithm.signatureAlgorithm, () => verifyingWithCertifiedKey(exchange, () => reportingCertificate(exchange, name as string, () => finish.call(exchange, scOnly))));
}

/**
 * Runs ssh2's finish() so that the handshake it reports when the host was
 * verified before NEWKEYS (the 'handshake' event, "Negotiated: … host key" in
 * the connection log) names the certificate algorithm, not the plain
 * signature algorithm the check needed; the signature is checked by then.
 */
function reportingCertificate<T>(exchange: KeyExchange, name: string, run: () => T): T {
  const proto = exchange._protocol as { _onHandshakeComplete?: unknown };
  const complete = proto._onHandshakeComplete;
  if (typeof complete !== 'function') return run();
  proto._onHandshakeComplete = (...args: unknown[]) => {
    exchange.negotiated.serverHostKey = name;
    return (complete as (...a: unknown[]) => unknown).apply(proto, args);
  };
  try {
    return run();
  } finally {
    proto._onHandshakeComplete = complete;
  }
}

/** Runs ssh2's finish() with K_S turned into the certified key at its first read of the signature. */
function verifyingWithCertifiedKey<T>(exchange: KeyExchange, run: () => T): T {
  let signature = exchange._sig;
  let swapped = false;
  Object.defineProperty(exchange, '_sig', {
    configurable: true,
    enumerable: true,
    get: () => {
      if (!swapped && exchange._hostKey) {
        swapped = true;
        // Unreadable: K_S stays the certificate and ssh2 refuses the handshake itself.
        const cert = parseOpenSshCertificate(exchange._hostKey);
        if (cert) exchange._hostKey = cert.publicKey;
      }
      return signature;
    },
    set: (value: Buffer | undefined) => {
      signature = value;
    },
  });
  try {
    return run();
  } finally {
    Object.defineProperty(exchange, '_sig', { configurable: true, enumerable: true, writable: true, value: signature });
  }
}
