import { mkdirSync, mkdtempSync, readdirSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from './fixtures';
import { randomFile, sha256File } from '../test-support/sftp-fixture';

test('a folder download skips a symlink cycle, shows what it skipped and why, and the rest arrives byte for byte', async ({ app, sshd }) => {
  const remote = path.join(sshd.dir, 'safety');
  const tree = path.join(remote, 'looped');
  mkdirSync(path.join(tree, 'a', 'b'), { recursive: true });
  randomFile(path.join(tree, 'top.bin'), 120_000);
  randomFile(path.join(tree, 'a', 'b', 'leaf.bin'), 400_000);
  symlinkSync('../..', path.join(tree, 'a', 'b', 'up'));
  symlinkSync('b', path.join(tree, 'a', 'again'));
  const local = mkdtempSync(path.join(os.tmpdir(), 'warren-e2e-safety-'));

  await app.hosts.add({ name: 'safety box', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath });
  await app.files.open('safety box');
  await app.files.local.goTo(local);
  await app.files.remote.goTo(remote);
  await app.files.download('looped');

  await expect(app.files.transfer('looped')).toHaveState('done');
  await expect(app.transferSkips.summary('looped')).toHaveText('2 entries skipped');
  await app.transferSkips.open('looped');
  await expect(app.transferSkips.entries('looped')).toHaveText(['a/again: a symbolic link, not followed', 'a/b/up: a symbolic link, not followed']);
  await app.page.screenshot({ path: test.info().outputPath('files-safety-skipped.png') });

  expect(await sha256File(path.join(local, 'looped', 'top.bin'))).toBe(await sha256File(path.join(tree, 'top.bin')));
  expect(await sha256File(path.join(local, 'looped', 'a', 'b', 'leaf.bin'))).toBe(await sha256File(path.join(tree, 'a', 'b', 'leaf.bin')));
  expect(readdirSync(path.join(local, 'looped', 'a'))).toEqual(['b']);
});
