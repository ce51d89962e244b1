// Transfers when things go wrong: permissions, a full disk, a connection that
// dies mid-transfer. Real sshd, real kills.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir } from './remote-fs';
import { localError, remoteError, STATUS } from './sftp-errors';
import { connectSftp, failure, killSessions, sha256File, startSftpFixture, type SftpFixture } from '../../test-support/sftp-fixture';
import { PART_SUFFIX, downloadFile, uploadFile } from './transfer';

const root = process.getuid?.() === 0;
const SIZE = 64 * 1024 * 1024;
let fx: SftpFixture;
let source: string;
let sourceHash: string;
const fresh = () => fx.fresh();

beforeAll(async () => {
  fx = await startSftpFixture();
  ({ file: source, sha256: sourceHash } = await fx.source(SIZE));
}, 60_000);
afterAll(() => fx?.stop());

/** True when a part holds exactly the first bytes of the source. */
function isPrefix(part: string): boolean {
  const bytes = readFileSync(part);
  return bytes.equals(readFileSync(source).subarray(0, bytes.length));
}

describe('permissions', () => {
  it.skipIf(root)('upload into a 0500 folder fails with permission-denied and leaves nothing (skipped as root: root ignores permission bits)', async () => {
    const dir = fresh();
    chmodSync(dir, 0o500);
    try {
      const error = await failure(uploadFile(fx.sftp, source, path.join(dir, 'x')));
      expect(error.code).toBe('permission-denied');
      expect(error.message).toContain(path.join(dir, 'x'));
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      chmodSync(dir, 0o700);
    }
  });

  it('a server that refuses writes (internal-sftp -R, works as root too) gives permission-denied and no stray file', async () => {
    const readOnly = await startSftpFixture({ config: ['ForceCommand internal-sftp -R'] });
    try {
      const dir = fresh();
      const error = await failure(uploadFile(readOnly.sftp, source, path.join(dir, 'x')));
      expect(error.code).toBe('permission-denied');
      expect(error.message).toContain(path.join(dir, 'x'));
      expect(error.message).toContain('denied permission');
      expect((await failure(mkdir(readOnly.sftp, path.join(dir, 'sub')))).code).toBe('permission-denied');
      expect(readdirSync(dir)).toEqual([]);
      // Reading is still allowed.
      await downloadFile(readOnly.sftp, source, path.join(dir, 'copy'));
      expect(await sha256File(path.join(dir, 'copy'))).toBe(sourceHash);
    } finally {
      await readOnly.stop();
    }
  });
});

/** A 1 MiB tmpfs, when this machine lets us mount one (root with CAP_SYS_ADMIN). */
function tinyDisk(): string | null {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'warren-full-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir], { stdio: 'ignore' });
    return dir;
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
}

/** Unmounts and removes a tinyDisk. */
function dropDisk(dir: string): void {
  execFileSync('umount', [dir]);
  rmSync(dir, { recursive: true, force: true });
}

/** Whether tinyDisk works here; nothing stays mounted after asking. */
function canMountTinyDisk(): boolean {
  const probe = root ? tinyDisk() : null;
  if (probe) dropDisk(probe);
  return probe !== null;
}

describe('disk full', () => {
  // Mounted only when one of its tests runs: a run that filters them all out would not run afterAll either, and the mount would stay.
  const mountable = canMountTinyDisk();
  let disk: string | null = null;
  beforeAll(() => {
    if (mountable) disk = tinyDisk();
  });
  afterAll(() => {
    if (disk) dropDisk(disk);
  });

  it.skipIf(!mountable)('upload onto a full server disk fails with write-failed, keeping a correct part (skipped unless a tmpfs can be mounted)', async () => {
    const error = await failure(uploadFile(fx.sftp, source, path.join(disk!, 'up.bin')));
    expect(error.code).toBe('write-failed');
    expect(error.message).toContain(path.join(disk!, 'up.bin'));
    expect(error.message).toContain('disk is full');
    expect(readdirSync(disk!)).toEqual([`up.bin${PART_SUFFIX}`]);
    expect(isPrefix(path.join(disk!, `up.bin${PART_SUFFIX}`))).toBe(true);
    rmSync(path.join(disk!, `up.bin${PART_SUFFIX}`));
  });

  it.skipIf(!mountable)('download onto a full local disk fails with disk-full (skipped unless a tmpfs can be mounted)', async () => {
    const error = await failure(downloadFile(fx.sftp, source, path.join(disk!, 'down.bin')));
    expect(error.code).toBe('disk-full');
    expect(error.message).toContain(path.join(disk!, 'down.bin'));
    expect(readdirSync(disk!)).toEqual([`down.bin${PART_SUFFIX}`]);
    expect(isPrefix(path.join(disk!, `down.bin${PART_SUFFIX}`))).toBe(true);
  });

  it('maps ENOSPC, EDQUOT and SFTP FAILURE on write to messages that say what to do', () => {
    const enospc = Object.assign(new Error('x'), { code: 'ENOSPC' });
    expect(localError(enospc, 'download a to', '/b').code).toBe('disk-full');
    expect(localError(Object.assign(new Error('x'), { code: 'EDQUOT' }), 'download a to', '/b').message).toContain('quota');
    const failed = Object.assign(new Error('Failure'), { code: STATUS.FAILURE });
    expect(remoteError(failed, 'rename', '/x').code).toBe('failed');
    expect(remoteError(new Error('No response from server'), 'upload a to', '/x').code).toBe('connection-lost');
  });
});

describe('connection lost mid-transfer', () => {
  it('upload: the server side is killed; a new connection resumes and the result is byte-identical', async () => {
    const target = path.join(fresh(), 'up.bin');
    const first = await connectSftp(fx.sshd);
    let killed = 0;
    const error = await failure(
      uploadFile(first.sftp, source, target, {
        onProgress: (done) => {
          if (done > SIZE / 4 && !killed) killed = killSessions(fx.sshd);
        },
      }),
    );
    expect(killed).toBeGreaterThan(0);
    expect(error.code).toBe('connection-lost');
    expect(error.message).toContain(target);
    // The server applied writes in order, so what it kept is a clean prefix.
    expect(isPrefix(target + PART_SUFFIX)).toBe(true);

    const second = await connectSftp(fx.sshd);
    try {
      const result = await uploadFile(second.sftp, source, target, { resume: true });
      expect(result.resumedFrom).toBeGreaterThan(0);
      expect(await sha256File(target)).toBe(sourceHash);
    } finally {
      second.close();
    }
  });

  it('download: the client connection is destroyed; a new connection resumes and the result is byte-identical', async () => {
    const target = path.join(fresh(), 'down.bin');
    const first = await connectSftp(fx.sshd);
    const error = await failure(
      downloadFile(first.sftp, source, target, {
        onProgress: (done) => done > SIZE / 4 && first.client.destroy(),
      }),
    );
    expect(error.code).toBe('connection-lost');
    expect(isPrefix(target + PART_SUFFIX)).toBe(true);

    const second = await connectSftp(fx.sshd);
    try {
      const result = await downloadFile(second.sftp, source, target, { resume: true });
      expect(result.resumedFrom).toBeGreaterThan(SIZE / 4);
      expect(await sha256File(target)).toBe(sourceHash);
    } finally {
      second.close();
    }
  });
});
