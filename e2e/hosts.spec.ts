import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from './fixtures';

test('folders: create, drag a host in, rename with F2, search, delete with confirm; all kept after a restart', async ({ app, sshd, harness }) => {
  await app.addFolder('Production');
  await app.addFolder('Staging');
  await app.addHost({ name: 'web-1', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath });
  await app.addHost({ name: 'db-1', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath, folder: 'Staging' });

  // Drag web-1 onto Production: it is now shown one level deeper, under it.
  await app.treeItem('web-1').dragTo(app.folder('Production'));
  await expect(app.treeItem('web-1')).toHaveAttribute('aria-level', '2');
  const order = await app.page.getByRole('treeitem').evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label')));
  expect(order.indexOf(`Folder Production`)).toBe(order.findIndex((l) => l?.startsWith('web-1')) - 1);

  // Drag a folder into another folder.
  await app.folder('Staging').dragTo(app.folder('Production'));
  await expect(app.folder('Staging')).toHaveAttribute('aria-level', '2');
  await expect(app.treeItem('db-1')).toHaveAttribute('aria-level', '3');

  // Rename with F2.
  await app.treeItem('db-1').click();
  await app.page.keyboard.press('F2');
  await app.page.getByLabel('New name for db-1').fill('db-primary');
  await app.page.keyboard.press('Enter');
  await expect(app.treeItem('db-primary')).toBeVisible();

  // Search narrows the tree and keeps the folders on the way.
  await app.page.getByLabel('Search hosts').fill('primary');
  await expect(app.page.getByRole('treeitem')).toHaveCount(3);
  await expect(app.treeItem('web-1')).toHaveCount(0);
  await app.page.getByLabel('Search hosts').fill('');

  // Delete asks first; cancelling keeps the host.
  await app.treeItem('web-1').click();
  await app.page.keyboard.press('Delete');
  await app.dialogButton('Cancel').click();
  await expect(app.treeItem('web-1')).toBeVisible();
  await app.page.keyboard.press('Delete');
  await app.dialogButton('Delete').click();
  await expect(app.treeItem('web-1')).toHaveCount(0);

  const restarted = await harness.restart();
  await app.open(restarted.url);
  await expect(app.folder('Production')).toHaveAttribute('aria-level', '1');
  await expect(app.folder('Staging')).toHaveAttribute('aria-level', '2');
  await expect(app.treeItem('db-primary')).toHaveAttribute('aria-level', '3');
  await expect(app.treeItem('web-1')).toHaveCount(0);
});

test('the tree works from the keyboard: arrows move, Left/Right fold, Enter opens a terminal', async ({ app, sshd }) => {
  await app.addFolder('Lab');
  await app.addHost({ name: 'box', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath, folder: 'Lab' });
  await app.folder('Lab').focus();
  await app.page.keyboard.press('ArrowLeft');
  await expect(app.folder('Lab')).toHaveAttribute('aria-expanded', 'false');
  await expect(app.treeItem('box')).toHaveCount(0);
  await app.page.keyboard.press('ArrowRight');
  await expect(app.treeItem('box')).toBeVisible();
  await app.page.keyboard.press('ArrowDown');
  await expect(app.treeItem('box')).toBeFocused();
  await app.page.keyboard.press('Enter');
  await app.waitConnected();
  await app.typeInTerminal('echo kb-$((20+3))\n');
  await expect.poll(() => app.terminalText()).toContain('kb-23');
});

test('a host saved with a password shows that one is saved, never the password', async ({ app, page }) => {
  await app.addHost({ name: 'pw-host', host: '127.0.0.1', port: 2222, user: 'alice', password: 'hunter2-secret' });
  await app.treeItem('pw-host').hover();
  await page.getByRole('button', { name: 'Edit pw-host' }).click();
  const form = page.getByRole('form', { name: 'Edit host pw-host' });
  await expect(app.passwordField(form)).toHaveValue('');
  await expect(app.passwordField(form)).toHaveAttribute('placeholder', 'Saved — leave empty to keep');
  const everything = await page.evaluate(async () => JSON.stringify(await (window as unknown as { warren: { hosts: { list(i: object): Promise<unknown> } } }).warren.hosts.list({})));
  expect(everything).not.toContain('hunter2-secret');
  expect(everything).toContain('"hasSavedPassword":true');
});

test('a corrupt settings file is moved aside, kept, and the app starts with a notice', async ({ app, harness }) => {
  await app.addHost({ name: 'soon lost', host: 'example.invalid', port: 22, user: 'u', keyPath: '/k' });
  await harness.current.stop();
  writeFileSync(path.join(harness.dataDir, 'settings.json'), '{"hosts": {"folders": [ this is not json');
  const restarted = await harness.restart();
  await app.open(restarted.url);
  const notice = app.page.getByRole('alert').filter({ hasText: 'could not be read and was moved aside' });
  await expect(notice).toBeVisible();
  const aside = /moved aside to (\S+\.json)/.exec((await notice.textContent()) ?? '')![1]!;
  expect(readFileSync(aside, 'utf8')).toBe('{"hosts": {"folders": [ this is not json');
  await expect(app.page.getByText('No saved hosts yet.')).toBeVisible();
});
