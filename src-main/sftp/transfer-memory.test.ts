// A 2 GiB transfer each way must stream, not buffer: the process may grow by
// at most ~50 MB while it runs (issues 4 and 17), on one channel and striped
// over six. The sources are sparse, so making them costs nothing; sshd still
// reads and writes every byte.
import { closeSync, openSync, ftruncateSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSftpFixture, type SftpFixture } from '../../test-support/sftp-fixture';
import { downloadFile, uploadFile, type TransferOptions } from './transfer';

const SIZE = 2 * 1024 * 1024 * 1024;
const LIMIT = 50 * 1024 * 1024;
const WARM_SIZE = 64 * 1024 * 1024;
/** 8 GiB move in the two cases together; a loaded two-core machine may need minutes. */
const TIMEOUT_MS = 600_000;
let fx: SftpFixture;

beforeAll(async () => {
  fx = await startSftpFixture();
});
afterAll(() => fx?.stop());

/** Runs `work`, sampling resident memory; resolves with the peak growth over the start. */
async function peakGrowth(work: () => Promise<unknown>): Promise<number> {
  const base = process.memoryUsage.rss();
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return Math.max(peak, process.memoryUsage.rss()) - base;
}

/** A file of `bytes` that reads as zeros and takes no disk space. */
function sparseFile(name: string, bytes: number): string {
  const file = path.join(fx.work, name);
  const fd = openSync(file, 'w');
  try {
    ftruncateSync(fd, bytes);
  } finally {
    closeSync(fd);
  }
  return file;
}

/**
 * Uploads a sparse `SIZE` file and downloads it again, each measured by
 * peakGrowth, after one small round the same way, so one-time costs (code,
 * ssh2's and the extra channels' buffers) are not counted as growth.
 */
async function roundTrip(name: string, opts: TransferOptions): Promise<{ up: number; down: number }> {
  const source = sparseFile(`${name}.bin`, SIZE);
  const remote = path.join(fx.fresh(), `${name}-up.bin`);
  const back = path.join(fx.work, `${name}-back.bin`);
  const warm = sparseFile(`${name}-warm.bin`, WARM_SIZE);
  await uploadFile(fx.sftp, warm, `${remote}.warm`, opts);
  await downloadFile(fx.sftp, `${remote}.warm`, `${back}.warm`, opts);

  try {
    const up = await peakGrowth(() => uploadFile(fx.sftp, source, remote, opts));
    expect(statSync(remote).size).toBe(SIZE);
    const down = await peakGrowth(() => downloadFile(fx.sftp, remote, back, opts));
    expect(statSync(back).size).toBe(SIZE);
    console.log(`2 GiB ${name}: RSS growth upload ${(up / 1e6).toFixed(1)} MB, download ${(down / 1e6).toFixed(1)} MB (limit ${(LIMIT / 1e6).toFixed(0)} MB)`);
    return { up, down };
  } finally {
    // The copies are real (4 GiB a case): not left for the next case to find room beside.
    for (const file of [remote, back]) rmSync(file, { force: true });
  }
}

it('uploads and downloads 2 GiB with the process growing less than 50 MB', async () => {
  const { up, down } = await roundTrip('plain', { stripes: 1 });
  expect(up).toBeLessThan(LIMIT);
  expect(down).toBeLessThan(LIMIT);
}, TIMEOUT_MS);

it('striped over six channels, 2 GiB each way also grows the process by less than 50 MB', async () => {
  const { up, down } = await roundTrip('striped', { stripes: 6 });
  expect(up).toBeLessThan(LIMIT);
  expect(down).toBeLessThan(LIMIT);
}, TIMEOUT_MS);
