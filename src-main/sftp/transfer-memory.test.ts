// A 2 GiB transfer each way must stream, not buffer: the process may grow by
// at most ~50 MB while it runs (issue 4). The source is sparse, so making it
// costs nothing; sshd still reads and writes every byte.
import { closeSync, openSync, ftruncateSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSftpFixture, type SftpFixture } from '../../test-support/sftp-fixture';
import { downloadFile, uploadFile } from './transfer';

const SIZE = 2 * 1024 * 1024 * 1024;
const LIMIT = 50 * 1024 * 1024;
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

it('uploads and downloads 2 GiB with the process growing less than 50 MB', async () => {
  const source = path.join(fx.work, 'sparse.bin');
  const fd = openSync(source, 'w');
  ftruncateSync(fd, SIZE);
  closeSync(fd);
  const remote = path.join(fx.fresh(), 'up.bin');
  const back = path.join(fx.work, 'back.bin');

  // One small round first, so one-time costs (code, ssh2's buffers) are not counted as growth.
  const warm = path.join(fx.work, 'warm.bin');
  const wfd = openSync(warm, 'w');
  ftruncateSync(wfd, 64 * 1024 * 1024);
  closeSync(wfd);
  await uploadFile(fx.sftp, warm, `${remote}.warm`);
  await downloadFile(fx.sftp, `${remote}.warm`, `${back}.warm`);

  const up = await peakGrowth(() => uploadFile(fx.sftp, source, remote));
  expect(statSync(remote).size).toBe(SIZE);
  const down = await peakGrowth(() => downloadFile(fx.sftp, remote, back));
  expect(statSync(back).size).toBe(SIZE);

  console.log(`2 GiB: RSS growth upload ${(up / 1e6).toFixed(1)} MB, download ${(down / 1e6).toFixed(1)} MB (limit ${(LIMIT / 1e6).toFixed(0)} MB)`);
  expect(up).toBeLessThan(LIMIT);
  expect(down).toBeLessThan(LIMIT);
}, 120_000);

it('striped over six channels, 1 GiB each way also grows the process by less than 50 MB', async () => {
  const size = 1024 * 1024 * 1024;
  const source = path.join(fx.work, 'sparse-striped.bin');
  const fd = openSync(source, 'w');
  ftruncateSync(fd, size);
  closeSync(fd);
  const remote = path.join(fx.fresh(), 'up-striped.bin');
  const back = path.join(fx.work, 'back-striped.bin');
  // As above: one small striped round first, so the extra channels' one-time buffers are not counted as growth.
  const warm = path.join(fx.work, 'warm-striped.bin');
  const wfd = openSync(warm, 'w');
  ftruncateSync(wfd, 64 * 1024 * 1024);
  closeSync(wfd);
  await uploadFile(fx.sftp, warm, `${remote}.warm`, { stripes: 6 });
  await downloadFile(fx.sftp, `${remote}.warm`, `${back}.warm`, { stripes: 6 });

  const up = await peakGrowth(() => uploadFile(fx.sftp, source, remote, { stripes: 6 }));
  expect(statSync(remote).size).toBe(size);
  const down = await peakGrowth(() => downloadFile(fx.sftp, remote, back, { stripes: 6 }));
  expect(statSync(back).size).toBe(size);
  console.log(`1 GiB striped: RSS growth upload ${(up / 1e6).toFixed(1)} MB, download ${(down / 1e6).toFixed(1)} MB`);
  expect(up).toBeLessThan(LIMIT);
  expect(down).toBeLessThan(LIMIT);
}, 120_000);
