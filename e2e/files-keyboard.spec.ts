import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from './fixtures';

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

test('keyboard only: arrows to a file and F5 uploads it; type-ahead, Shift and Ctrl selection, Enter and Backspace; the Download button', async ({ app, sshd }) => {
  const local = mkdtempSync(path.join(os.tmpdir(), 'warren-e2e-kbd-'));
  const remote = path.join(sshd.dir, 'kbd');
  mkdirSync(remote);
  mkdirSync(path.join(local, 'sub'));
  writeFileSync(path.join(local, 'sub', 'inner.txt'), 'inside');
  writeFileSync(path.join(local, 'alpha.txt'), 'a');
  writeFileSync(path.join(local, 'beta.bin'), randomBytes(200_000));
  writeFileSync(path.join(local, 'gamma.log'), 'g');
  writeFileSync(path.join(remote, 'from-server.dat'), randomBytes(150_000));
  await app.hosts.add({ name: 'kbd box', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath });
  await app.files.open('kbd box');
  await app.files.local.goTo(local);
  await app.files.remote.goTo(remote);

  // Each side says which it is.
  await expect(app.files.local.heading()).toHaveText('This computer');
  await expect(app.files.remote.heading()).toHaveText('kbd box');
  await expect(app.files.local.transferButton()).toBeDisabled();

  // Folders come first: sub, alpha.txt, beta.bin, gamma.log.
  await app.files.local.focusList();
  await app.files.local.keys('ArrowDown', 'ArrowDown', 'ArrowDown');
  await expect(app.files.local.selectedRows()).toHaveCount(1);
  await expect(app.files.local.row('beta.bin')).toHaveAttribute('aria-selected', 'true');
  await app.files.local.keys('F5');
  await expect(app.files.transfer('beta.bin')).toHaveState('done');
  expect(sha256(path.join(remote, 'beta.bin'))).toBe(sha256(path.join(local, 'beta.bin')));
  await expect(app.files.remote.row('beta.bin')).toBeVisible();

  // Shift extends from the anchor; Ctrl moves without selecting and Ctrl+Space adds.
  await app.files.local.keys('Shift+ArrowUp');
  await expect(app.files.local.selectedRows()).toHaveCount(2);
  await app.files.local.keys('Home', 'Control+ArrowDown', 'Control+ArrowDown', 'Control+ArrowDown', 'Control+Space');
  await expect(app.files.local.selectedRows()).toHaveCount(2);
  await expect(app.files.local.row('sub')).toHaveAttribute('aria-selected', 'true');
  await expect(app.files.local.row('gamma.log')).toHaveAttribute('aria-selected', 'true');
  await app.page.screenshot({ path: test.info().outputPath('files-keyboard.png') });

  // Type-ahead goes to the name typed; Enter opens a folder, Backspace comes back up onto it.
  await app.files.local.keys('g');
  await expect(app.files.local.selectedRows()).toHaveCount(1);
  await expect(app.files.local.row('gamma.log')).toHaveAttribute('aria-selected', 'true');
  await app.files.local.keys('s', 'u');
  await expect(app.files.local.row('sub')).toHaveAttribute('aria-selected', 'true');
  await app.files.local.keys('Enter');
  await expect(app.files.local.pathField()).toHaveValue(path.join(local, 'sub'));
  await expect(app.files.local.row('inner.txt')).toBeVisible();
  await app.files.local.keys('Backspace');
  await expect(app.files.local.pathField()).toHaveValue(local);
  await expect(app.files.local.row('sub')).toHaveAttribute('aria-selected', 'true');

  // The Download button copies the remote selection into the local pane's folder.
  await expect(app.files.remote.transferButton()).toBeDisabled();
  await app.files.remote.select('from-server.dat');
  await app.files.remote.transferSelection();
  await expect(app.files.transfer('from-server.dat')).toHaveState('done');
  expect(sha256(path.join(local, 'from-server.dat'))).toBe(sha256(path.join(remote, 'from-server.dat')));
  await expect(app.files.local.row('from-server.dat')).toBeVisible();

  // The tab's connection log has a keyboard route too (the tab's own ≡ is pointer-only).
  const log = await app.files.showLogByKeyboard();
  await expect(log.entries()).toContainText(/Authenticated as \S+ with publickey/);
  await log.close();
});

