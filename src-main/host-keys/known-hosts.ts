// OpenSSH-compatible known_hosts: reading lines, matching them to a host and
// deciding whether a server's key is trusted. Keys are SSH wire-format blobs,
// as ssh2's hostVerifier hands them over; in a line they are the base64 field.
// See `man sshd`, section SSH_KNOWN_HOSTS FILE FORMAT.
import { readFile } from 'node:fs/promises';
import { hostPortName, keyType } from './host-key';
import { hashHostName, hashedFieldSalt, hostFieldMatches, isCanonicalBase64 } from './host-patterns';

export { appendEntry, removeEntry } from './known-hosts-file';

export interface KnownHostsEntry {
  file: string;
  /** 1-based. */
  line: number;
  marker: 'revoked' | 'cert-authority' | null;
  hostField: string;
  keyType: string;
  key: Buffer;
  /** The raw line, without its line ending. */
  text: string;
}

export interface InvalidLine {
  file: string;
  /** 1-based; 0 when the whole file could not be read. */
  line: number;
  reason: string;
}

export type HostKeyVerdict =
  | { kind: 'trusted'; entry: KnownHostsEntry }
  | { kind: 'revoked'; entry: KnownHostsEntry }
  /** The host is known, but not with this key (entries of the same key type first). */
  | { kind: 'changed'; entries: KnownHostsEntry[] }
  /** `authorities`: @cert-authority lines for the host (they vouch only for a host certificate, never for this plain key). */
  | { kind: 'unknown'; authorities: KnownHostsEntry[] };

const MARKERS: Record<string, KnownHostsEntry['marker']> = { '@revoked': 'revoked', '@cert-authority': 'cert-authority' };

type Parsed = Pick<KnownHostsEntry, 'marker' | 'hostField' | 'keyType' | 'key'>;

/** One line: its fields, null for a blank or comment line, or why it is invalid. */
function parseLine(text: string): Parsed | null | string {
  const body = text.replace(/^[ \t]+/, '');
  if (body === '' || body.startsWith('#')) return null;
  const fields = body.split(/[ \t]+/);
  let marker: KnownHostsEntry['marker'] = null;
  if (fields[0]?.startsWith('@')) {
    const word = fields.shift() ?? '';
    marker = MARKERS[word] ?? null;
    if (!marker) return `unknown marker ${word}`;
    if (fields[0]?.startsWith('@')) return 'only one marker is allowed';
  }
  const [hostField, type, base64] = fields;
  // Anything after the key is a comment; a `#` where a field should be is one too.
  if (!hostField) return 'missing host names';
  if (!type || type.startsWith('#')) return 'missing key type';
  if (!base64 || base64.startsWith('#')) return 'missing key';
  if (hostField.startsWith('|') && !hashedFieldSalt(hostField)) return 'malformed hashed host name';
  if (!isCanonicalBase64(base64)) return 'key is not valid base64';
  const key = Buffer.from(base64, 'base64');
  const blobType = keyType(key);
  // A line whose type word disagrees with its blob is corrupt or forged: never trust it.
  if (blobType !== type) return `key type ${type} does not match the key (${blobType})`;
  return { marker, hostField, keyType: type, key };
}

export function parseKnownHosts(text: string, file: string): { entries: KnownHostsEntry[]; invalid: InvalidLine[] } {
  const entries: KnownHostsEntry[] = [];
  const invalid: InvalidLine[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const parsed = parseLine(line);
    if (typeof parsed === 'string') invalid.push({ file, line: index + 1, reason: parsed });
    else if (parsed) entries.push({ file, line: index + 1, ...parsed, text: line });
  });
  return { entries, invalid };
}

/** The name ssh looks up: lowercased, with `[host]:port` for a port other than 22. */
function lookupName(host: string, port: number): string {
  return hostPortName(host.toLowerCase(), port);
}

