import { appendFileSync, chmodSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from './fixtures';

test('Edit locally: each editor save reaches the server; a file changed there asks first (Overwrite, Keep server’s); Stop ends the watching', async ({ app, sshd }) => {
  const remoteDir = path.join(sshd.dir, 'edit-locally');
  mkdirSync(remoteDir, { recursive: true });
  const remote = path.join(remoteDir, 'notes.txt');
  writeFileSync(remote, 'first line\n');
  chmodSync(remote, 0o640);
  const readRemote = () => readFileSync(remote, 'utf8');

  // The "editor": saves once (appends a line), and notes which file it was given, as an editor knows its file.
  const work = mkdtempSync(path.join(os.tmpdir(), 'warren-e2e-editor-'));
  const opened = path.join(work, 'opened');
  const editor = path.join(work, 'fake editor.sh');
  writeFileSync(editor, `#!/bin/sh\nprintf '%s' "$1" > '${opened}'\nprintf 'added by the editor\\n' >> "$1"\n`, { mode: 0o755 });
  const localCopy = () => readFileSync(opened, 'utf8');

  await app.hosts.add({ name: 'edit box', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath });
  await app.editLocally.setEditorCommand(`"${editor}" {file}`);
  await app.files.open('edit box');
  await app.files.remote.goTo(remoteDir);

  // The toolbar button waits for one file to be selected.
  await expect(app.editLocally.toolbarButton()).toBeDisabled();
  await app.editLocally.fromMenu('notes.txt');
  await expect.poll(readRemote).toBe('first line\nadded by the editor\n');
  await expect(app.editLocally.status('notes.txt')).toContainText('Uploaded at');
  await expect(app.editLocally.item('notes.txt')).toHaveState('watching');
  // The mode is kept, the part file is gone, and the local copy is private.
  expect(statSync(remote).mode & 0o777).toBe(0o640);
  await app.files.remote.refresh();
  await app.files.remote.itemCount(1).waitFor();
  expect(statSync(localCopy()).mode & 0o777).toBe(0o600);
  expect(statSync(path.dirname(localCopy())).mode & 0o777).toBe(0o700);

  // Someone changes the file on the server; the next save asks, with Cancel focused.
  writeFileSync(remote, 'changed by someone else\n');
  appendFileSync(localCopy(), 'second save\n');
  await expect(app.editLocally.conflict('notes.txt')).toBeVisible();
  await expect(app.editLocally.conflictFocus('notes.txt')).toHaveText('Cancel');
  await app.page.screenshot({ path: test.info().outputPath('edit-locally-conflict.png') });
  expect(readRemote()).toBe('changed by someone else\n');
  await app.editLocally.answer('notes.txt', 'Overwrite');
  await expect.poll(readRemote).toBe('first line\nadded by the editor\nsecond save\n');

  // Again, and this time the server's version wins: the local copy is reloaded from it.
  writeFileSync(remote, 'their version\n');
  appendFileSync(localCopy(), 'third save\n');
  await app.editLocally.answer('notes.txt', "Keep server's");
  await expect.poll(() => readFileSync(localCopy(), 'utf8')).toBe('their version\n');
  expect(readRemote()).toBe('their version\n');
  await expect(app.editLocally.item('notes.txt')).toContainText('Your version is kept in');
  await app.page.screenshot({ path: test.info().outputPath('edit-locally-editing.png') });

  // Stop: the row goes, and a later local write stays local. Opening it again (F4)
  // proves the server still held the server's version: a live old watcher would have sent its write first.
  const oldCopy = localCopy();
  await app.editLocally.stop('notes.txt');
  await expect(app.editLocally.panel()).toHaveCount(0);
  appendFileSync(oldCopy, 'after stop\n');
  await app.editLocally.withF4('notes.txt');
  await expect.poll(readRemote).toBe('their version\nadded by the editor\n');
  expect(localCopy()).not.toBe(oldCopy);
  await expect(app.editLocally.item('notes.txt')).toHaveState('watching');
  expect(readRemote()).not.toContain('after stop');
});

test('Edit locally without an editor set says where to set one, and no Editing row appears', async ({ app, sshd }) => {
  const remoteDir = path.join(sshd.dir, 'edit-no-editor');
  mkdirSync(remoteDir, { recursive: true });
  writeFileSync(path.join(remoteDir, 'a.txt'), 'a');
  await app.hosts.add({ name: 'no editor box', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath });
  await app.files.open('no editor box');
  await app.files.remote.goTo(remoteDir);
  await app.files.remote.select('a.txt');
  await app.editLocally.toolbarButton().click();
  await expect(app.notice('No editor is set. Choose one in Settings › Editor')).toBeVisible();
  await expect(app.editLocally.panel()).toHaveCount(0);
});
