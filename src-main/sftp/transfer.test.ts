// Single-file transfers against a real OpenSSH sshd (internal-sftp).
import { existsSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure, startSftpFixture, sha256File, type SftpFixture } from '../../test-support/sftp-fixture';
import { OVERLAP_BYTES, PART_SUFFIX, downloadFile, uploadFile, type TransferOptions } from './transfer';

const SIZE = 20 * 1024 * 1024 + 12_345; // not a multiple of the chunk size
let fx: SftpFixture;
let source: string;
let sourceHash: string;
let sourceBytes: Buffer;
const fresh = () => fx.fresh();

beforeAll(async () => {
  fx = await startSftpFixture();
  ({ file: source, sha256: sourceHash } = await fx.source(SIZE));
  sourceBytes = readFileSync(source);
});
afterAll(() => fx?.stop());

/** Records every onProgress call. */
function progressLog(): { calls: [number, number][]; opts: TransferOptions } {
  const calls: [number, number][] = [];
  return { calls, opts: { onProgress: (done, total) => calls.push([done, total]) } };
}

describe('upload and download', () => {
  it('round-trips a 20 MiB random file byte for byte and leaves no part behind', async () => {
    const dir = fresh();
    const up = progressLog();
    const result = await uploadFile(fx.sftp, source, path.join(dir, 'up.bin'), up.opts);
    expect(result).toEqual({ total: SIZE, resumedFrom: 0, transferred: SIZE });
    expect(await sha256File(path.join(dir, 'up.bin'))).toBe(sourceHash);
    expect(up.calls.at(-1)).toEqual([SIZE, SIZE]);
    // Progress only moves forward.
    expect(up.calls.every(([d], i) => i === 0 || d >= up.calls[i - 1]![0])).toBe(true);

    await downloadFile(fx.sftp, path.join(dir, 'up.bin'), path.join(dir, 'down.bin'));
    expect(await sha256File(path.join(dir, 'down.bin'))).toBe(sourceHash);
    expect(readdirSync(dir).sort()).toEqual(['down.bin', 'up.bin']);
  });

  it('replaces an existing file at the target in one step', async () => {
    const dir = fresh();
    writeFileSync(path.join(dir, 'x'), 'old');
    writeFileSync(path.join(dir, 'y'), 'old');
    await uploadFile(fx.sftp, source, path.join(dir, 'x'));
    await downloadFile(fx.sftp, source, path.join(dir, 'y'));
    expect(await sha256File(path.join(dir, 'x'))).toBe(sourceHash);
    expect(await sha256File(path.join(dir, 'y'))).toBe(sourceHash);
  });

  it('copies empty files', async () => {
    const dir = fresh();
    writeFileSync(path.join(dir, 'empty'), '');
    await uploadFile(fx.sftp, path.join(dir, 'empty'), path.join(dir, 'up'));
    await downloadFile(fx.sftp, path.join(dir, 'up'), path.join(dir, 'down'));
    expect(statSync(path.join(dir, 'down')).size).toBe(0);
  });

  it('handles odd names: spaces, quotes, unicode, a leading dash, glob characters', async () => {
    const dir = fresh();
    for (const name of ['with space.txt', `quo"te's.txt`, 'ünï cødé 日本.txt', '-leading-dash', 'glob*?[ab].txt', '$(echo no).txt']) {
      const local = path.join(dir, `l-${name}`);
      writeFileSync(local, name);
      await uploadFile(fx.sftp, local, path.join(dir, name));
      await downloadFile(fx.sftp, path.join(dir, name), path.join(dir, `d-${name}`));
      expect(readFileSync(path.join(dir, `d-${name}`), 'utf8')).toBe(name);
    }
    expect(readdirSync(dir).some((f) => f.endsWith(PART_SUFFIX))).toBe(false);
  });

  it('refuses a folder in the way, and a missing source leaves nothing behind', async () => {
    const dir = fresh();
    mkdirSync(path.join(dir, 'folder'));
    expect((await failure(uploadFile(fx.sftp, source, path.join(dir, 'folder')))).code).toBe('is-a-folder');
    expect((await failure(downloadFile(fx.sftp, source, path.join(dir, 'folder')))).code).toBe('is-a-folder');
    symlinkSync('folder', path.join(dir, 'link-to-folder'));
    expect((await failure(uploadFile(fx.sftp, source, path.join(dir, 'link-to-folder')))).code).toBe('is-a-folder');
    expect(readdirSync(dir).sort()).toEqual(['folder', 'link-to-folder']);
    rmSync(path.join(dir, 'link-to-folder'));

    const up = await failure(uploadFile(fx.sftp, path.join(dir, 'nope'), path.join(dir, 'a')));
    expect(up.code).toBe('not-found');
    expect(up.message).toContain(path.join(dir, 'nope'));
    const down = await failure(downloadFile(fx.sftp, path.join(dir, 'nope'), path.join(dir, 'b')));
    expect(down.code).toBe('not-found');
    expect(down.message).toContain(path.join(dir, 'nope'));
    expect(readdirSync(dir)).toEqual(['folder']);
  });
});