export function entryMatchesHost(entry: KnownHostsEntry, host: string, port: number): boolean {
  return hostFieldMatches(entry.hostField, lookupName(host, port));
}

async function readKnownHostsFile(file: string): Promise<{ entries: KnownHostsEntry[]; invalid: InvalidLine[] }> {
  try {
    return parseKnownHosts(await readFile(file, 'utf8'), file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // A missing file is an empty one, as for ssh; anything else the user should hear about.
    if (code === 'ENOENT') return { entries: [], invalid: [] };
    return { entries: [], invalid: [{ file, line: 0, reason: `cannot read: ${code ?? String(error)}` }] };
  }
}

/**
 * Decides as OpenSSH's check_host_key does: any plain key on record for the
 * host that is not this one makes it "changed", whatever its type, so an
 * attacker cannot dodge the warning by offering another key type. (Sessions
 * ask the server for the key types on record first, as OpenSSH does, so a
 * server with several keys is not mistaken for a changed one.)
 */
export async function checkHostKey(
  files: string[],
  host: string,
  port: number,
  key: Buffer,
): Promise<{ verdict: HostKeyVerdict; invalid: InvalidLine[] }> {
  const read = await Promise.all(files.map(readKnownHostsFile));
  const invalid = read.flatMap((r) => r.invalid);
  const name = lookupName(host, port);
  const matching = read.flatMap((r) => r.entries).filter((e) => hostFieldMatches(e.hostField, name));

  // Revocation beats everything, even a plain line trusting the same key.
  const revoked = matching.find((e) => e.marker === 'revoked' && e.key.equals(key));
  if (revoked) return { verdict: { kind: 'revoked', entry: revoked }, invalid };

  // @cert-authority lines vouch only for certificates, never for a plain host key.
  const plain = matching.filter((e) => e.marker === null);
  const trusted = plain.find((e) => e.key.equals(key));
  if (trusted) return { verdict: { kind: 'trusted', entry: trusted }, invalid };

  if (plain.length === 0) return { verdict: { kind: 'unknown', authorities: matching.filter((e) => e.marker === 'cert-authority') }, invalid };
  const type = keyType(key);
  const entries = [...plain.filter((e) => e.keyType === type), ...plain.filter((e) => e.keyType !== type)];
  return { verdict: { kind: 'changed', entries }, invalid };
}

/** Every known_hosts line that covers the host (plain, @revoked and @cert-authority), with the lines that could not be read. */
export async function matchingEntries(files: string[], host: string, port: number): Promise<{ entries: KnownHostsEntry[]; invalid: InvalidLine[] }> {
  const read = await Promise.all(files.map(readKnownHostsFile));
  const name = lookupName(host, port);
  return { entries: read.flatMap((r) => r.entries).filter((e) => hostFieldMatches(e.hostField, name)), invalid: read.flatMap((r) => r.invalid) };
}

/** The key types on record for a host, to ask the server for those first. */
export async function knownKeyTypes(files: string[], host: string, port: number): Promise<string[]> {
  const read = await Promise.all(files.map(readKnownHostsFile));
  const name = lookupName(host, port);
  const plain = read.flatMap((r) => r.entries).filter((e) => e.marker === null && hostFieldMatches(e.hostField, name));
  return [...new Set(plain.map((e) => e.keyType))];
}

/** One known_hosts line (no newline) as ssh would write it; `hash` hides the host name. */
export function formatEntry(host: string, port: number, key: Buffer, options: { hash: boolean }): string {
  // A plain line with a comma, wildcard or space in the "name" would vouch for other hosts.
  if (host === '' || /[\s,*?!]/.test(host) || /^[@|#]/.test(host)) throw new Error(`Not a host name: ${JSON.stringify(host)}`);
  const type = keyType(key);
  if (type === 'unknown') throw new Error('Not an SSH public key blob');
  const name = lookupName(host, port);
  return `${options.hash ? hashHostName(name) : name} ${type} ${key.toString('base64')}`;
}