test('context menu: Copy path and New folder from the mouse, and the menu key from the keyboard', async ({ app, sshd, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const remote = path.join(sshd.dir, 'menu');
  mkdirSync(remote);
  writeFileSync(path.join(remote, 'a.txt'), 'a');
  writeFileSync(path.join(remote, 'b.tar.gz'), 'b');
  mkdirSync(path.join(remote, 'pics'));
  await app.hosts.add({ name: 'menu box', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath });
  await app.files.open('menu box');
  await app.files.remote.goTo(remote);

  const menu = await app.files.remote.contextMenu('a.txt');
  await expect(menu.getByRole('menuitem')).toHaveText([/^Download/, /^Edit locally/, /^Rename…/, /^Delete…/, 'Permissions…', 'Properties', 'Copy path', 'New folder']);
  await app.page.screenshot({ path: test.info().outputPath('files-context-menu.png') });
  await app.files.remote.chooseFromMenu('Copy path');
  await expect.poll(() => app.clipboard.read()).toBe(path.join(remote, 'a.txt'));

  // The empty area's menu acts on the folder itself.
  await app.files.remote.contextMenu();
  await expect(app.files.remote.menuItem('Download')).toHaveCount(0);
  await app.files.remote.chooseFromMenu('New folder');
  await app.dialogs.enterName('New folder', 'made by menu');
  await expect(app.files.remote.row('made by menu')).toBeVisible();
  expect(statSync(path.join(remote, 'made by menu')).isDirectory()).toBe(true);

  // Keyboard: the menu key opens the menu of the keyboard's row, on its first item; Escape gives the list the focus back.
  await app.files.remote.focusList();
  await app.files.remote.keys('b');
  await app.files.remote.keys('Shift+F10');
  await expect(app.files.remote.menuItem('Download')).toBeFocused();
  await app.files.remote.keys('Escape');
  await expect(app.files.remote.menu()).toHaveCount(0);
  await expect(app.files.remote.grid()).toBeFocused();
  await app.files.remote.keys('p', 'ContextMenu');
  await expect(app.files.remote.menuItem('Open')).toBeFocused();
  await app.files.remote.keys('Enter');
  await expect(app.files.remote.pathField()).toHaveValue(path.join(remote, 'pics'));
  expect(existsSync(path.join(remote, 'pics'))).toBe(true);
});

test('File exists: the focus is on Skip, so Enter never overwrites; Rename pre-selects the base name only', async ({ app, sshd }) => {
  const local = mkdtempSync(path.join(os.tmpdir(), 'warren-e2e-exists-'));
  const remote = path.join(sshd.dir, 'exists');
  mkdirSync(remote);
  writeFileSync(path.join(local, 'notes.txt'), 'fresh');
  writeFileSync(path.join(remote, 'notes.txt'), 'older');
  await app.hosts.add({ name: 'exists box', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath });
  await app.files.open('exists box');
  await app.files.local.goTo(local);
  await app.files.remote.goTo(remote);

  await app.files.local.focusList();
  await app.files.local.keys('n', 'F5');
  await expect(app.files.conflict()).toBeVisible();
  await expect(app.files.conflictFocus()).toHaveText('Skip');
  await app.files.local.keys('Enter');
  await expect(app.files.conflict()).toHaveCount(0);
  await expect(app.files.transfer('notes.txt')).toHaveState('skipped');
  expect(readFileSync(path.join(remote, 'notes.txt'), 'utf8')).toBe('older');

  // Rename: typing replaces "notes" and keeps ".txt".
  await app.files.remote.select('notes.txt');
  await app.files.remote.keys('F2');
  await expect.poll(() => app.files.remote.selectedText(app.files.remote.renameField('notes.txt'))).toBe('notes');
  await app.page.keyboard.type('renamed');
  await app.files.remote.keys('Enter');
  await expect(app.files.remote.row('renamed.txt')).toBeVisible();
  // The keyboard carries on in the list.
  await expect(app.files.remote.grid()).toBeFocused();
  expect(readFileSync(path.join(remote, 'renamed.txt'), 'utf8')).toBe('older');
});
