// Host-field matching as OpenSSH does it (match.c match_pattern_list and
// hostfile.c match_maybe_hashed), so that a known_hosts line means to Warren
// exactly what it means to ssh.
import { createHmac, randomBytes } from 'node:crypto';

const HASH_MAGIC = '|1|';
const SHA1_LENGTH = 20;

/** `*` and `?` glob, on already-lowercased strings. `[` is not special in OpenSSH. */
export function globMatch(text: string, pattern: string): boolean {
  let t = 0;
  let p = 0;
  let starP = -1; // position after the last `*`, to backtrack to
  let starT = 0;
  while (t < text.length) {
    const c = pattern[p];
    if (c === '*') {
      starP = ++p;
      starT = t;
    } else if (c !== undefined && (c === '?' || c === text[t])) {
      p++;
      t++;
    } else if (starP >= 0) {
      p = starP;
      t = ++starT;
    } else {
      return false;
    }
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}

/**
 * A comma-separated pattern list against a name. Any matching `!pattern` vetoes
 * the whole list, whatever else matched: that is how a line excludes one host
 * from a wildcard.
 */
export function matchPatternList(name: string, list: string): boolean {
  const lowered = name.toLowerCase();
  let positive = false;
  for (const raw of list.split(',')) {
    const negated = raw.startsWith('!');
    const pattern = (negated ? raw.slice(1) : raw).toLowerCase();
    // OpenSSH gives up on the whole list when one pattern exceeds its buffer.
    if (pattern.length >= 1023) return false;
    if (!globMatch(lowered, pattern)) continue;
    if (negated) return false;
    positive = true;
  }
  return positive;
}

/** The salt of a `|1|salt|hash` field, or null when the field is malformed (OpenSSH: "bad host hash"). */
export function hashedFieldSalt(field: string): Buffer | null {
  // Like OpenSSH, only the salt is checked; a mangled hash part just never matches.
  const encoded = /^\|1\|([^|]+)\|/.exec(field)?.[1];
  if (encoded === undefined || !isCanonicalBase64(encoded)) return null;
  const salt = Buffer.from(encoded, 'base64');
  return salt.length === SHA1_LENGTH ? salt : null;
}

/** `|1|base64(salt)|base64(HMAC-SHA1(salt, name))`; a fresh random salt when none is given. */
export function hashHostName(name: string, salt: Buffer = randomBytes(SHA1_LENGTH)): string {
  const mac = createHmac('sha1', salt).update(name).digest('base64');
  return `${HASH_MAGIC}${salt.toString('base64')}|${mac}`;
}

/** Whether a host field (pattern list or hashed) covers a lookup name (`host` or `[host]:port`). */
export function hostFieldMatches(field: string, name: string): boolean {
  if (!field.startsWith('|')) return matchPatternList(name, field);
  const salt = hashedFieldSalt(field);
  // Compared as text, as OpenSSH does: ssh lowercases the name before hashing it.
  return salt !== null && hashHostName(name.toLowerCase(), salt) === field;
}

/** Padded base64 that decodes and re-encodes to itself; Node's decoder alone skips junk silently. */
export function isCanonicalBase64(text: string): boolean {
  return text.length > 0 && Buffer.from(text, 'base64').toString('base64') === text;
}
