// Folder transfers against a real OpenSSH sshd.
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error';
import { randomFile, sha256File, snapshot, startSftpFixture, type SftpFixture } from '../../test-support/sftp-fixture';
import { PART_SUFFIX } from './transfer';
import { downloadTree, uploadTree, type TreeProgress } from './tree-transfer';
import { localPathIn } from './tree-walk';

let fx: SftpFixture;
const fresh = () => fx.fresh();

beforeAll(async () => {
  fx = await startSftpFixture();
});
afterAll(() => fx?.stop());

/** Nested folders, empty ones, odd names, an empty file, one larger file. */
function makeTree(root: string): void {
  for (const dir of ['a/b/c', 'a/empty', 'deep/1/2/3/4/5', 'odd name/ü [x]*', 'only-empty']) mkdirSync(path.join(root, dir), { recursive: true });
  let i = 0;
  for (const dir of ['', 'a', 'a/b', 'a/b/c', 'deep/1/2/3/4/5', 'odd name/ü [x]*']) {
    for (let k = 0; k < 5; k++) randomFile(path.join(root, dir, `f${i++}-${k}.bin`), 1 + ((i * 7919) % 9000));
  }
  writeFileSync(path.join(root, 'a', 'zero'), '');
  writeFileSync(path.join(root, "-dash 'q'.txt"), 'x');
  randomFile(path.join(root, 'a', 'big.bin'), 3 * 1024 * 1024 + 3);
}