describe('resume', () => {
  const offsets = [0, 1, 1024, 1024 * 1024, SIZE - 1, SIZE];

  for (const direction of ['upload', 'download'] as const) {
    const run = direction === 'upload' ? uploadFile : downloadFile;

    it.each(offsets)(`${direction} continues a .warren-part of %i correct bytes without re-sending them`, async (offset) => {
      const target = path.join(fresh(), 'target.bin');
      writeFileSync(target + PART_SUFFIX, sourceBytes.subarray(0, offset));
      const { calls, opts } = progressLog();
      const result = await run(fx.sftp, source, target, { ...opts, resume: true });
      expect(result).toEqual({ total: SIZE, resumedFrom: offset, transferred: SIZE - offset });
      expect(calls[0]).toEqual([offset, SIZE]);
      expect(await sha256File(target)).toBe(sourceHash);
      expect(existsSync(target + PART_SUFFIX)).toBe(false);
    });

    it(`${direction} keeps the bytes already in the part: only the last MiB before the offset is compared (a corruption before it stays)`, async () => {
      const target = path.join(fresh(), 'target.bin');
      const prefix = Buffer.from(sourceBytes.subarray(0, OVERLAP_BYTES + 4096));
      prefix[100] = prefix[100]! ^ 0xff;
      writeFileSync(target + PART_SUFFIX, prefix);
      expect((await run(fx.sftp, source, target, { resume: true })).resumedFrom).toBe(prefix.length);
      const result = readFileSync(target);
      expect(result[100]).toBe(prefix[100]);
      result[100] = sourceBytes[100]!;
      expect(result.equals(sourceBytes)).toBe(true);
    });

    it(`${direction} starts over when the part differs from the source within the last MiB before the offset`, async () => {
      const target = path.join(fresh(), 'target.bin');
      const prefix = Buffer.from(sourceBytes.subarray(0, OVERLAP_BYTES + 4096));
      prefix[prefix.length - 1] = prefix[prefix.length - 1]! ^ 0xff;
      writeFileSync(target + PART_SUFFIX, prefix);
      expect((await run(fx.sftp, source, target, { resume: true })).resumedFrom).toBe(0);
      expect(await sha256File(target)).toBe(sourceHash);
    });

    it(`${direction} without resume, or with a part longer than the source, starts over`, async () => {
      const target = path.join(fresh(), 'target.bin');
      writeFileSync(target + PART_SUFFIX, Buffer.alloc(1000, 1));
      expect((await run(fx.sftp, source, target)).resumedFrom).toBe(0);
      writeFileSync(target + PART_SUFFIX, Buffer.alloc(SIZE + 1, 1));
      expect((await run(fx.sftp, source, target, { resume: true })).resumedFrom).toBe(0);
      expect(await sha256File(target)).toBe(sourceHash);
    });

    it(`${direction} cancelled mid-way stops, keeps only a correct .warren-part, and resumes from it`, async () => {
      const dir = fresh();
      const target = path.join(dir, 'target.bin');
      const abort = new AbortController();
      let at = 0;
      const error = await failure(
        run(fx.sftp, source, target, {
          signal: abort.signal,
          onProgress: (done) => {
            if (done < 4 * 1024 * 1024 || abort.signal.aborted) return;
            at = performance.now();
            abort.abort();
          },
        }),
      );
      expect(performance.now() - at).toBeLessThan(1000);
      expect(error.code).toBe('cancelled');
      expect(error.message).toContain(PART_SUFFIX);
      expect(readdirSync(dir)).toEqual([`target.bin${PART_SUFFIX}`]);
      const part = readFileSync(target + PART_SUFFIX);
      expect(part.length).toBeGreaterThanOrEqual(4 * 1024 * 1024);
      expect(part.length).toBeLessThan(SIZE);
      expect(part.equals(sourceBytes.subarray(0, part.length))).toBe(true);

      const result = await run(fx.sftp, source, target, { resume: true });
      expect(result.resumedFrom).toBe(part.length);
      expect(await sha256File(target)).toBe(sourceHash);
    });

    it(`${direction} with an already-aborted signal touches nothing`, async () => {
      const dir = fresh();
      const error = await failure(run(fx.sftp, source, path.join(dir, 'x'), { signal: AbortSignal.abort() }));
      expect(error.code).toBe('cancelled');
      expect(readdirSync(dir)).toEqual([]);
    });
  }
});
