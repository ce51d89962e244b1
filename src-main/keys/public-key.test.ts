// Reading authorized_keys lines the way sshd does, checked against
// `ssh-keygen -l`, which lists the keys of an authorized_keys file.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keygen } from '../../test-support/sshd';
import { authorizedKey, fingerprint, hasKey, parsePublicKey } from './public-key';

let dir: string;
const pubs: string[] = [];

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'warren-pubkey-'));
  for (const [name, type] of [['a', 'ed25519'], ['b', 'ecdsa'], ['c', 'rsa']] as const) {
    keygen(path.join(dir, name), type, '', `comment ${name}`);
    pubs.push(readFileSync(path.join(dir, `${name}.pub`), 'utf8').trim());
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('authorized_keys lines', () => {
  it('finds the same keys as ssh-keygen -l, through options, quotes, escapes, tabs and CRLF', () => {
    const [a, b, c] = pubs as [string, string, string];
    const text = [
      '# a comment line',
      '',
      a,
      `no-pty,command="echo \\"quoted words\\" ssh-rsa AAAA",from="10.0.0.1" ${b}`,
      `restrict\t${c}\r`,
      'not a key at all',
    ].join('\n');
    const file = path.join(dir, 'authorized_keys');
    writeFileSync(file, text);
    const openssh = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', file])
      .toString()
      .trim()
      .split('\n')
      .map((line) => line.split(' ')[1]);
    const ours = text
      .split('\n')
      .map(authorizedKey)
      .filter((k) => k !== null)
      .map((k) => fingerprint(k.blob));
    expect(ours).toEqual(openssh);
    expect(ours).toHaveLength(3);
  });

  it('hasKey compares key bytes, not comments', () => {
    const key = parsePublicKey(pubs[0]!);
    const [type, blob] = pubs[0]!.split(' ');
    expect(hasKey(`${type} ${blob} someone else\n`, key)).toBe(true);
    expect(hasKey(`${pubs[1]}\n${pubs[2]}`, key)).toBe(false);
    // A key mentioned inside an option's quotes is not a key line.
    expect(hasKey(`command="echo ${type} ${blob}" ${pubs[1]}`, key)).toBe(false);
  });
});

describe('parsePublicKey', () => {
  it('keeps the comment, spaces included', () => {
    const key = parsePublicKey(`${pubs[2]}\n`);
    expect(key.type).toBe('ssh-rsa');
    expect(key.comment).toBe('comment c');
  });

  it('rejects private keys, truncated or mislabelled keys, and several lines', () => {
    const [type, blob] = pubs[0]!.split(' ') as [string, string];
    const bad = [readFileSync(path.join(dir, 'a'), 'utf8'), `${type} ${blob.slice(0, -4)}`, `ssh-rsa ${blob}`, `${pubs[0]}\n${pubs[1]}`, 'hello'];
    for (const text of bad) expect(() => parsePublicKey(text)).toThrow(/not an OpenSSH public key/);
  });
});
