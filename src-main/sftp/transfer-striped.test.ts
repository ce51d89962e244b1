// One large file striped across several SFTP channels over an emulated long
// link (a 50 ms round trip through test-support/wan-proxy.ts in front of the
// real sshd): it arrives byte for byte, its written ranges are kept beside the
// part while it runs, and a transfer killed midway (SIGKILL, no last save)
// resumes from those ranges to a byte-identical file.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256File, startFarSftpFixture, type FarSftpFixture } from '../../test-support/sftp-fixture';
import { startWanProxy } from '../../test-support/wan-proxy';
import { covered, decodeRecord, type RangeRecord } from './ranges';
import { PART_SUFFIX, RANGES_SUFFIX, downloadFile, uploadFile, type TransferOptions } from './transfer';

const MiB = 1024 * 1024;
const SIZE = 16 * MiB;
const CHILD = fileURLToPath(new URL('../../test-support/transfer-child.ts', import.meta.url));

let fx: FarSftpFixture;
let source: { file: string; sha256: string };

beforeAll(async () => {
  fx = await startFarSftpFixture(50);
  source = await fx.source(SIZE);
}, 30_000);
afterAll(() => fx?.stop());

type Direction = 'upload' | 'download';
const copy = (direction: Direction, from: string, to: string, opts: TransferOptions = {}) =>
  direction === 'upload' ? uploadFile(fx.far.sftp, from, to, opts) : downloadFile(fx.far.sftp, from, to, opts);

/** Reads `<part>.ranges` (remote paths are local ones on this test machine). */
function record(target: string): RangeRecord | null {
  const file = target + PART_SUFFIX + RANGES_SUFFIX;
  return existsSync(file) ? decodeRecord(readFileSync(file, 'utf8')) : null;
}

describe.each<Direction>(['download', 'upload'])('striped %s at 50 ms', (direction) => {
  it('arrives byte-identical, with a ranges record beside the part whenever the part holds data', async () => {
    const target = path.join(fx.fresh(), 'big.bin');
    const recordFile = target + PART_SUFFIX + RANGES_SUFFIX;
    let checks = 0;
    let partWithoutRecord = 0;
    // Default options: a 50 ms link and 16 MiB choose striping on their own.
    await copy(direction, source.file, target, {
      onProgress: () => {
        // Part bytes without a record would resume as a prefix, holes and all.
        const part = existsSync(target + PART_SUFFIX) ? statSync(target + PART_SUFFIX).size : 0;
        if (part === 0) return;
        checks++;
        if (!existsSync(recordFile)) partWithoutRecord++;
      },
    });
    expect(checks).toBeGreaterThan(0);
    expect(partWithoutRecord).toBe(0);
    expect(await sha256File(target)).toBe(source.sha256);
    expect(existsSync(target + PART_SUFFIX)).toBe(false);
    expect(existsSync(target + PART_SUFFIX + RANGES_SUFFIX)).toBe(false);
  }, 60_000);

  it('killed midway, resumes from the recorded ranges to a byte-identical file', async () => {
    // A slow link, so the kill lands mid-file: 16 MiB at 2 MB/s is ~8 s. (An
    // upload's saves queue behind megabytes of data on it, so they arrive late.)
    const slow = await startWanProxy({ targetPort: fx.sshd.port, rttMs: 50, mbps: 2 });
    const target = path.join(fx.fresh(), 'big.bin');
    let saved: RangeRecord | null = null;
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', CHILD, String(slow.port), fx.sshd.user, fx.sshd.clientKeyPath, direction, source.file, target, '4'], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const exited = new Promise((resolve) => child.once('exit', resolve));
      // Kill once a save holds out-of-order ranges: pieces from several lanes, not one prefix.
      await expect
        .poll(() => {
          saved = record(target);
          return saved !== null && saved.done.some(([start]) => start > 0) && covered(saved.done) < SIZE;
        }, { timeout: 30_000, interval: 20 })
        .toBe(true);
      child.kill('SIGKILL');
      await exited;
    } finally {
      await slow.close();
    }
    expect(existsSync(target)).toBe(false);
    const kept = covered(record(target)!.done);
    expect(kept).toBeGreaterThan(0);

    const result = await copy(direction, source.file, target, { resume: true });
    expect(result.resumedFrom).toBe(kept);
    expect(statSync(target).size).toBe(SIZE);
    expect(await sha256File(target)).toBe(source.sha256);
    expect(existsSync(target + PART_SUFFIX + RANGES_SUFFIX)).toBe(false);
  }, 90_000);
});

describe.each<Direction>(['download', 'upload'])('%s of a file whose ranges record would not fit a name', (direction) => {
  // The part's name fits the file system's 255 bytes; `<part>.ranges.new` does not.
  const longName = () => path.join(fx.fresh(), 'n'.repeat(255 - PART_SUFFIX.length));

  it('is copied in order and arrives whole', async () => {
    const target = longName();
    await copy(direction, source.file, target);
    expect(await sha256File(target)).toBe(source.sha256);
    expect(existsSync(target + PART_SUFFIX)).toBe(false);
  }, 60_000);

  if (direction === 'upload') {
    it('striped anyway, fails and leaves no part data that a resume could take for a prefix', async () => {
      const target = longName();
      const error = await copy(direction, source.file, target, { stripes: 4 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect(existsSync(target)).toBe(false);
      // The first lane writes without waiting for the record; once it is refused the part is emptied.
      expect(statSync(target + PART_SUFFIX).size).toBe(0);
    }, 60_000);
  }
});
