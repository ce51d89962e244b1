// Facts about a server's public key blob (SSH wire format).
import { createHash } from 'node:crypto';

/** OpenSSH's fingerprint form: `SHA256:` and unpadded base64. */
export function fingerprintSha256(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

/** The key type named at the start of the blob, e.g. `ssh-ed25519`. */
export function keyType(key: Buffer): string {
  if (key.length < 4) return 'unknown';
  const length = key.readUInt32BE(0);
  if (length === 0 || length > 64 || key.length < 4 + length) return 'unknown';
  return key.subarray(4, 4 + length).toString('latin1');
}

/** The host as OpenSSH writes it in known_hosts: bare for port 22, else `[host]:port`. */
export function hostPortName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}
