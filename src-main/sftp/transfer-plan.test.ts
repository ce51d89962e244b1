// Whether a large file on what looks like a long link is striped: the job
// starts at once on the round trips timed so far, and one more (an fstat sent
// ahead of the lanes' first requests) decides whether the extra lanes join.
// Real sshd behind test-support/wan-proxy.ts, whose round trip a test drops to
// nothing midway (a link that only looked long: a busy machine on loopback).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { serverHandlesOn, sha256File, startFarSftpFixture, type FarSftpFixture } from '../../test-support/sftp-fixture';
import { call } from './sftp-errors';
import { PART_SUFFIX, RANGES_SUFFIX, STRIPES, downloadFile, planStripes, uploadFile } from './transfer';

const MiB = 1024 * 1024;
const SIZE = 16 * MiB;
const RTT = 30;

let fx: FarSftpFixture;
let source: { file: string; sha256: string };

beforeAll(async () => {
  fx = await startFarSftpFixture(RTT);
  source = await fx.source(SIZE);
}, 30_000);
beforeEach(() => fx.wan.setRtt!(RTT));
afterAll(() => fx?.stop());

/** A handle on the source, closed after the test. */
async function openSource(): Promise<Buffer> {
  const handle = await call<Buffer>(fx.far.sftp, (cb) => fx.far.sftp.open(source.file, 'r', cb));
  onTestFinished(() => call(fx.far.sftp, (cb) => fx.far.sftp.close(handle, cb)));
  return handle;
}
const partIn = (dir: string) => path.join(dir, 'big.bin') + PART_SUFFIX;

describe('planStripes', () => {
  it('confirms the planned lanes while the link stays long', async () => {
    const handle = await openSource();
    const { planned, confirmed } = planStripes(fx.far.sftp, handle, RTT, {}, SIZE, 'read', partIn(fx.fresh()));
    expect(planned).toBe(STRIPES.read);
    expect(await confirmed).toBe(STRIPES.read);
  });

  it('keeps the extra lanes out when the next round trip is short', async () => {
    const handle = await openSource();
    fx.wan.setRtt!(0);
    const { planned, confirmed } = planStripes(fx.far.sftp, handle, RTT, {}, SIZE, 'write', partIn(fx.fresh()));
    expect(planned).toBe(STRIPES.write);
    expect(await confirmed).toBe(1);
  });

  it('plans one lane, with nothing to confirm, for a file too small to stripe', async () => {
    const handle = await openSource();
    const { planned, confirmed } = planStripes(fx.far.sftp, handle, RTT, {}, 1 * MiB, 'read', partIn(fx.fresh()));
    expect(planned).toBe(1);
    expect(await confirmed).toBe(1);
  });
});

describe.each(['download', 'upload'] as const)('a %s planned for lanes that are not confirmed', (direction) => {
  it('runs on its first lane, keeps its ranges record meanwhile, and arrives whole', async () => {
    const target = path.join(fx.fresh(), 'big.bin');
    const recordFile = target + PART_SUFFIX + RANGES_SUFFIX;
    let recorded = false;
    const opts = {
      // The job has started on the plan; the confirming fstat is on its way and comes back at once.
      onSource: () => fx.wan.setRtt!(0),
      onProgress: () => (recorded ||= existsSync(recordFile)),
    };
    await (direction === 'upload' ? uploadFile(fx.far.sftp, source.file, target, opts) : downloadFile(fx.far.sftp, source.file, target, opts));
    expect(recorded).toBe(true);
    expect(await sha256File(target)).toBe(source.sha256);
    expect(existsSync(target + PART_SUFFIX)).toBe(false);
    expect(existsSync(recordFile)).toBe(false);
    // The extra channels were asked for early (a download's also opened the file): let go, none keeps a handle on the server.
    await expect.poll(() => serverHandlesOn(fx.sshd, [source.file, target, target + PART_SUFFIX]), { timeout: 2_000 }).toBe(0);
  }, 60_000);
});
