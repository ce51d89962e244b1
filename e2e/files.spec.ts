import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from './fixtures';
import { randomFile, sha256File } from '../test-support/sftp-fixture';

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

test('drag a file up and back down, make, rename and delete a folder, change permissions', async ({ app, sshd }) => {
  const local = mkdtempSync(path.join(os.tmpdir(), 'warren-e2e-local-'));
  const remote = path.join(sshd.dir, 'remote');
  mkdirSync(remote);
  writeFileSync(path.join(local, 'report one.bin'), randomBytes(300_000));
  await app.hosts.add({ name: 'files box', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath });
  await app.files.open('files box');
  await app.files.local.goTo(local);
  await app.files.remote.goTo(remote);

  // Upload: drag from the local pane onto the remote pane.
  await app.files.upload('report one.bin');
  await expect(app.files.transfer('report one.bin')).toHaveState('done');
  await expect(app.files.remote.row('report one.bin')).toBeVisible();
  expect(sha256(path.join(remote, 'report one.bin'))).toBe(sha256(path.join(local, 'report one.bin')));
  expect(existsSync(path.join(remote, 'report one.bin.warren-part'))).toBe(false);

  // Folder operations on the remote side.
  await app.files.remote.newFolder('inbox');
  await expect(app.files.remote.row('inbox')).toBeVisible();
  expect(statSync(path.join(remote, 'inbox')).isDirectory()).toBe(true);
  await app.files.remote.rename('inbox', 'archive');
  await expect(app.files.remote.row('archive')).toBeVisible();
  expect(existsSync(path.join(remote, 'archive'))).toBe(true);

  // Permissions: the dialog changes the mode on disk.
  const chmod = await app.files.remote.permissions('report one.bin');
  await chmod.setOctal('640');
  await expect(chmod.bit('Others Read')).not.toBeChecked();
  await expect(chmod.bit('Group Read')).toBeChecked();
  await chmod.apply();
  await expect.poll(() => statSync(path.join(remote, 'report one.bin')).mode & 0o777).toBe(0o640);

  // Download: drag from the remote pane back to a local folder.
  const down = path.join(local, 'down');
  mkdirSync(down);
  await app.files.local.refresh();
  await app.files.local.open('down');
  await app.files.download('report one.bin');
  await expect(app.files.transfer('report one.bin').last()).toHaveState('done');
  await expect.poll(() => existsSync(path.join(down, 'report one.bin'))).toBe(true);
  expect(sha256(path.join(down, 'report one.bin'))).toBe(sha256(path.join(local, 'report one.bin')));

  if (process.env.UPDATE_SCREENSHOT) await app.page.screenshot({ path: 'docs/files.png' });

  // Delete asks first.
  await app.files.remote.delete('archive');
  await app.dialogs.confirm('Delete');
  await expect(app.files.remote.row('archive')).toHaveCount(0);
  expect(existsSync(path.join(remote, 'archive'))).toBe(false);
});

test('a large upload shows a progress bar while it runs', async ({ app, sshd }) => {
  const local = mkdtempSync(path.join(os.tmpdir(), 'warren-e2e-big-'));
  const remote = path.join(sshd.dir, 'big');
  mkdirSync(remote);
  const big = path.join(local, 'big.img');
  writeFileSync(big, randomBytes(1 << 20));
  for (let i = 0; i < 4; i++) writeFileSync(big, randomBytes(64 << 20), { flag: 'a' });
  await app.hosts.add({ name: 'big box', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath });
  await app.files.open('big box');
  await app.files.local.goTo(local);
  await app.files.remote.goTo(remote);
  await app.files.upload('big.img');
  // While it runs: a progress bar that moves, and bytes counted up.
  await expect(app.files.transfer('big.img')).toHaveState('running');
  await expect(app.files.progress('big.img')).toBeVisible();
  await expect.poll(() => app.files.progressValue('big.img')).toBeGreaterThan(0);
  await expect(app.files.transfer('big.img')).toHaveState('done', { timeout: 60_000 });
  expect(sha256(path.join(remote, 'big.img'))).toBe(sha256(big));
});

