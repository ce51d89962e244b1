// copy-id against a real OpenSSH sshd, end to end: the key is installed over
// SFTP, then a fresh connection logs in with that key alone. The server reads
// keys from the same ~/.ssh/authorized_keys that SFTP writes (test-support/key-fixtures).
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error';
import { failure } from '../../test-support/sftp-fixture';
import { copyId } from './copy-id';
import { generateKey, type GenerateKeyOptions } from './key-generator';
import { pinnedHostKey, startCopyIdServer, tmpfs, unmount, type CopyIdServer } from '../../test-support/key-fixtures';
import { loginWithKeyOnly } from '../../test-support/key-login';

let server: CopyIdServer;
let keys: string;
let made = 0;
const mode = (file: string) => statSync(file).mode & 0o777;
const sshDir = () => path.join(server.home, '.ssh');
const authorizedKeys = () => path.join(sshDir(), 'authorized_keys');

async function newKey(options: Partial<GenerateKeyOptions> = {}) {
  const key = await generateKey({ file: path.join(keys, `id${++made}`), comment: `key${made}`, ...options });
  return { ...key, private: readFileSync(key.privateKeyPath) };
}

const login = (privateKey: Buffer, passphrase?: string) =>
  loginWithKeyOnly(server.endpoint, privateKey, { hostKeys: pinnedHostKey(server.sshd), ...(passphrase ? { passphrase } : {}) });

beforeAll(async () => {
  server = await startCopyIdServer();
  keys = mkdtempSync(path.join(os.tmpdir(), 'warren-copy-id-keys-'));
});
afterAll(async () => {
  await server?.stop();
  rmSync(keys, { recursive: true, force: true });
});
beforeEach(() => {
  for (const name of readdirSync(server.home)) rmSync(path.join(server.home, name), { recursive: true, force: true });
});

describe('copyId', () => {
  it('a fresh home: creates ~/.ssh 0700 and authorized_keys 0600; the key logs in only afterwards', async () => {
    const key = await newKey();
    const before = await login(key.private);
    expect(before.ok).toBe(false);
    if (!before.ok) expect(before.error.code).toBe('auth-failed');

    const result = await copyId(server.conn.client, key.publicKey);
    expect(result).toEqual({ added: true, path: authorizedKeys(), warnings: [] });
    expect(mode(sshDir())).toBe(0o700);
    expect(mode(authorizedKeys())).toBe(0o600);
    expect(readFileSync(authorizedKeys(), 'utf8')).toBe(`${key.publicKey}\n`);
    expect(await login(key.private)).toEqual({ ok: true });
    expect(server.sshd.log()).toContain(`Accepted publickey for ${server.sshd.user}`);
  });

  it('twice: the second run adds nothing, also when the comment or options differ', async () => {
    const key = await newKey();
    expect((await copyId(server.conn.client, key.publicKey)).added).toBe(true);
    expect((await copyId(server.conn.client, `${key.publicKey}\n`)).added).toBe(false);
    const [type, blob] = key.publicKey.split(' ');
    expect((await copyId(server.conn.client, `${type} ${blob} another comment`)).added).toBe(false);
    expect(readFileSync(authorizedKeys(), 'utf8')).toBe(`${key.publicKey}\n`);

    writeFileSync(authorizedKeys(), `# managed\nno-pty,command="echo \\"hi there\\"" ${type} ${blob} old\n`);
    expect((await copyId(server.conn.client, key.publicKey)).added).toBe(false);
  });

  it('keeps existing lines and modes, and adds the missing newline before its own line', async () => {
    const key = await newKey();
    const other = await newKey();
    mkdirSync(sshDir(), { mode: 0o750 });
    const existing = `# my keys\r\nfrom="10.0.0.*" ${other.publicKey}`;
    writeFileSync(authorizedKeys(), existing, { mode: 0o640 });
    const result = await copyId(server.conn.client, key.publicKey);
    expect(result.added).toBe(true);
    expect(readFileSync(authorizedKeys(), 'utf8')).toBe(`${existing}\n${key.publicKey}\n`);
    expect(mode(sshDir())).toBe(0o750);
    expect(mode(authorizedKeys())).toBe(0o640);
    expect(await login(key.private)).toEqual({ ok: true });
  });

  it('Ed25519 (with a passphrase), RSA and ECDSA keys made by Warren each log in', async () => {
    const made = [await newKey({ passphrase: 'pass phrase' }), await newKey({ type: 'rsa', bits: 3072 }), await newKey({ type: 'ecdsa', bits: 384 })];
    for (const key of made) expect((await copyId(server.conn.client, key.publicKey)).added).toBe(true);
    expect(await login(made[0]!.private, 'pass phrase')).toEqual({ ok: true });
    expect(await login(made[1]!.private)).toEqual({ ok: true });
    expect(await login(made[2]!.private)).toEqual({ ok: true });
    expect(readFileSync(authorizedKeys(), 'utf8').trim().split('\n')).toEqual(made.map((k) => k.publicKey));
  });

  it('follows ~/.ssh when it links to a real folder', async () => {
    const elsewhere = path.join(server.home, 'dotfiles-ssh');
    mkdirSync(elsewhere, { mode: 0o700 });
    symlinkSync(elsewhere, sshDir());
    const key = await newKey();
    expect((await copyId(server.conn.client, key.publicKey)).added).toBe(true);
    expect(lstatSync(sshDir()).isSymbolicLink()).toBe(true);
    expect(readFileSync(path.join(elsewhere, 'authorized_keys'), 'utf8')).toBe(`${key.publicKey}\n`);
  });

  it('refuses authorized_keys -> /dev/null, a dangling link, and a file named .ssh', async () => {
    const key = await newKey();
    mkdirSync(sshDir(), { mode: 0o700 });
    symlinkSync('/dev/null', authorizedKeys());
    let error = await failure(copyId(server.conn.client, key.publicKey));
    expect(error.code).toBe('not-a-file');
    expect(error.message).toContain(authorizedKeys());

    rmSync(authorizedKeys());
    const nowhere = path.join(server.home, 'nowhere', 'keys');
    symlinkSync(nowhere, authorizedKeys());
    error = await failure(copyId(server.conn.client, key.publicKey));
    expect(error.code).toBe('unsafe-path');
    expect(error.message).toContain(nowhere);
    expect(readdirSync(server.home)).toEqual(['.ssh']);

    rmSync(sshDir(), { recursive: true });
    writeFileSync(sshDir(), 'not a folder');
    error = await failure(copyId(server.conn.client, key.publicKey));
    expect(error.code).toBe('not-a-folder');
    expect(error.message).toContain(sshDir());
  });

  it('warns, without changing anything, when sshd would ignore the file (StrictModes)', async () => {
    const key = await newKey();
    mkdirSync(sshDir());
    // mkdir's mode is cut by the umask; set it exactly.
    chmodSync(sshDir(), 0o777);
    const result = await copyId(server.conn.client, key.publicKey);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toContain(`chmod go-w ${sshDir()}`);
    expect(mode(sshDir())).toBe(0o777);
  });

  it('rejects something that is not a single public key, before touching the server', async () => {
    const key = await newKey();
    for (const bad of [key.private.toString(), 'ssh-ed25519 AAAA', `${key.publicKey}\n${key.publicKey}`, '']) {
      expect((await failure(copyId(server.conn.client, bad))).code).toBe('key-invalid');
    }
    expect(readdirSync(server.home)).toEqual([]);
  });
});

