// Generated keys checked by OpenSSH's own ssh-keygen: it must read them,
// derive the same .pub, print the same fingerprint, and open encrypted ones
// only with the right passphrase. Files on disk: modes, no overwrite, no
// leftovers after a failure (real full and read-only file systems).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure } from '../../test-support/sftp-fixture';
import { generateKey, type GenerateKeyOptions, type GeneratedKey } from './key-generator';
import { tmpfs, unmount } from '../../test-support/key-fixtures';

let dir: string;
let made = 0;
const fresh = () => path.join(dir, `k${++made}`, 'id');

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'warren-keygen-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const keygen = (...args: string[]) => execFileSync('ssh-keygen', args, { stdio: ['ignore', 'pipe', 'pipe'] }).toString();
const mode = (file: string) => statSync(file).mode & 0o777;

/** What ssh-keygen derives from the private key and prints for it, beside what Warren returned. */
function checkWithSshKeygen(key: GeneratedKey, passphrase = '') {
  // OpenSSH 9.x prints the comment stored inside the private key too.
  expect(keygen('-y', '-P', passphrase, '-f', key.privateKeyPath).trim()).toBe(key.publicKey);
  const [bits, fingerprint] = keygen('-l', '-E', 'sha256', '-f', key.publicKeyPath).split(' ');
  expect(fingerprint).toBe(key.fingerprint);
  expect(Number(bits)).toBe(key.bits);
  expect(readFileSync(key.publicKeyPath, 'utf8')).toBe(`${key.publicKey}\n`);
  expect(mode(key.privateKeyPath)).toBe(0o600);
  expect(mode(key.publicKeyPath)).toBe(0o644);
}

describe('generated keys are valid OpenSSH keys', () => {
  it('Ed25519 by default, comment kept, folder created 0700', async () => {
    const file = path.join(dir, 'deep', 'er', 'id_ed25519');
    const key = await generateKey({ file, comment: 'me@laptop' });
    expect(key.keyType).toBe('ssh-ed25519');
    expect(key.publicKey).toMatch(/^ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI[A-Za-z0-9+/]{43} me@laptop$/);
    expect(readFileSync(file, 'utf8')).toMatch(/^-----BEGIN OPENSSH PRIVATE KEY-----\n[\s\S]+-----END OPENSSH PRIVATE KEY-----\n$/);
    expect(mode(path.dirname(file))).toBe(0o700);
    expect(mode(path.join(dir, 'deep'))).toBe(0o700);
    checkWithSshKeygen(key);
    expect(keygen('-l', '-f', file)).toContain('me@laptop (ED25519)');
  });

  it('with a passphrase: bcrypt + aes256-ctr; ssh-keygen opens it with the right one only', async () => {
    const key = await generateKey({ file: fresh(), passphrase: 'correct horse', comment: 'locked' });
    const body = Buffer.from(readFileSync(key.privateKeyPath, 'utf8').split('\n').slice(1, -2).join(''), 'base64');
    expect(body.toString('latin1')).toContain('aes256-ctr');
    expect(body.toString('latin1')).toContain('bcrypt');
    checkWithSshKeygen(key, 'correct horse');
    expect(() => keygen('-y', '-P', 'wrong horse', '-f', key.privateKeyPath)).toThrow();
    expect(() => keygen('-y', '-P', '', '-f', key.privateKeyPath)).toThrow();
  });

  for (const bits of [256, 384, 521]) {
    it(`ECDSA ${bits}`, async () => {
      const key = await generateKey({ file: fresh(), type: 'ecdsa', bits, comment: `ecdsa-${bits}` });
      expect(key.keyType).toBe(`ecdsa-sha2-nistp${bits}`);
      checkWithSshKeygen(key);
    });
  }

  it('RSA 3072 is the RSA default; with a passphrase too', async () => {
    const key = await generateKey({ file: fresh(), type: 'rsa', passphrase: 'pw' });
    expect(key.keyType).toBe('ssh-rsa');
    expect(key.bits).toBe(3072);
    checkWithSshKeygen(key, 'pw');
  });

  it('RSA 4096, made off the main thread: the event loop keeps running meanwhile', async () => {
    let last = performance.now();
    let longestGap = 0;
    const timer = setInterval(() => {
      longestGap = Math.max(longestGap, performance.now() - last);
      last = performance.now();
    }, 5);
    const started = performance.now();
    const key = await generateKey({ file: fresh(), type: 'rsa', bits: 4096, comment: 'big' });
    const ms = performance.now() - started;
    clearInterval(timer);
    console.log(`RSA 4096: ${ms.toFixed(0)} ms; longest event-loop gap ${longestGap.toFixed(0)} ms`);
    // The prime search (0.4-2 s here) runs on libuv's thread pool; only the encoding runs on this thread.
    expect(longestGap).toBeLessThan(300);
    checkWithSshKeygen(key);
  });

  it('every Ed25519 key of many is well formed (ssh2 breaks ~1 in 256, Warren retries)', async () => {
    const started = performance.now();
    const base = fresh();
    for (let i = 0; i < 400; i++) {
      const key = await generateKey({ file: `${base}${i}`, comment: '' });
      expect(Buffer.from(key.publicKey.split(' ')[1]!, 'base64').length).toBe(51);
    }
    console.log(`400 Ed25519 keys written: ${(performance.now() - started).toFixed(0)} ms`);
    // Spot-check with OpenSSH, including the no-comment .pub line.
    expect(keygen('-y', '-f', `${base}399`).trim()).toBe(readFileSync(`${base}399.pub`, 'utf8').trim());
  });
});