test('quitting mid-upload keeps the transfer: after a restart the host\'s files tab shows it interrupted, and Resume finishes it', async ({ app, sshd, harness }) => {
  const local = mkdtempSync(path.join(os.tmpdir(), 'warren-e2e-quit-'));
  // 512 MiB: left behind, a few runs fill a disk.
  try {
    const remote = path.join(sshd.dir, 'quit');
    mkdirSync(remote);
    const big = path.join(local, 'huge.img');
    randomFile(big, 512 << 20); // big enough to be still running when the app quits
    await app.hosts.add({ name: 'quit box', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath });
    await app.files.open('quit box');
    await app.files.local.goTo(local);
    await app.files.remote.goTo(remote);
    await app.files.upload('huge.img');
    await expect.poll(() => app.files.progressValue('huge.img'), { intervals: [20] }).toBeGreaterThan(32 << 20);

    await app.open((await harness.restart()).url);
    const part = path.join(remote, 'huge.img.warren-part');
    const kept = statSync(part).size;
    console.log(`quit mid-upload: ${(kept / 2 ** 20).toFixed(0)} of 512 MiB were on the server`);
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(512 << 20);
    expect(existsSync(path.join(remote, 'huge.img'))).toBe(false);

    await app.files.open('quit box');
    await expect(app.files.transfer('huge.img')).toHaveState('interrupted');
    await expect(app.files.transfer('huge.img')).toContainText('Warren closed before this transfer finished');
    await app.files.retry('huge.img');
    await expect(app.files.transfer('huge.img')).toHaveState('done', { timeout: 60_000 });
    expect(await sha256File(path.join(remote, 'huge.img'))).toBe(await sha256File(big));
    expect(existsSync(part)).toBe(false);
  } finally {
    rmSync(local, { recursive: true, force: true });
  }
});

test('a 10,000-entry remote folder lists quickly and scrolls; symlinks show their target', async ({ app, sshd }) => {
  const remote = path.join(sshd.dir, 'many');
  mkdirSync(remote);
  for (let i = 0; i < 10_000; i++) writeFileSync(path.join(remote, `f${String(i).padStart(5, '0')}.txt`), '');
  symlinkSync(path.join(remote, 'f00001.txt'), path.join(remote, 'a-link'));
  symlinkSync('/nonexistent/target', path.join(remote, 'b-broken'));
  await app.hosts.add({ name: 'many box', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath });
  await app.files.open('many box');
  await app.files.remote.typePath(remote);
  const started = Date.now();
  await app.files.remote.submitPath();
  await expect(app.files.remote.itemCount(10002)).toBeVisible();
  const elapsed = Date.now() - started;
  console.log(`listing 10,002 entries: ${elapsed} ms until on screen`);
  // Only the rows on screen exist in the page.
  expect(await app.files.remote.rows().count()).toBeLessThan(100);
  await expect(app.files.remote.row('a-link')).toContainText(`→ ${path.join(remote, 'f00001.txt')}`);
  await expect(app.files.remote.row('b-broken')).toContainText('(broken)');
  await app.files.remote.scrollToEnd();
  await expect(app.files.remote.row('f09999.txt')).toBeVisible();
  const properties = await app.files.remote.properties('f09999.txt');
  await expect(properties).toContainText(path.join(remote, 'f09999.txt'));
});

test('uploading onto an existing name asks: Keep both; dragging onto a remote folder moves the file', async ({ app, sshd }) => {
  const local = mkdtempSync(path.join(os.tmpdir(), 'warren-e2e-conflict-'));
  const remote = path.join(sshd.dir, 'conflict');
  mkdirSync(path.join(remote, 'keep'), { recursive: true });
  writeFileSync(path.join(local, 'notes.txt'), 'fresh');
  writeFileSync(path.join(remote, 'notes.txt'), 'older');
  await app.hosts.add({ name: 'conflict box', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath });
  await app.files.open('conflict box');
  await app.files.local.goTo(local);
  await app.files.remote.goTo(remote);

  await app.files.upload('notes.txt');
  await expect(app.files.conflict()).toContainText(path.join(remote, 'notes.txt'));
  await app.files.keepBoth();
  await expect(app.files.remote.row('notes (1).txt')).toBeVisible();
  expect(readFileSync(path.join(remote, 'notes.txt'), 'utf8')).toBe('older');
  expect(readFileSync(path.join(remote, 'notes (1).txt'), 'utf8')).toBe('fresh');

  await app.files.remote.moveInto('notes (1).txt', 'keep');
  await expect(app.files.remote.row('notes (1).txt')).toHaveCount(0);
  expect(readFileSync(path.join(remote, 'keep', 'notes (1).txt'), 'utf8')).toBe('fresh');
});
