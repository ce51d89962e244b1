// Staging remote files for a drag to the desktop, against OpenSSH sshd: the
// bytes land in a folder of our own, only those paths are accepted for
// startDrag, and folders or huge files are refused with advice.
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { failure, startSftpFixture, type SftpFixture } from '../../test-support/sftp-fixture';
import { DRAG_OUT_LIMIT, DragOutStaging } from './drag-out';

let fx: SftpFixture;
let staging: DragOutStaging;

beforeAll(async () => {
  fx = await startSftpFixture();
  staging = new DragOutStaging(mkdtempSync(path.join(os.tmpdir(), 'warren-staging-root-')));
});
afterAll(async () => {
  await staging?.cleanup();
  await fx?.stop();
});

it('downloads the dragged files byte for byte and accepts only those paths for startDrag', async () => {
  const dir = fx.fresh();
  const a = randomBytes(300_000);
  writeFileSync(path.join(dir, 'report one.pdf'), a);
  writeFileSync(path.join(dir, '-dash.txt'), 'dash');
  const files = await staging.stage(fx.sftp, [path.join(dir, 'report one.pdf'), path.join(dir, '-dash.txt')]);
  expect(files.map((f) => path.basename(f))).toEqual(['report one.pdf', '-dash.txt']);
  expect(readFileSync(files[0]!).equals(a)).toBe(true);
  expect(readFileSync(files[1]!, 'utf8')).toBe('dash');
  expect(files.every((f) => staging.owns(f))).toBe(true);
  expect(staging.owns('/etc/passwd')).toBe(false);
  expect(staging.owns(path.join(path.dirname(files[0]!), '..', 'elsewhere'))).toBe(false);
  expect(staging.owns(path.join(dir, 'report one.pdf'))).toBe(false);

  await staging.cleanup();
  expect(existsSync(files[0]!)).toBe(false);
  expect(staging.owns(files[0]!)).toBe(false);
});

it('refuses folders and selections too large to fetch while the mouse is held, staging nothing', async () => {
  const dir = fx.fresh();
  mkdirSync(path.join(dir, 'folder'));
  const folder = await failure(staging.stage(fx.sftp, [path.join(dir, 'folder')]));
  expect(folder.code).toBe('drag-out-kind');
  expect(folder.message).toMatch(/Drag it to the local pane/);

  const big = path.join(dir, 'big.iso');
  const fd = openSync(big, 'w');
  ftruncateSync(fd, DRAG_OUT_LIMIT + 1);
  closeSync(fd);
  const tooLarge = await failure(staging.stage(fx.sftp, [big]));
  expect(tooLarge.code).toBe('drag-out-too-large');

  const missing = await failure(staging.stage(fx.sftp, [path.join(dir, 'gone')]));
  expect(missing.code).toBe('not-found');
  expect(await staging.leftovers()).toEqual([]);
});