describe('uploadTree / downloadTree', () => {
  it('round-trips nested folders, empty folders and every file byte for byte', async () => {
    const src = path.join(fresh(), 'src');
    makeTree(src);
    const remote = path.join(fresh(), 'remote');
    const last: TreeProgress[] = [];
    const up = await uploadTree(fx.sftp, src, remote, { onProgress: (p) => last.push(p) });
    expect(await snapshot(remote)).toEqual(await snapshot(src));
    expect(up.files).toBe(33);
    expect(up.dirs).toBe(14);
    expect(up.skipped).toEqual([]);
    expect(last.at(-1)).toEqual({ bytesDone: up.bytes, bytesTotal: up.bytes, filesDone: 33, filesTotal: 33 });
    expect(last.every((p, i) => i === 0 || p.bytesDone >= last[i - 1]!.bytesDone)).toBe(true);

    const back = path.join(fresh(), 'back');
    const down = await downloadTree(fx.sftp, remote, back);
    expect(await snapshot(back)).toEqual(await snapshot(src));
    expect(down).toEqual({ ...up, alreadyThere: 0 });
  });

  it('skips symlinks on both sides instead of following them (a symlink cycle cannot trap it), saying why, while siblings arrive', async () => {
    const src = path.join(fresh(), 'src');
    mkdirSync(path.join(src, 'sub', 'deeper'), { recursive: true });
    randomFile(path.join(src, 'sub', 'file'), 100_000);
    randomFile(path.join(src, 'sub', 'deeper', 'more'), 300_000);
    symlinkSync('..', path.join(src, 'sub', 'loop'));
    // A cycle of two links pointing at each other's folders.
    symlinkSync('../sub', path.join(src, 'sub', 'deeper', 'back'));
    symlinkSync('/etc', path.join(src, 'etc-link'));
    symlinkSync('file', path.join(src, 'sub', 'file-link'));
    const links = ['etc-link', 'sub/deeper/back', 'sub/file-link', 'sub/loop'].map((rel) => ({ rel, why: 'a symbolic link, not followed' }));
    const expected = { 'sub/': 'dir', 'sub/deeper/': 'dir', 'sub/file': await sha256File(path.join(src, 'sub', 'file')), 'sub/deeper/more': await sha256File(path.join(src, 'sub', 'deeper', 'more')) };
    const remote = path.join(fresh(), 'remote');
    const up = await uploadTree(fx.sftp, src, remote);
    expect(up.skipped).toEqual(links);
    expect(await snapshot(remote)).toEqual(expected);

    const back = path.join(fresh(), 'back');
    const down = await downloadTree(fx.sftp, src, back);
    expect(down.skipped).toEqual(links);
    expect(await snapshot(back)).toEqual(expected);
  });

  it('refuses to download into a local symlink that could lead outside the folder', async () => {
    const remote = path.join(fresh(), 'remote');
    mkdirSync(path.join(remote, 'escape'), { recursive: true });
    writeFileSync(path.join(remote, 'escape', 'payload'), 'x');
    const outside = fresh();
    const local = fresh();
    symlinkSync(outside, path.join(local, 'escape'));
    const error = await downloadTree(fx.sftp, remote, local).catch((e: unknown) => e);
    expect((error as AppError).code).toBe('unsafe-path');
    expect(readdirSync(outside)).toEqual([]);
  });

  it('a relative path that would leave the folder is refused', () => {
    expect(() => localPathIn('/tmp/x', '../y')).toThrow(/outside the chosen folder/);
    expect(localPathIn('/tmp/x', 'a/b')).toBe('/tmp/x/a/b');
  });

  it('runs many small files in parallel and reports files and bytes', async () => {
    const src = path.join(fresh(), 'src');
    for (let d = 0; d < 10; d++) {
      mkdirSync(path.join(src, `d${d}`, 'inner'), { recursive: true });
      for (let f = 0; f < 30; f++) writeFileSync(path.join(src, `d${d}`, f % 2 ? 'inner' : '', `f${f}`), Buffer.alloc(4096, d + f));
    }
    const remote = path.join(fresh(), 'remote');
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on('warning', onWarning);
    const t0 = performance.now();
    // A caller's signal shared by 16 files in flight must not trip Node's listener-leak warning.
    const up = await uploadTree(fx.sftp, src, remote, { parallel: 16, signal: new AbortController().signal });
    const ms = performance.now() - t0;
    await new Promise((r) => setImmediate(r));
    process.off('warning', onWarning);
    expect(warnings).toEqual([]);
    expect(up.files).toBe(300);
    expect(up.bytes).toBe(300 * 4096);
    expect(await snapshot(remote)).toEqual(await snapshot(src));
    expect(ms).toBeLessThan(10_000);
  });

  it('cancel stops the tree; resume finishes it, skipping files already complete', async () => {
    const src = path.join(fresh(), 'src');
    mkdirSync(src);
    for (let i = 0; i < 6; i++) randomFile(path.join(src, `f${i}`), 2 * 1024 * 1024);
    const remote = path.join(fresh(), 'remote');
    const abort = new AbortController();
    const error = await uploadTree(fx.sftp, src, remote, {
      signal: abort.signal,
      parallel: 2,
      onProgress: (p) => p.bytesDone > 5 * 1024 * 1024 && abort.abort(),
    }).catch((e: unknown) => e);
    expect((error as AppError).code).toBe('cancelled');
    const left = readdirSync(remote);
    expect(left.some((f) => f.endsWith(PART_SUFFIX))).toBe(true);
    expect(left.length).toBeLessThan(6);

    const result = await uploadTree(fx.sftp, src, remote, { resume: true });
    expect(result.alreadyThere).toBeGreaterThan(0);
    expect(await snapshot(remote)).toEqual(await snapshot(src));
  });

  it('a failure names the file and stops', async () => {
    const src = path.join(fresh(), 'src');
    mkdirSync(src);
    writeFileSync(path.join(src, 'a'), 'a');
    const remote = path.join(fresh(), 'remote');
    mkdirSync(path.join(remote, 'a'), { recursive: true }); // a folder where the file must go
    const error = (await uploadTree(fx.sftp, src, remote).catch((e: unknown) => e)) as AppError;
    expect(error.code).toBe('is-a-folder');
    expect(error.message).toContain(path.join(remote, 'a'));
    expect(existsSync(path.join(remote, `a${PART_SUFFIX}`))).toBe(false);
    expect(lstatSync(path.join(remote, 'a')).isDirectory()).toBe(true);
    expect(readFileSync(path.join(src, 'a'), 'utf8')).toBe('a');
  });

  it('a download into a folder that was already there still refuses a folder in a small file\'s place', async () => {
    const remote = path.join(fresh(), 'remote');
    mkdirSync(path.join(remote, 'sub'), { recursive: true });
    writeFileSync(path.join(remote, 'sub', 'a'), 'a');
    const local = path.join(fresh(), 'local');
    mkdirSync(path.join(local, 'sub', 'a'), { recursive: true }); // a folder where the file must go
    const error = (await downloadTree(fx.sftp, remote, local).catch((e: unknown) => e)) as AppError;
    expect(error.code).toBe('is-a-folder');
    expect(error.message).toContain(path.join(local, 'sub', 'a'));
    expect(lstatSync(path.join(local, 'sub', 'a')).isDirectory()).toBe(true);
    expect(existsSync(path.join(local, 'sub', `a${PART_SUFFIX}`))).toBe(false);
  });
});