describe('files on disk', () => {
  it('refuses to overwrite either file of the pair, leaving the old bytes and adding nothing', async () => {
    const file = fresh();
    mkdirSync(path.dirname(file));
    writeFileSync(file, 'old private');
    let error = await failure(generateKey({ file }));
    expect(error.code).toBe('exists');
    expect(error.message).toContain(file);
    expect(readFileSync(file, 'utf8')).toBe('old private');
    expect(readdirSync(path.dirname(file))).toEqual(['id']);

    const other = fresh();
    mkdirSync(path.dirname(other));
    writeFileSync(`${other}.pub`, 'old public');
    error = await failure(generateKey({ file: other }));
    expect(error.code).toBe('exists');
    expect(error.message).toContain(`${other}.pub`);
    expect(readdirSync(path.dirname(other))).toEqual(['id.pub']);
  });

  it('overwrite: true replaces both files, still 0600 / 0644, no temp files left', async () => {
    const file = fresh();
    mkdirSync(path.dirname(file));
    writeFileSync(file, 'old private', { mode: 0o644 });
    writeFileSync(`${file}.pub`, 'old public', { mode: 0o600 });
    const key = await generateKey({ file, overwrite: true });
    checkWithSshKeygen(key);
    expect(readdirSync(path.dirname(file)).sort()).toEqual(['id', 'id.pub']);
  });

  it('a folder that is really a file: not-a-folder, nothing written', async () => {
    const blocker = path.join(dir, 'blocker');
    writeFileSync(blocker, '');
    const error = await failure(generateKey({ file: path.join(blocker, 'id') }));
    expect(error.code).toBe('not-a-folder');
    expect(error.message).toContain(blocker);
  });

  it.skipIf(process.platform !== 'linux')('a folder that cannot be made (in /proc) fails instead of hanging as Node 20 recursive mkdir does', async () => {
    expect((await failure(generateKey({ file: '/proc/warren-test/id' }))).code).toBe('not-found');
  });

  const bad: [string, Partial<GenerateKeyOptions>, string][] = [
    ['an unknown type', { type: 'dsa' as 'rsa' }, 'bad-key-type'],
    ['RSA under 2048 bits', { type: 'rsa', bits: 1024 }, 'bad-key-size'],
    ['RSA with fractional bits', { type: 'rsa', bits: 3072.5 }, 'bad-key-size'],
    ['ECDSA 300', { type: 'ecdsa', bits: 300 }, 'bad-key-size'],
    ['a two-line comment', { comment: 'a\nssh-rsa AAAA evil' }, 'bad-comment'],
    ['a relative path', { file: 'id_ed25519' }, 'bad-path'],
  ];
  for (const [what, options, code] of bad) {
    it(`rejects ${what} (${code}) and writes nothing`, async () => {
      const file = fresh();
      expect((await failure(generateKey({ file, ...options }))).code).toBe(code);
      expect(() => statSync(path.dirname(file))).toThrow();
    });
  }
});

describe('failing file systems (skipped unless a tmpfs can be mounted: root with CAP_SYS_ADMIN)', () => {
  // One page: a private key fits, its .pub then does not.
  const full = tmpfs('size=4k');
  const readOnly = tmpfs('ro,size=64k');
  afterAll(() => {
    unmount(full);
    unmount(readOnly);
  });

  it.skipIf(!full)('a disk that fills up half way: disk-full, and the half-written pair is removed', async () => {
    const error = await failure(generateKey({ file: path.join(full!, 'id') }));
    expect(error.code).toBe('disk-full');
    expect(error.message).toContain(path.join(full!, 'id.pub'));
    expect(readdirSync(full!)).toEqual([]);
  });

  it.skipIf(!full)('overwrite on a full disk keeps the old pair byte for byte', async () => {
    // Its one page is the whole disk.
    writeFileSync(path.join(full!, 'id'), 'old private');
    const error = await failure(generateKey({ file: path.join(full!, 'id'), overwrite: true }));
    expect(error.code).toBe('disk-full');
    expect(readFileSync(path.join(full!, 'id'), 'utf8')).toBe('old private');
    expect(readdirSync(full!)).toEqual(['id']);
  });

  it.skipIf(!readOnly)('a read-only disk: read-only, naming the file', async () => {
    const error = await failure(generateKey({ file: path.join(readOnly!, 'id') }));
    expect(error.code).toBe('read-only');
    expect(error.message).toContain(path.join(readOnly!, 'id'));
  });
});
