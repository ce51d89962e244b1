// OpenSSH public keys as text: a .pub line, or a line of authorized_keys
// (which may start with options). Keys are compared by their blob, the
// wire-format bytes that hold the type and the key, so a different comment or
// options never make a key already on the server look new.
import { createHash } from 'node:crypto';
import ssh2 from 'ssh2';
import { AppError } from '../errors/app-error';

export interface PublicKey {
  /** e.g. 'ssh-ed25519', 'ecdsa-sha2-nistp256', 'ssh-rsa'. */
  type: string;
  blob: Buffer;
  comment: string;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** `<type> <base64> [comment]` at the start of `text`, or null. */
function readKey(text: string): PublicKey | null {
  const match = /^(\S+)[ \t]+(\S+)(?:[ \t]+(.*))?$/.exec(text);
  if (!match) return null;
  const [, type = '', data = '', comment = ''] = match;
  if (data.length % 4 !== 0 || !BASE64.test(data)) return null;
  const blob = Buffer.from(data, 'base64');
  // The blob names its own type first; if that disagrees, the words only looked like a key.
  if (blob.length < 4) return null;
  const nameEnd = 4 + blob.readUInt32BE(0);
  if (nameEnd > blob.length || blob.toString('latin1', 4, nameEnd) !== type) return null;
  return { type, blob, comment: comment.trim() };
}

/** What follows the options of an authorized_keys line (`a,b="x y" ssh-ed25519 ...`). */
function afterOptions(text: string): string {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '\\') i++;
    else if (c === '"') quoted = !quoted;
    else if (!quoted && (c === ' ' || c === '\t')) return text.slice(i).trimStart();
  }
  return '';
}

/** The key on one authorized_keys line; null for blanks, comments and lines sshd would skip. */
export function authorizedKey(line: string): PublicKey | null {
  const text = line.trim();
  if (text === '' || text.startsWith('#')) return null;
  // sshd's own order: the line as a key first, then after skipping options.
  return readKey(text) ?? readKey(afterOptions(text));
}

export function hasKey(authorizedKeys: string, key: PublicKey): boolean {
  return authorizedKeys.split(/\r?\n/).some((line) => authorizedKey(line)?.blob.equals(key.blob) ?? false);
}

/** A single `.pub` line; throws an AppError when it is anything else (a private key, two keys, garbage). */
export function parsePublicKey(text: string): PublicKey {
  const line = text.trim();
  const key = /[\r\n]/.test(line) ? null : readKey(line);
  const parsed = key ? ssh2.utils.parseKey(line) : null;
  if (!key || !parsed || parsed instanceof Error || parsed.isPrivateKey()) {
    throw new AppError('key-invalid', 'That is not an OpenSSH public key. Use the one line of the key\'s .pub file ("ssh-ed25519 AAAA… comment").');
  }
  return key;
}

export function formatPublicKey(key: PublicKey): string {
  return `${key.type} ${key.blob.toString('base64')}${key.comment ? ` ${key.comment}` : ''}`;
}

/** As `ssh-keygen -l` prints it: SHA256 of the blob, unpadded base64. */
export function fingerprint(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}
