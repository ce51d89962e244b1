// OpenSSH certificates on the wire (PROTOCOL.certkeys), read once for both
// uses: the user certificates Warren offers (connections/user-certificate.ts)
// and the host certificates it judges (host-certificate.ts). Strict, as ssh
// is: a truncated field, a malformed list or trailing bytes make it no
// certificate at all.

export const CERT_SUFFIX = '-cert-v01@openssh.com';
export const USER_CERT = 1;
export const HOST_CERT = 2;
/** valid_before of a certificate that never expires. */
export const FOREVER = 0xffffffffffffffffn;

/** Public-key fields between the nonce and the serial, per certified key type. */
const KEY_FIELDS: Record<string, number> = { 'ssh-ed25519': 1, 'ssh-rsa': 2, 'ecdsa-sha2-nistp256': 2, 'ecdsa-sha2-nistp384': 2, 'ecdsa-sha2-nistp521': 2 };

export interface OpenSshCertificateFields {
  /** e.g. ssh-ed25519-cert-v01@openssh.com */
  type: string;
  /** The certified key's type, e.g. ssh-ed25519. */
  keyType: string;
  /** The whole certificate, as sent to a server or received from one. */
  blob: Buffer;
  /** The certified key in plain wire format: what signs a login or a key exchange. */
  publicKey: Buffer;
  serial: bigint;
  /** USER_CERT or HOST_CERT (anything else is kept, for the message that refuses it). */
  certType: number;
  keyId: string;
  /** Empty: any principal (refused for hosts). */
  principals: string[];
  /** Seconds since the epoch; 0 means "always" (ssh-keygen's -V always:…). */
  validAfter: bigint;
  /** Seconds since the epoch; FOREVER means "forever". */
  validBefore: bigint;
  /** The names of its critical options. */
  criticalOptions: string[];
  /** The CA's public key blob. */
  signatureKey: Buffer;
  /** The CA's signature blob (algorithm name and signature). */
  signature: Buffer;
  /** Everything the CA signed: the certificate up to and including the CA key. */
  signed: Buffer;
}

/** SSH wire-format fields read in order; each read throws when the data runs short. */
export class SshReader {
  pos = 0;
  constructor(private readonly buf: Buffer) {}
  string(): Buffer {
    if (this.pos + 4 > this.buf.length) throw new Error('truncated');
    const end = this.pos + 4 + this.buf.readUInt32BE(this.pos);
    if (end > this.buf.length) throw new Error('truncated');
    const out = this.buf.subarray(this.pos + 4, end);
    this.pos = end;
    return out;
  }
  /** The raw bytes of the next string, length included. */
  rawString(): Buffer {
    const start = this.pos;
    this.string();
    return this.buf.subarray(start, this.pos);
  }
  uint32(): number {
    if (this.pos + 4 > this.buf.length) throw new Error('truncated');
    this.pos += 4;
    return this.buf.readUInt32BE(this.pos - 4);
  }
  uint64(): bigint {
    if (this.pos + 8 > this.buf.length) throw new Error('truncated');
    this.pos += 8;
    return this.buf.readBigUInt64BE(this.pos - 8);
  }
  get done(): boolean {
    return this.pos === this.buf.length;
  }
}

export function sshString(data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  return Buffer.concat([length, data]);
}

/** Whether a key type name is a certificate's. */
export function isCertificateType(type: string): boolean {
  return type.endsWith(CERT_SUFFIX);
}

/** Strings packed one after another (principals; options as name/data pairs): the names, or throws when malformed. */
function stringList(data: Buffer, every: number): Buffer[] {
  const reader = new SshReader(data);
  const out: Buffer[] = [];
  while (!reader.done) {
    out.push(reader.string());
    for (let i = 1; i < every; i++) reader.string();
  }
  return out;
}

/** A certificate from its wire format, or null when it is not one Warren can read. */
export function parseOpenSshCertificate(blob: Buffer): OpenSshCertificateFields | null {
  try {
    const reader = new SshReader(blob);
    const type = reader.string().toString('latin1');
    if (!isCertificateType(type)) return null;
    const keyType = type.slice(0, -CERT_SUFFIX.length);
    const fields = KEY_FIELDS[keyType];
    if (!fields) return null;
    reader.string(); // nonce
    const keyParts: Buffer[] = [];
    for (let i = 0; i < fields; i++) keyParts.push(reader.rawString());
    const serial = reader.uint64();
    const certType = reader.uint32();
    const keyId = reader.string().toString('utf8');
    const principals = stringList(reader.string(), 1).map((p) => p.toString('utf8'));
    const validAfter = reader.uint64();
    const validBefore = reader.uint64();
    const criticalOptions = stringList(reader.string(), 2).map((o) => o.toString('utf8'));
    reader.string(); // extensions
    reader.string(); // reserved
    const signatureKey = reader.string();
    const signedEnd = reader.pos;
    const signature = reader.string();
    if (!reader.done) return null;
    return {
      type,
      keyType,
      blob,
      publicKey: Buffer.concat([sshString(Buffer.from(keyType, 'latin1')), ...keyParts]),
      serial,
      certType,
      keyId,
      principals,
      validAfter,
      validBefore,
      criticalOptions,
      signatureKey,
      signature,
      signed: blob.subarray(0, signedEnd),
    };
  } catch {
    return null;
  }
}
