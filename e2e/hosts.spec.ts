import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from './fixtures';
import { storedHost } from '../test-support/stored-records';

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

test('the context menu duplicates a host (a working copy), copies its ssh command and moves it to a folder', async ({ app, sshd, harness, page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await app.hosts.addFolder('Lab');
  await app.hosts.add({ name: 'web', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath });

  await app.hosts.openMenu('web');
  await page.screenshot({ path: test.info().outputPath('tree-context-menu.png') });
  await app.press('Escape');
  await expect(app.hosts.menu('Host web')).toBeHidden();

  await app.hosts.copySshCommand('web');
  await expect.poll(() => app.clipboard.read()).toBe(`ssh -p ${sshd.port} -i ${sshd.clientKeyPath} ${sshd.user}@127.0.0.1`);

  await app.hosts.duplicate('web');
  await expect(app.hosts.item('web (copy)')).toBeVisible();
  await expect(app.hosts.item('web (copy)')).toHaveAttribute('aria-label', `web (copy) (${sshd.user}@127.0.0.1:${sshd.port})`);

  await app.hosts.moveToFolder('web (copy)', 'Lab');
  await expect(app.hosts.item('web (copy)')).toHaveAttribute('aria-level', '2');
  await expect(app.hosts.item('web')).toHaveAttribute('aria-level', '1');

  // Kept on disk, and the copy connects like the original.
  const restarted = await harness.restart();
  await app.open(restarted.url);
  await expect(app.hosts.item('web (copy)')).toHaveAttribute('aria-level', '2');
  await app.hosts.menuAction('web (copy)', 'Connect');
  await app.terminal.waitConnected();
  await app.terminal.type('echo copy-$((40+2))\n');
  await expect.poll(() => app.terminal.text()).toContain('copy-42');
});

test('Shift+F10 opens the focused row\'s menu on its first item; folders have their own menu', async ({ app }) => {
  await app.hosts.addFolder('Ops');
  await app.hosts.add({ name: 'gw', host: 'gw.example.invalid', port: 22, user: 'u', keyPath: '/k', folder: 'Ops' });
  await app.hosts.select('gw');
  await app.press('Shift+F10');
  await expect(app.hosts.menu('Host gw')).toBeVisible();
  await expect(app.hosts.menuItem('Connect')).toBeFocused();
  await app.press('Escape');
  await expect(app.hosts.item('gw')).toBeFocused();

  const folderMenu = await app.hosts.openFolderMenu('Ops');
  await expect(folderMenu.getByRole('menuitem')).toHaveText([/New host here/, /Rename/, /Export as ssh config/, /Delete/]);
  await app.hosts.menuItem('New host here').click();
  await expect.poll(() => app.hosts.newHostForm().folder()).toBe('Ops');
});

test('Search hosts: ArrowDown moves into the results and Enter connects', async ({ app, sshd }) => {
  await app.hosts.add({ name: 'alpha', host: 'alpha.example.invalid', port: 22, user: 'u', keyPath: '/k' });
  await app.hosts.add({ name: 'target-box', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath });
  await app.hosts.searchAndEnterResults('targ');
  await expect(app.hosts.item('target-box')).toBeFocused();
  await app.press('Enter');
  await app.terminal.waitConnected();
  await app.terminal.type('echo found-$((6*7))\n');
  await expect.poll(() => app.terminal.text()).toContain('found-42');
});

test('a long host name is never cut short by the row\'s buttons', async ({ app, page }) => {
  const name = 'prod-db-primary-eu-west';
  await app.hosts.add({ name, host: 'db.example.invalid', port: 2222, user: 'postgres', keyPath: '/k' });
  await app.hosts.select(name);
  await page.mouse.move(0, 0);
  await expect(app.hosts.toolbar(name)).toBeHidden();
  expect(await app.hosts.truncatedNames()).toEqual([]);
  // Hovered: the toolbar lies over the row's right end and takes no width from the name.
  await app.hosts.item(name).hover();
  await expect(app.hosts.toolbar(name)).toBeVisible();
  expect(await app.hosts.truncatedNames()).toEqual([]);
  await page.screenshot({ path: test.info().outputPath('tree-hover-toolbar.png') });
});

test('2,000 saved hosts: only the rows near the screen are drawn, and the keyboard reaches every one', async ({ app, harness }) => {
  await harness.current.stop();
  const folders = Array.from({ length: 50 }, (_, i) => ({ id: `f${i}`, name: `site-${String(i).padStart(2, '0')}`, parentId: null }));
  const hosts = Array.from({ length: 2000 }, (_, i) => storedHost(`h${i}`, `host-${String(i).padStart(4, '0')}`, `f${i % 50}`));
  writeFileSync(path.join(harness.dataDir, 'hosts.json'), JSON.stringify({ format: 'warren-hosts', generation: 1, hostsSchemaVersion: 4, folders, hosts }));
  const restarted = await harness.restart();
  await app.open(restarted.url);
  await expect(app.hosts.folder('site-00')).toBeVisible();
  expect(await app.hosts.renderedRowCount()).toBeLessThan(100);

  await app.hosts.focusFolder('site-00');
  await app.press('End');
  // The last folder's last host: site-49 holds 49, 99, …, 1999.
  await expect(app.hosts.item('host-1999')).toBeFocused();
  await expect(app.hosts.item('host-1999')).toBeInViewport();
  await app.press('ArrowUp');
  await expect(app.hosts.item('host-1949')).toBeFocused();
  await app.press('Home');
  await expect(app.hosts.folder('site-00')).toBeFocused();
  await expect(app.hosts.folder('site-00')).toBeInViewport();
  // Type-ahead: the next row whose name starts with what was typed.
  await app.press('s');
  await expect(app.hosts.folder('site-01')).toBeFocused();
  expect(await app.hosts.renderedRowCount()).toBeLessThan(100);
});
