import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from './fixtures';

test('folders: create, drag a host in, rename with F2, search, delete with confirm; all kept after a restart', async ({ app, sshd, harness }) => {
  await app.hosts.addFolder('Production');
  await app.hosts.addFolder('Staging');
  await app.hosts.add({ name: 'web-1', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath });
  await app.hosts.add({ name: 'db-1', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath, folder: 'Staging' });

  // Drag web-1 onto Production: it is now shown one level deeper, under it.
  await app.hosts.moveHost('web-1', 'Production');
  await expect(app.hosts.item('web-1')).toHaveAttribute('aria-level', '2');
  const order = await app.hosts.labels();
  expect(order.indexOf(`Folder Production`)).toBe(order.findIndex((l) => l?.startsWith('web-1')) - 1);

  // Drag a folder into another folder.
  await app.hosts.moveFolder('Staging', 'Production');
  await expect(app.hosts.folder('Staging')).toHaveAttribute('aria-level', '2');
  await expect(app.hosts.item('db-1')).toHaveAttribute('aria-level', '3');

  // Rename with F2.
  await app.hosts.rename('db-1', 'db-primary');
  await expect(app.hosts.item('db-primary')).toBeVisible();

  // Search narrows the tree and keeps the folders on the way.
  await app.hosts.search('primary');
  await expect(app.hosts.rows()).toHaveCount(3);
  await expect(app.hosts.item('web-1')).toHaveCount(0);
  await app.hosts.search('');

  // Delete asks first; cancelling keeps the host.
  await app.hosts.select('web-1');
  await app.press('Delete');
  await app.dialogs.confirm('Cancel');
  await expect(app.hosts.item('web-1')).toBeVisible();
  await app.press('Delete');
  await app.dialogs.confirm('Delete');
  await expect(app.hosts.item('web-1')).toHaveCount(0);

  const restarted = await harness.restart();
  await app.open(restarted.url);
  await expect(app.hosts.folder('Production')).toHaveAttribute('aria-level', '1');
  await expect(app.hosts.folder('Staging')).toHaveAttribute('aria-level', '2');
  await expect(app.hosts.item('db-primary')).toHaveAttribute('aria-level', '3');
  await expect(app.hosts.item('web-1')).toHaveCount(0);
});

test('the tree works from the keyboard: arrows move, Left/Right fold, Enter opens a terminal', async ({ app, sshd }) => {
  await app.hosts.addFolder('Lab');
  await app.hosts.add({ name: 'box', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath, folder: 'Lab' });
  await app.hosts.focusFolder('Lab');
  await app.press('ArrowLeft');
  await expect(app.hosts.folder('Lab')).toHaveAttribute('aria-expanded', 'false');
  await expect(app.hosts.item('box')).toHaveCount(0);
  await app.press('ArrowRight');
  await expect(app.hosts.item('box')).toBeVisible();
  await app.press('ArrowDown');
  await expect(app.hosts.item('box')).toBeFocused();
  await app.press('Enter');
  await app.terminal.waitConnected();
  await app.terminal.type('echo kb-$((20+3))\n');
  await expect.poll(() => app.terminal.text()).toContain('kb-23');
});

test('a host saved with a password shows that one is saved, never the password', async ({ app, page }) => {
  await app.hosts.add({ name: 'pw-host', host: '127.0.0.1', port: 2222, user: 'alice', password: 'hunter2-secret' });
  const form = await app.hosts.edit('pw-host');
  await expect(form.passwordField()).toHaveValue('');
  await expect(form.passwordField()).toHaveAttribute('placeholder', 'Saved — leave empty to keep');
  const everything = await page.evaluate(async () => JSON.stringify(await (window as unknown as { warren: { hosts: { list(i: object): Promise<unknown> } } }).warren.hosts.list({})));
  expect(everything).not.toContain('hunter2-secret');
  expect(everything).toContain('"hasSavedPassword":true');
});

// Hosts live in hosts.json, apart from the settings: a broken settings.json no longer takes them with it.
test('a corrupt settings file is moved aside, kept, and the app starts with a notice and the hosts intact', async ({ app, harness }) => {
  await app.hosts.add({ name: 'still here', host: 'example.invalid', port: 22, user: 'u', keyPath: '/k' });
  await harness.current.stop();
  writeFileSync(path.join(harness.dataDir, 'settings.json'), '{"app": {"autoReconnect": [ this is not json');
  const restarted = await harness.restart();
  await app.open(restarted.url);
  const notice = app.notice('could not be read and was moved aside');
  await expect(notice).toBeVisible();
  const aside = /moved aside to (\S+\.json)/.exec((await notice.textContent()) ?? '')![1]!;
  expect(readFileSync(aside, 'utf8')).toBe('{"app": {"autoReconnect": [ this is not json');
  await expect(app.hosts.item('still here')).toBeVisible();
});

test('a corrupt hosts file is left as it is, and the app starts with a notice instead of writing over it', async ({ app, harness }) => {
  await app.hosts.add({ name: 'in the broken file', host: 'example.invalid', port: 22, user: 'u', keyPath: '/k' });
  await harness.current.stop();
  const file = path.join(harness.dataDir, 'hosts.json');
  writeFileSync(file, '{"format": "warren-hosts", this is not json');
  const restarted = await harness.restart();
  await app.open(restarted.url);
  await expect(app.notice('Warren will not overwrite it')).toBeVisible();
  await expect(app.hosts.emptyMessage()).toBeVisible();
  expect(readFileSync(file, 'utf8')).toBe('{"format": "warren-hosts", this is not json');
});
