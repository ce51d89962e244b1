// Many small files in nested folders over an emulated long link (a 50 ms
// round trip through test-support/wan-proxy.ts in front of the real sshd):
// the short small-file paths (small-file.ts), the pipelined listings and the
// adaptive number of files in flight must still deliver every byte, and a
// cancel midway must leave a tree that resumes to the same bytes.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error';
import { randomFile, sha256File, snapshot, startFarSftpFixture, type FarSftpFixture } from '../../test-support/sftp-fixture';
import { downloadSmall } from './small-file';
import { PART_SUFFIX } from './transfer';
import { downloadTree, uploadTree } from './tree-transfer';

let fx: FarSftpFixture;

beforeAll(async () => {
  fx = await startFarSftpFixture(50);
}, 30_000);
afterAll(() => fx?.stop());

/** 10 × 4 folders of small files (empty ones, one byte, ~4 KiB, just under and over one request) and an empty folder. */
function makeTree(root: string, files: number): void {
  const sizes = [0, 1, 4096, 4095, 9000, 255 * 1024 - 1, 255 * 1024, 300 * 1024];
  for (let i = 0; i < files; i++) {
    const dir = path.join(root, `d${i % 10}`, `s${Math.floor(i / 10) % 4}`);
    mkdirSync(dir, { recursive: true });
    randomFile(path.join(dir, `f${i}.bin`), i < sizes.length ? sizes[i]! : 4096 + (i % 97));
  }
  mkdirSync(path.join(root, 'empty', 'inner'), { recursive: true });
}

describe('a tree of small files at 50 ms', () => {
  it('uploads and downloads back byte-identical (sha256), files many at a time', async () => {
    const src = path.join(fx.fresh(), 'src');
    makeTree(src, 400);
    const remote = path.join(fx.fresh(), 'remote');
    const t0 = performance.now();
    const up = await uploadTree(fx.far.sftp, src, remote);
    const upMs = performance.now() - t0;
    expect(up.files).toBe(400);
    expect(await snapshot(remote)).toEqual(await snapshot(src));

    const back = path.join(fx.fresh(), 'back');
    const t1 = performance.now();
    const down = await downloadTree(fx.far.sftp, remote, back);
    const downMs = performance.now() - t1;
    expect(down.files).toBe(400);
    expect(await snapshot(back)).toEqual(await snapshot(src));
    // One file at a time is ≥ 3 round trips each, 60 s for 400; the bound is loose for a loaded machine but not for that.
    expect(upMs).toBeLessThan(30_000);
    expect(downMs).toBeLessThan(30_000);
  }, 120_000);

  it('a cancel midway stops it, and a resume finishes it byte-identical', async () => {
    const src = path.join(fx.fresh(), 'src');
    makeTree(src, 300);
    for (const [direction, target] of [['upload', path.join(fx.fresh(), 'up')], ['download', path.join(fx.fresh(), 'down')]] as const) {
      const from = direction === 'upload' ? src : path.join(fx.fresh(), 'remote-src');
      if (direction === 'download') await uploadTree(fx.far.sftp, src, from);
      const run = (opts: Parameters<typeof uploadTree>[3]) => (direction === 'upload' ? uploadTree(fx.far.sftp, from, target, opts) : downloadTree(fx.far.sftp, from, target, opts));
      const abort = new AbortController();
      const error = await run({ signal: abort.signal, onProgress: (p) => p.filesDone >= 40 && abort.abort() }).catch((e: unknown) => e);
      expect((error as AppError).code).toBe('cancelled');
      const result = await run({ resume: true });
      expect(result.alreadyThere).toBeGreaterThan(0);
      const after = await snapshot(target);
      expect(Object.keys(after).filter((name) => name.endsWith(PART_SUFFIX))).toEqual([]);
      expect(after).toEqual(await snapshot(src));
    }
  }, 120_000);

  it('a small file that is not the size its listing said is left alone for the plain path', async () => {
    const dir = fx.fresh();
    const remote = path.join(dir, 'grew.bin');
    writeFileSync(remote, Buffer.alloc(5000, 1));
    const local = path.join(dir, 'local.bin');
    expect(await downloadSmall(fx.far.sftp, remote, local, { size: 4000, mode: 0o644 })).toBe(false);
    expect(await downloadSmall(fx.far.sftp, remote, local, { size: 6000, mode: 0o644 })).toBe(false);
    expect(readdirSync(dir)).toEqual(['grew.bin']);
    expect(await downloadSmall(fx.far.sftp, remote, local, { size: 5000, mode: 0o644 })).toBe(true);
    expect(await sha256File(local)).toBe(await sha256File(remote));
  }, 60_000);
});
