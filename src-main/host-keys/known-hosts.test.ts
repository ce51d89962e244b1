import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { hostPortName } from './host-key';
import { checkHostKey, entryMatchesHost, formatEntry, knownKeyTypes, parseKnownHosts } from './known-hosts';
import { SSH_KEYGEN, generateKey, keyLine, sshKeygenFind, tempDir } from '../../test-support/known-hosts-fixtures';

let dir: string;
let edA: Buffer; // two ed25519 keys: "the" key and an impostor of the same type
let edB: Buffer;
let ecdsa: Buffer;
let rsa: Buffer;

beforeAll(() => {
  dir = tempDir();
  edA = generateKey(dir, 'ed25519');
  edB = generateKey(dir, 'ed25519');
  ecdsa = generateKey(dir, 'ecdsa');
  rsa = generateKey(dir, 'rsa');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fileCount = 0;
function hostsFile(content: string): string {
  const file = path.join(dir, `known_hosts_${++fileCount}`);
  writeFileSync(file, content);
  return file;
}
const lines = (...text: string[]) => `${text.join('\n')}\n`;

/** Which lines match, by our reading and by `ssh-keygen -F`; they must agree. */
function matchingLines(file: string, host: string, port = 22): number[] {
  const { entries } = parseKnownHosts(readFileSync(file, 'utf8'), file);
  const ours = entries.filter((e) => entryMatchesHost(e, host, port)).map((e) => e.line);
  const openssh = sshKeygenFind(file, hostPortName(host.toLowerCase(), port));
  expect(ours, `${host}:${port}`).toEqual(openssh.lines);
  expect(openssh.status).toBe(ours.length > 0 ? 0 : 1);
  return ours;
}

async function verdict(files: string | string[], host: string, port: number, key: Buffer) {
  const result = await checkHostKey(Array.isArray(files) ? files : [files], host, port, key);
  expect(result.invalid).toEqual([]);
  return result.verdict;
}

describe('host matching, cross-checked with ssh-keygen -F', () => {
  it('a plain host name, case-insensitively', async () => {
    const file = hostsFile(lines(keyLine('server.example.com', edA)));
    expect(matchingLines(file, 'server.example.com')).toEqual([1]);
    expect(matchingLines(file, 'other.example.com')).toEqual([]);
    expect(matchingLines(file, 'server.example')).toEqual([]);
    expect(await verdict(file, 'Server.Example.COM', 22, edA)).toMatchObject({ kind: 'trusted', entry: { line: 1 } });
    expect(await verdict(file, 'other.example.com', 22, edA)).toEqual({ kind: 'unknown', authorities: [] });
  });

  it('a comma-separated list of names and addresses', async () => {
    const file = hostsFile(lines(keyLine('web1,Web2.example.com,10.0.0.5', edA)));
    for (const host of ['web1', 'web2.example.com', '10.0.0.5']) expect(matchingLines(file, host)).toEqual([1]);
    for (const host of ['web3', 'web', '10.0.0.50']) expect(matchingLines(file, host)).toEqual([]);
    expect((await verdict(file, '10.0.0.5', 22, edA)).kind).toBe('trusted');
  });

  it('* and ? wildcards', async () => {
    const file = hostsFile(lines(keyLine('*.example.com', edA), keyLine('db?', ecdsa)));
    expect(matchingLines(file, 'a.example.com')).toEqual([1]);
    expect(matchingLines(file, 'a.b.example.com')).toEqual([1]);
    expect(matchingLines(file, 'example.com')).toEqual([]);
    expect(matchingLines(file, 'db1')).toEqual([2]);
    expect(matchingLines(file, 'db12')).toEqual([]);
    expect((await verdict(file, 'db7', 22, ecdsa)).kind).toBe('trusted');
  });

  it('a negated pattern vetoes the whole line even when another pattern matches', async () => {
    const file = hostsFile(lines(keyLine('*.example.com,!evil.example.com', edA), keyLine('!lonely', edA)));
    expect(matchingLines(file, 'good.example.com')).toEqual([1]);
    expect(matchingLines(file, 'evil.example.com')).toEqual([]);
    expect(matchingLines(file, 'EVIL.example.com')).toEqual([]);
    expect(matchingLines(file, 'lonely')).toEqual([]);
    expect(matchingLines(file, 'anyone')).toEqual([]);
    expect(await verdict(file, 'evil.example.com', 22, edA)).toEqual({ kind: 'unknown', authorities: [] });
  });

  it('[host]:port for ports other than 22, with wildcards inside the brackets', async () => {
    const file = hostsFile(lines(keyLine('[alt.example.com]:2222', edA), keyLine('[*.wild.test]:2200', ecdsa), keyLine('plain.test', rsa)));
    expect(matchingLines(file, 'alt.example.com', 2222)).toEqual([1]);
    expect(matchingLines(file, 'alt.example.com', 22)).toEqual([]);
    expect(matchingLines(file, 'alt.example.com', 2223)).toEqual([]);
    expect(matchingLines(file, 'x.wild.test', 2200)).toEqual([2]);
    expect(matchingLines(file, 'plain.test', 22)).toEqual([3]);
    expect(matchingLines(file, 'plain.test', 2222)).toEqual([]);
    expect((await verdict(file, 'alt.example.com', 2222, edA)).kind).toBe('trusted');
    expect((await verdict(file, 'plain.test', 2222, rsa)).kind).toBe('unknown');
  });

  it('hashed entries written by ssh-keygen -H', async () => {
    const file = hostsFile(lines(keyLine('alpha.test,10.1.2.3', edA), keyLine('[beta.test]:2222', ecdsa), keyLine('*.gamma.test', rsa)));
    execFileSync(SSH_KEYGEN, ['-q', '-H', '-f', file], { stdio: 'ignore' });
    const hashed = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(hashed).toHaveLength(4); // the list is split into one hashed line per name
    expect(hashed.slice(0, 3).every((l) => l.startsWith('|1|'))).toBe(true);
    expect(hashed[3]).toBe(keyLine('*.gamma.test', rsa)); // wildcards cannot be hashed and stay as they are
    expect(matchingLines(file, 'alpha.test')).toEqual([1]);
    expect(matchingLines(file, 'ALPHA.test')).toEqual([1]);
    expect(matchingLines(file, '10.1.2.3')).toEqual([2]);
    expect(matchingLines(file, 'beta.test', 2222)).toEqual([3]);
    expect(matchingLines(file, 'beta.test', 22)).toEqual([]);
    expect(matchingLines(file, 'x.gamma.test')).toEqual([4]);
    expect(await verdict(file, 'alpha.test', 22, edA)).toMatchObject({ kind: 'trusted', entry: { line: 1 } });
    expect(await verdict(file, 'beta.test', 2222, ecdsa)).toMatchObject({ kind: 'trusted', entry: { line: 3 } });
  });

  it('lines written by formatEntry, hashed or not, are found by ssh-keygen -F', async () => {
    const plain = formatEntry('Host.Example', 22, edA, { hash: false });
    expect(plain).toBe(keyLine('host.example', edA));
    const hashed = formatEntry('Host.Example', 22, edA, { hash: true });
    const hashedPort = formatEntry('host.example', 2222, ecdsa, { hash: true });
    expect(hashed).toMatch(/^\|1\|[A-Za-z0-9+/]{27}=\|[A-Za-z0-9+/]{27}= ssh-ed25519 /);
    expect(formatEntry('host.example', 22, edA, { hash: true })).not.toBe(hashed); // fresh salt each time
    expect(formatEntry('h', 2222, rsa, { hash: false })).toBe(keyLine('[h]:2222', rsa));
    const file = hostsFile(lines(hashed, hashedPort, plain));
    expect(matchingLines(file, 'host.example')).toEqual([1, 3]);
    expect(matchingLines(file, 'host.example', 2222)).toEqual([2]);
    expect(matchingLines(file, 'other.example')).toEqual([]);
    expect((await verdict(file, 'host.example', 2222, ecdsa)).kind).toBe('trusted');
    expect(() => formatEntry('a,*', 22, edA, { hash: false })).toThrow();
    expect(() => formatEntry('a', 22, Buffer.from('junk'), { hash: false })).toThrow();
  });
});

describe('verdicts', () => {
  it('a revoked key is refused even when another line trusts it', async () => {
    const file = hostsFile(lines(keyLine('*.example.com', edA, '@revoked'), keyLine('web.example.com', edA), keyLine('web.example.com', ecdsa)));
    expect(matchingLines(file, 'web.example.com')).toEqual([1, 2, 3]); // ssh-keygen reports the REVOKED line too
    expect(await verdict(file, 'web.example.com', 22, edA)).toMatchObject({ kind: 'revoked', entry: { line: 1, marker: 'revoked' } });
    // The revocation names one key, not the host's other keys…
    expect((await verdict(file, 'web.example.com', 22, ecdsa)).kind).toBe('trusted');
    // …and like every line it applies only to the hosts its patterns match.
    const other = hostsFile(lines(keyLine('elsewhere', edA, '@revoked'), keyLine('web', edA)));
    expect((await verdict(other, 'web', 22, edA)).kind).toBe('trusted');
  });

  it('@cert-authority never vouches for a plain host key', async () => {
    const file = hostsFile(lines(keyLine('*.example.com', edA, '@cert-authority'), keyLine('b.example.com', edB)));
    expect(matchingLines(file, 'a.example.com')).toEqual([1]);
    const { entries } = parseKnownHosts(readFileSync(file, 'utf8'), file);
    expect(entries[0]).toMatchObject({ marker: 'cert-authority', hostField: '*.example.com', keyType: 'ssh-ed25519' });
    // Unknown, with the CA line carried along so the prompt can say it cannot be used.
    expect(await verdict(file, 'a.example.com', 22, edA)).toMatchObject({ kind: 'unknown', authorities: [{ line: 1, marker: 'cert-authority' }] });
    // Nor does it count as a known key: b's changed key is judged by its plain line alone.
    const changed = await verdict(file, 'b.example.com', 22, edA);
    expect(changed.kind === 'changed' && changed.entries.map((e) => e.line)).toEqual([2]);
  });

  it('several keys per host, across several files: any exact one is trusted', async () => {
    const user = hostsFile(lines(keyLine('multi', edB), keyLine('multi', ecdsa)));
    const global = hostsFile(lines(keyLine('multi', rsa), keyLine('multi,other', edA)));
    const files = [path.join(dir, 'missing', 'known_hosts'), user, global];
    expect(await verdict(files, 'multi', 22, edA)).toMatchObject({ kind: 'trusted', entry: { file: global, line: 2 } });
    expect(await verdict(files, 'multi', 22, edB)).toMatchObject({ kind: 'trusted', entry: { file: user, line: 1 } });
    expect(await verdict(files, 'multi', 22, rsa)).toMatchObject({ kind: 'trusted', entry: { file: global, line: 1 } });
  });

  it('a different key of the same type is a changed key, its same-type entries listed first', async () => {
    const file = hostsFile(lines(keyLine('server', edA), keyLine('server', ecdsa), keyLine('*', edA)));
    expect(matchingLines(file, 'server')).toEqual([1, 2, 3]);
    const result = await verdict(file, 'server', 22, edB);
    expect(result.kind).toBe('changed');
    expect(result.kind === 'changed' && result.entries.map((e) => [e.line, e.keyType])).toEqual([
      [1, 'ssh-ed25519'],
      [3, 'ssh-ed25519'],
      [2, 'ecdsa-sha2-nistp256'],
    ]);
  });

  it('a host known only with other key types is changed, as in OpenSSH: another key type cannot dodge the warning', async () => {
    const file = hostsFile(lines(keyLine('server', ecdsa), keyLine('server', rsa), keyLine('elsewhere', edB)));
    const result = await verdict(file, 'server', 22, edA);
    expect(result.kind === 'changed' && result.entries.map((e) => [e.line, e.keyType])).toEqual([
      [1, 'ecdsa-sha2-nistp256'],
      [2, 'ssh-rsa'],
    ]);
    expect(await knownKeyTypes([file], 'server', 22)).toEqual(['ecdsa-sha2-nistp256', 'ssh-rsa']);
    expect(await knownKeyTypes([file], 'nowhere', 22)).toEqual([]);
  });
});

describe('file format', () => {
  it('comments, blank lines, trailing comments, CRLF and no final newline', async () => {
    const content = ['# my hosts', '', `  ${keyLine('a', edA)} laptop key`, '\t# indented comment', `${keyLine('b', ecdsa)}\t# why`, keyLine('c', rsa)];
    const file = hostsFile(content.join('\r\n')); // CRLF, and no newline after the last line
    expect(matchingLines(file, 'a')).toEqual([3]);
    expect(matchingLines(file, 'b')).toEqual([5]);
    expect(matchingLines(file, 'c')).toEqual([6]);
    const { entries, invalid } = parseKnownHosts(readFileSync(file, 'utf8'), file);
    expect(invalid).toEqual([]);
    expect(entries.map((e) => [e.line, e.hostField, e.text])).toEqual([
      [3, 'a', content[2]],
      [5, 'b', content[4]],
      [6, 'c', content[5]],
    ]);
    expect(entries[2]?.key.equals(rsa)).toBe(true);
    for (const [host, key] of [['a', edA], ['b', ecdsa], ['c', rsa]] as const) expect((await verdict(file, host, 22, key)).kind).toBe('trusted');
  });

  it('reports invalid lines with their numbers and carries on', async () => {
    const good = keyLine('good', edA);
    const base64 = edA.toString('base64');
    const file = hostsFile(
      lines(
        good,
        'missing-key-type',
        'missing-key ssh-ed25519',
        'comment-instead ssh-ed25519 # no key',
        `bad-base64 ssh-ed25519 ${base64.slice(0, -3)}!!=`,
        `@unknown host ssh-ed25519 ${base64}`,
        `@revoked @revoked host ssh-ed25519 ${base64}`,
        `mismatch ssh-rsa ${base64}`,
        `|1|c2hvcnQ=|AAAA ssh-ed25519 ${base64}`,
        'sshv1 1024 35 1234567',
        keyLine('good2', ecdsa),
      ),
    );
    const result = await checkHostKey([file], 'good', 22, edA);
    expect(result.verdict.kind).toBe('trusted');
    expect(result.invalid.map((i) => [i.file, i.line])).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => [file, n]));
    expect(result.invalid.map((i) => i.reason)).toEqual([
      'missing key type',
      'missing key',
      'missing key',
      'key is not valid base64',
      'unknown marker @unknown',
      'only one marker is allowed',
      'key type ssh-rsa does not match the key (ssh-ed25519)',
      'malformed hashed host name',
      'key is not valid base64',
    ]);
    expect((await checkHostKey([file], 'good2', 22, ecdsa)).verdict.kind).toBe('trusted');
  });

  it('a missing file is empty; an unreadable one is reported, not thrown', async () => {
    const missing = await checkHostKey([path.join(dir, 'nope', 'known_hosts')], 'h', 22, edA);
    expect(missing).toEqual({ verdict: { kind: 'unknown', authorities: [] }, invalid: [] });
    const folder = path.join(dir, 'a-folder');
    mkdirSync(folder);
    const unreadable = await checkHostKey([folder], 'h', 22, edA);
    expect(unreadable.invalid).toEqual([{ file: folder, line: 0, reason: 'cannot read: EISDIR' }]);
  });
});
