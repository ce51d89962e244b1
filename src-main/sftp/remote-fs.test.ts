// Remote file operations against a real OpenSSH sshd (internal-sftp).
import { existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error';
import { chmod, listDir, mkdir, realpath, removeRecursive, rename, stat } from './remote-fs';
import { connectSftp, failure, startSftpFixture, type SftpFixture } from '../../test-support/sftp-fixture';

let fx: SftpFixture;
const fresh = () => fx.fresh();

beforeAll(async () => {
  fx = await startSftpFixture();
});
afterAll(() => fx?.stop());

describe('listDir', () => {
  it('lists files, folders and symlinks (working and broken) with their details', async () => {
    const dir = fresh();
    writeFileSync(path.join(dir, 'file.txt'), 'hello');
    mkdirSync(path.join(dir, 'sub'), { mode: 0o750 });
    symlinkSync('file.txt', path.join(dir, 'to-file'));
    symlinkSync('sub', path.join(dir, 'to-dir'));
    symlinkSync('nowhere', path.join(dir, 'broken'));
    symlinkSync('loop', path.join(dir, 'loop'));
    const byName = Object.fromEntries((await listDir(fx.sftp, dir)).map((e) => [e.name, e]));
    expect(Object.keys(byName).sort()).toEqual(['broken', 'file.txt', 'loop', 'sub', 'to-dir', 'to-file']);
    const local = statSync(path.join(dir, 'file.txt'));
    expect(byName['file.txt']).toEqual({
      name: 'file.txt',
      path: path.join(dir, 'file.txt'),
      kind: 'file',
      size: 5,
      mtimeMs: Math.floor(local.mtimeMs / 1000) * 1000,
      mode: local.mode & 0o7777,
      uid: local.uid,
      gid: local.gid,
    });
    expect(byName.sub).toMatchObject({ kind: 'dir', mode: 0o750 & ~process.umask() });
    expect(byName['to-file']).toMatchObject({ kind: 'symlink', linkTarget: 'file.txt', targetKind: 'file' });
    expect(byName['to-dir']).toMatchObject({ kind: 'symlink', linkTarget: 'sub', targetKind: 'dir' });
    expect(byName.broken).toMatchObject({ kind: 'symlink', linkTarget: 'nowhere', targetKind: 'missing' });
    expect(byName.loop).toMatchObject({ kind: 'symlink', linkTarget: 'loop', targetKind: 'missing' });
  });

  it('lists a folder of 10,000 entries quickly', async () => {
    const dir = fresh();
    for (let i = 0; i < 10_000; i++) writeFileSync(path.join(dir, `entry-${i}`), '');
    const t0 = performance.now();
    const entries = await listDir(fx.sftp, dir);
    const ms = performance.now() - t0;
    expect(entries.length).toBe(10_000);
    expect(new Set(entries.map((e) => e.name)).size).toBe(10_000);
    expect(ms).toBeLessThan(3_000);
  });

  it('handles odd names: spaces, quotes, unicode, a leading dash, glob characters', async () => {
    const dir = fresh();
    const names = ['a b', `q"u'o`, 'ünï 日本', '-rf', '*', '?[ab]', '\\back', 'new\nline'];
    for (const name of names) writeFileSync(path.join(dir, name), name);
    expect((await listDir(fx.sftp, dir)).map((e) => e.name).sort()).toEqual([...names].sort());
    for (const name of names) {
      await rename(fx.sftp, path.join(dir, name), path.join(dir, `${name}.moved`));
      await chmod(fx.sftp, path.join(dir, `${name}.moved`), 0o640);
      expect((await stat(fx.sftp, path.join(dir, `${name}.moved`))).mode).toBe(0o640);
    }
    await removeRecursive(fx.sftp, dir);
    expect(existsSync(dir)).toBe(false);
  });

  it('names the folder and the reason when it cannot list', async () => {
    const missing = path.join(fx.work, 'no-such-folder');
    const error = await failure(listDir(fx.sftp, missing));
    expect(error.code).toBe('not-found');
    expect(error.message).toContain(missing);
  });
});

describe('single operations', () => {
  it('realpath(".") is the login folder and stat follows links', async () => {
    expect(await realpath(fx.sftp, '.')).toBe(os.userInfo().homedir);
    const dir = fresh();
    writeFileSync(path.join(dir, 'f'), 'abc');
    symlinkSync('f', path.join(dir, 'l'));
    expect(await stat(fx.sftp, path.join(dir, 'l'))).toMatchObject({ name: 'l', kind: 'file', size: 3 });
    expect((await failure(stat(fx.sftp, path.join(dir, 'none')))).code).toBe('not-found');
  });

  it('mkdir creates with a mode, and says when the name is taken', async () => {
    const dir = fresh();
    await mkdir(fx.sftp, path.join(dir, 'new'), 0o700);
    expect(statSync(path.join(dir, 'new')).mode & 0o777).toBe(0o700);
    const error = await failure(mkdir(fx.sftp, path.join(dir, 'new')));
    expect(error.code).toBe('exists');
    expect(error.message).toContain(path.join(dir, 'new'));
    expect((await failure(mkdir(fx.sftp, path.join(dir, 'a', 'b')))).code).toBe('not-found');
  });

  it('rename moves a file, and refuses to land on a folder or a file, leaving the original', async () => {
    const dir = fresh();
    writeFileSync(path.join(dir, 'a'), 'A');
    await rename(fx.sftp, path.join(dir, 'a'), path.join(dir, 'b c'));
    expect(readFileSync(path.join(dir, 'b c'), 'utf8')).toBe('A');

    mkdirSync(path.join(dir, 'folder'));
    const ontoDir = await failure(rename(fx.sftp, path.join(dir, 'b c'), path.join(dir, 'folder')));
    expect(ontoDir.code).toBe('exists');
    expect(ontoDir.message).toContain('a folder named');
    writeFileSync(path.join(dir, 'other'), 'O');
    expect((await failure(rename(fx.sftp, path.join(dir, 'b c'), path.join(dir, 'other')))).code).toBe('exists');
    mkdirSync(path.join(dir, 'folder2'));
    expect((await failure(rename(fx.sftp, path.join(dir, 'folder2'), path.join(dir, 'folder')))).code).toBe('exists');
    expect(readFileSync(path.join(dir, 'b c'), 'utf8')).toBe('A');
    expect(readFileSync(path.join(dir, 'other'), 'utf8')).toBe('O');
    expect(readdirSync(dir).sort()).toEqual(['b c', 'folder', 'folder2', 'other']);

    // overwrite replaces a file, but still never a folder.
    await rename(fx.sftp, path.join(dir, 'b c'), path.join(dir, 'other'), { overwrite: true });
    expect(readFileSync(path.join(dir, 'other'), 'utf8')).toBe('A');
    expect((await failure(rename(fx.sftp, path.join(dir, 'other'), path.join(dir, 'folder'), { overwrite: true }))).code).toBe('exists');
    expect((await failure(rename(fx.sftp, path.join(dir, 'gone'), path.join(dir, 'x')))).code).toBe('not-found');
  });

  it('chmod sets the permission bits on disk', async () => {
    const dir = fresh();
    writeFileSync(path.join(dir, 'f'), '');
    for (const mode of [0o600, 0o755, 0o640, 0o4711]) {
      await chmod(fx.sftp, path.join(dir, 'f'), mode);
      expect(statSync(path.join(dir, 'f')).mode & 0o7777).toBe(mode);
    }
    expect((await failure(chmod(fx.sftp, path.join(dir, 'none'), 0o600))).code).toBe('not-found');
  });

  it('removeRecursive deletes files, folders and symlinks without following links', async () => {
    const dir = fresh();
    const outside = fresh();
    writeFileSync(path.join(outside, 'keep'), 'keep');
    const tree = path.join(dir, 'tree');
    mkdirSync(path.join(tree, 'a', 'b', 'c'), { recursive: true });
    mkdirSync(path.join(tree, 'empty'));
    for (let i = 0; i < 50; i++) writeFileSync(path.join(tree, 'a', 'b', `f${i}`), 'x');
    writeFileSync(path.join(tree, "odd 'name' *"), 'x');
    symlinkSync(outside, path.join(tree, 'a', 'link-out'));
    symlinkSync('nowhere', path.join(tree, 'broken'));
    await removeRecursive(fx.sftp, tree);
    expect(existsSync(tree)).toBe(false);
    expect(readFileSync(path.join(outside, 'keep'), 'utf8')).toBe('keep');

    writeFileSync(path.join(dir, 'single'), '');
    symlinkSync(outside, path.join(dir, 'dir-link'));
    await removeRecursive(fx.sftp, path.join(dir, 'single'));
    await removeRecursive(fx.sftp, path.join(dir, 'dir-link'));
    expect(readdirSync(dir)).toEqual([]);
    expect(lstatSync(outside).isDirectory()).toBe(true);
    expect((await failure(removeRecursive(fx.sftp, path.join(dir, 'none')))).code).toBe('not-found');
  });

  it('fails at once with connection-lost once the connection is gone, instead of hanging', async () => {
    const conn = await connectSftp(fx.sshd);
    const pending = listDir(conn.sftp, fx.work);
    conn.client.destroy();
    const during = await pending.then(() => null, (e: unknown) => e);
    // The listing may have beaten the destroy; if not, it must say why it failed.
    if (during) expect((during as AppError).code).toBe('connection-lost');
    await new Promise((r) => setTimeout(r, 50));
    const after = await failure(stat(conn.sftp, fx.work));
    expect(after.code).toBe('connection-lost');
    expect(after.message).toContain('Reconnect');
  });
});
