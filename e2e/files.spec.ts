import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
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
  await app.addHost({ name: 'files box', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath });
  await app.openFiles('files box');
  await app.goTo('local', local);
  await app.goTo('remote', remote);

  // Upload: drag from the local pane onto the remote pane.
  await app.paneRow('local', 'report one.bin').dragTo(app.pane('remote').getByRole('grid'));
  await expect(app.transfer('report one.bin')).toHaveAttribute('data-state', 'done');
  await expect(app.paneRow('remote', 'report one.bin')).toBeVisible();
  expect(sha256(path.join(remote, 'report one.bin'))).toBe(sha256(path.join(local, 'report one.bin')));
  expect(existsSync(path.join(remote, 'report one.bin.warren-part'))).toBe(false);

  // Folder operations on the remote side.
  await app.pane('remote').getByRole('button', { name: 'New folder' }).click();
  await app.page.getByRole('dialog', { name: 'New folder' }).getByLabel('Name').fill('inbox');
  await app.page.getByRole('dialog', { name: 'New folder' }).getByRole('button', { name: 'OK' }).click();
  await expect(app.paneRow('remote', 'inbox')).toBeVisible();
  expect(statSync(path.join(remote, 'inbox')).isDirectory()).toBe(true);
  await app.paneRow('remote', 'inbox').click();
  await app.page.keyboard.press('F2');
  await app.page.getByRole('dialog', { name: 'Rename inbox' }).getByLabel('Name').fill('archive');
  await app.page.getByRole('dialog', { name: 'Rename inbox' }).getByRole('button', { name: 'OK' }).click();
  await expect(app.paneRow('remote', 'archive')).toBeVisible();
  expect(existsSync(path.join(remote, 'archive'))).toBe(true);

  // Permissions: the dialog changes the mode on disk.
  await app.paneRow('remote', 'report one.bin').click();
  await app.pane('remote').getByRole('button', { name: 'Permissions' }).click();
  const chmod = app.page.getByRole('dialog', { name: 'Permissions' });
  await chmod.getByLabel('Octal mode').fill('640');
  await expect(chmod.getByLabel('Others Read')).not.toBeChecked();
  await expect(chmod.getByLabel('Group Read')).toBeChecked();
  await chmod.getByRole('button', { name: 'Apply' }).click();
  await expect.poll(() => statSync(path.join(remote, 'report one.bin')).mode & 0o777).toBe(0o640);

  // Download: drag from the remote pane back to a local folder.
  const down = path.join(local, 'down');
  mkdirSync(down);
  await app.pane('local').getByRole('button', { name: 'Local files: refresh' }).click();
  await app.paneRow('local', 'down').dblclick();
  await app.paneRow('remote', 'report one.bin').dragTo(app.pane('local').getByRole('grid'));
  await expect(app.transfer('report one.bin').last()).toHaveAttribute('data-state', 'done');
  await expect.poll(() => existsSync(path.join(down, 'report one.bin'))).toBe(true);
  expect(sha256(path.join(down, 'report one.bin'))).toBe(sha256(path.join(local, 'report one.bin')));

  if (process.env.UPDATE_SCREENSHOT) await app.page.screenshot({ path: 'docs/files.png' });

  // Delete asks first.
  await app.paneRow('remote', 'archive').click();
  await app.page.keyboard.press('Delete');
  await app.dialogButton('Delete').click();
  await expect(app.paneRow('remote', 'archive')).toHaveCount(0);
  expect(existsSync(path.join(remote, 'archive'))).toBe(false);
});