describe('a login with the key alone (as Keys… proves a copied key)', () => {
  it('says why it failed: wrong passphrase, no passphrase, public key given, host key not trusted', async () => {
    const key = await newKey({ passphrase: 'right' });
    await copyId(server.conn.client, key.publicKey);
    const codeOf = async (run: ReturnType<typeof loginWithKeyOnly>) => {
      const result = await run;
      return result.ok ? 'ok' : result.error.code;
    };
    const wrong = await login(key.private, 'wrong');
    expect(wrong.ok ? 'ok' : [wrong.error.code, wrong.error.message]).toEqual(['auth-failed', expect.stringContaining('the passphrase was wrong')]);
    // Nobody answers the passphrase prompt: the user's cancel, not the server's refusal.
    expect(await codeOf(login(key.private))).toBe('cancelled');
    expect(await codeOf(login(Buffer.from(key.publicKey)))).toBe('key-invalid');
    const distrust = { check: async () => new AppError('host-key-changed', 'Not trusted.') };
    expect(await codeOf(loginWithKeyOnly(server.endpoint, key.private, { passphrase: 'right', hostKeys: distrust }))).toBe('host-key-changed');
    expect(await codeOf(login(key.private, 'right'))).toBe('ok');
  });
});

describe('servers that refuse the write', () => {
  it('a read-only SFTP server (internal-sftp -R): permission-denied naming the remote path', async () => {
    const readOnly = await startCopyIdServer('-R');
    try {
      const key = await newKey();
      let error = await failure(copyId(readOnly.conn.client, key.publicKey));
      expect(error.code).toBe('permission-denied');
      expect(error.message).toContain(path.join(readOnly.home, '.ssh'));

      mkdirSync(path.join(readOnly.home, '.ssh'));
      writeFileSync(path.join(readOnly.home, '.ssh', 'authorized_keys'), 'x\n');
      error = await failure(copyId(readOnly.conn.client, key.publicKey));
      expect(error.code).toBe('permission-denied');
      expect(error.message).toContain(path.join(readOnly.home, '.ssh', 'authorized_keys'));
      expect(readFileSync(path.join(readOnly.home, '.ssh', 'authorized_keys'), 'utf8')).toBe('x\n');
    } finally {
      await readOnly.stop();
    }
  });

  const disk = tmpfs('size=4k');
  afterAll(() => unmount(disk));
  it.skipIf(!disk)('a full disk on the server: write-failed naming authorized_keys, and no empty file left (skipped unless a tmpfs can be mounted)', async () => {
    // The disk's one page is taken: the server can make the file, not write to it.
    writeFileSync(path.join(disk!, 'filler'), 'x');
    mkdirSync(path.join(disk!, 'ssh'));
    symlinkSync(path.join(disk!, 'ssh'), sshDir());
    try {
      const key = await newKey();
      const error = await failure(copyId(server.conn.client, key.publicKey));
      expect(error.code).toBe('write-failed');
      expect(error.message).toContain(authorizedKeys());
      expect(error.message).toContain('disk may be full');
      expect(readdirSync(path.join(disk!, 'ssh'))).toEqual([]);
    } finally {
      rmSync(path.join(disk!, 'ssh'), { recursive: true, force: true });
    }
  });
});