test('a large upload shows a progress bar while it runs', async ({ app, sshd }) => {
  const local = mkdtempSync(path.join(os.tmpdir(), 'warren-e2e-big-'));
  const remote = path.join(sshd.dir, 'big');
  mkdirSync(remote);
  const big = path.join(local, 'big.img');
  writeFileSync(big, randomBytes(1 << 20));
  for (let i = 0; i < 4; i++) writeFileSync(big, randomBytes(64 << 20), { flag: 'a' });
  await app.addHost({ name: 'big box', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath });
  await app.openFiles('big box');
  await app.goTo('local', local);
  await app.goTo('remote', remote);
  await app.paneRow('local', 'big.img').dragTo(app.pane('remote').getByRole('grid'));
  // While it runs: a progress bar that moves, and bytes counted up.
  await expect(app.transfer('big.img')).toHaveAttribute('data-state', 'running');
  const progress = app.activeFiles().getByRole('progressbar', { name: 'Progress of big.img' });
  await expect(progress).toBeVisible();
  await expect.poll(async () => Number(await progress.getAttribute('value'))).toBeGreaterThan(0);
  await expect(app.transfer('big.img')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  expect(sha256(path.join(remote, 'big.img'))).toBe(sha256(big));
});

test('quitting mid-upload keeps the transfer: after a restart the host\'s files tab shows it interrupted, and Resume finishes it', async ({ app, sshd, harness }) => {
  const local = mkdtempSync(path.join(os.tmpdir(), 'warren-e2e-quit-'));
  const remote = path.join(sshd.dir, 'quit');
  mkdirSync(remote);
  const big = path.join(local, 'huge.img');
  randomFile(big, 512 << 20); // big enough to be still running when the app quits
  await app.addHost({ name: 'quit box', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath });
  await app.openFiles('quit box');
  await app.goTo('local', local);
  await app.goTo('remote', remote);
  await app.paneRow('local', 'huge.img').dragTo(app.pane('remote').getByRole('grid'));
  const progress = app.activeFiles().getByRole('progressbar', { name: 'Progress of huge.img' });
  await expect.poll(async () => Number(await progress.getAttribute('value')), { intervals: [20] }).toBeGreaterThan(32 << 20);

  await app.open((await harness.restart()).url);
  const part = path.join(remote, 'huge.img.warren-part');
  const kept = statSync(part).size;
  console.log(`quit mid-upload: ${(kept / 2 ** 20).toFixed(0)} of 512 MiB were on the server`);
  expect(kept).toBeGreaterThan(0);
  expect(kept).toBeLessThan(512 << 20);
  expect(existsSync(path.join(remote, 'huge.img'))).toBe(false);

  await app.openFiles('quit box');
  await expect(app.transfer('huge.img')).toHaveAttribute('data-state', 'interrupted');
  await expect(app.transfer('huge.img')).toContainText('Warren closed before this transfer finished');
  await app.activeFiles().getByRole('button', { name: 'Retry huge.img' }).click();
  await expect(app.transfer('huge.img')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  expect(await sha256File(path.join(remote, 'huge.img'))).toBe(await sha256File(big));
  expect(existsSync(part)).toBe(false);
});

test('a 10,000-entry remote folder lists quickly and scrolls; symlinks show their target', async ({ app, sshd, page }) => {
  const remote = path.join(sshd.dir, 'many');
  mkdirSync(remote);
  for (let i = 0; i < 10_000; i++) writeFileSync(path.join(remote, `f${String(i).padStart(5, '0')}.txt`), '');
  symlinkSync(path.join(remote, 'f00001.txt'), path.join(remote, 'a-link'));
  symlinkSync('/nonexistent/target', path.join(remote, 'b-broken'));
  await app.addHost({ name: 'many box', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath });
  await app.openFiles('many box');
  const input = app.pane('remote').getByLabel('Remote files path');
  await input.fill(remote);
  const started = Date.now();
  await input.press('Enter');
  await expect(app.pane('remote').getByText('10002 items')).toBeVisible();
  const elapsed = Date.now() - started;
  console.log(`listing 10,002 entries: ${elapsed} ms until on screen`);
  // Only the rows on screen exist in the page.
  expect(await app.pane('remote').getByRole('row').count()).toBeLessThan(100);
  await expect(app.paneRow('remote', 'a-link')).toContainText(`→ ${path.join(remote, 'f00001.txt')}`);
  await expect(app.paneRow('remote', 'b-broken')).toContainText('(broken)');
  await app.pane('remote').locator('.file-scroll').evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(app.paneRow('remote', 'f09999.txt')).toBeVisible();
  await app.paneRow('remote', 'f09999.txt').click();
  await app.pane('remote').getByRole('button', { name: 'Properties' }).click();
  await expect(page.getByRole('dialog', { name: 'Properties' })).toContainText(path.join(remote, 'f09999.txt'));
});

test('uploading onto an existing name asks: Keep both; dragging onto a remote folder moves the file', async ({ app, sshd }) => {
  const local = mkdtempSync(path.join(os.tmpdir(), 'warren-e2e-conflict-'));
  const remote = path.join(sshd.dir, 'conflict');
  mkdirSync(path.join(remote, 'keep'), { recursive: true });
  writeFileSync(path.join(local, 'notes.txt'), 'fresh');
  writeFileSync(path.join(remote, 'notes.txt'), 'older');
  await app.addHost({ name: 'conflict box', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath });
  await app.openFiles('conflict box');
  await app.goTo('local', local);
  await app.goTo('remote', remote);

  await app.paneRow('local', 'notes.txt').dragTo(app.pane('remote').getByRole('grid'));
  const ask = app.page.getByRole('dialog', { name: 'File exists' });
  await expect(ask).toContainText(path.join(remote, 'notes.txt'));
  await ask.getByRole('button', { name: 'Keep both' }).click();
  await expect(app.paneRow('remote', 'notes (1).txt')).toBeVisible();
  expect(readFileSync(path.join(remote, 'notes.txt'), 'utf8')).toBe('older');
  expect(readFileSync(path.join(remote, 'notes (1).txt'), 'utf8')).toBe('fresh');

  await app.paneRow('remote', 'notes (1).txt').dragTo(app.paneRow('remote', 'keep'));
  await expect(app.paneRow('remote', 'notes (1).txt')).toHaveCount(0);
  expect(readFileSync(path.join(remote, 'keep', 'notes (1).txt'), 'utf8')).toBe('fresh');
});
