// Organising hosts: colour and tags, the Favourites and Recent groups at the
// top of the tree, the host form's Advanced section, and the Settings
// defaults a new host starts with.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from './fixtures';

test('colour and tags show in the tree and filter it; Favourites and Recent sit on top and stay after a restart', async ({ app, sshd, harness, page }) => {
  const login = { host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath };
  await app.hosts.addFolder('Production');
  await app.hosts.add({ name: 'api', ...login, folder: 'Production', colour: 'Green', tags: 'prod, eu' });
  await app.hosts.add({ name: 'batch', ...login, tags: 'staging' });
  await app.hosts.add({ name: 'cache', ...login });
  expect(await app.hosts.tags('api')).toEqual(['prod', 'eu']);
  expect(await app.hosts.colourOf('api')).toBe('rgb(70, 167, 88)');
  expect(await app.hosts.colourOf('cache')).toBeNull();
  // Many tags on a long name: the tags give way, the name is shown whole.
  await app.hosts.add({ name: 'prod-db-primary-eu', host: 'db.example.invalid', port: 22, user: 'postgres', keyPath: '/k', tags: 'postgres primary eu-west-1 critical' });
  expect(await app.hosts.truncatedNames()).toEqual([]);

  // tag:word finds tagged hosts (and the folder on the way); plain text finds a tag too.
  await app.hosts.search('tag:prod');
  await expect(app.hosts.item('api')).toBeVisible();
  await expect(app.hosts.item('batch')).toHaveCount(0);
  await expect(app.hosts.item('cache')).toHaveCount(0);
  await app.hosts.search('staging');
  await expect(app.hosts.item('batch')).toBeVisible();
  await expect(app.hosts.item('api')).toHaveCount(0);
  await app.hosts.search('');

  // Favourite: the star in the hover toolbar, or the context menu.
  await expect(app.hosts.group('Favourites')).toHaveCount(0);
  await app.hosts.toggleFavourite('cache');
  await expect(app.hosts.group('Favourites')).toBeVisible();
  await expect.poll(() => app.hosts.isFavourite('cache')).toBe(true);
  await app.hosts.menuAction('api', 'Add to Favourites');
  await expect.poll(() => app.hosts.groupNames('Favourites')).toEqual(['api', 'cache']);

  // Connecting puts a host on top of Recent.
  await expect(app.hosts.group('Recent')).toHaveCount(0);
  await app.hosts.open('batch');
  await app.terminal.waitConnected();
  await expect.poll(() => app.hosts.groupNames('Recent')).toEqual(['batch']);
  await app.hosts.open('api');
  await app.terminal.waitConnected();
  await expect.poll(() => app.hosts.groupNames('Recent')).toEqual(['api', 'batch']);
  const labels = await app.hosts.labels();
  expect(labels.slice(0, 1)).toEqual(['Favourites (2)']);
  expect(labels.indexOf('Recent (2)')).toBeLessThan(labels.indexOf('Folder Production'));
  await page.getByRole('tree', { name: 'Saved hosts' }).screenshot({ path: test.info().outputPath('tree-favourites-recent.png') });

  const restarted = await harness.restart();
  await app.open(restarted.url);
  await expect.poll(() => app.hosts.groupNames('Recent')).toEqual(['api', 'batch']);
  await expect.poll(() => app.hosts.groupNames('Favourites')).toEqual(['api', 'cache']);
  expect(await app.hosts.tags('api')).toEqual(['prod', 'eu']);

  // Search ↓ lands on the first match (its copy in Favourites); Enter connects it.
  await app.hosts.searchAndEnterResults('tag:eu');
  await expect(app.hosts.groupItems('Favourites').first()).toBeFocused();
  await app.press('Enter');
  await app.terminal.waitConnected();
  await app.terminal.type('echo fav-$((40+2))\n');
  await expect.poll(() => app.terminal.text()).toContain('fav-42');
  await app.hosts.search('');

  await app.hosts.menuAction('cache', 'Remove from Favourites');
  await expect.poll(() => app.hosts.groupNames('Favourites')).toEqual(['api']);
});

test('the host form puts the common fields first and the rest under Advanced; Settings defaults reach a new host', async ({ app, sshd, harness, page }) => {
  await app.settings.open();
  await app.connectionSettings.setKeepalive(15);
  await app.connectionSettings.setHostKeyPolicy('accept-new');
  await app.connectionSettings.hashNames().check();
  await expect(app.connectionSettings.hashNames()).toBeChecked();
  await app.settings.root.screenshot({ path: test.info().outputPath('settings-connections.png') });
  await app.settings.close();

  await app.hosts.newHostButton().click();
  const form = app.hosts.newHostForm();
  await expect(form.advancedToggle()).toHaveAttribute('aria-expanded', 'false');
  await expect(form.hostKeysField()).toBeHidden();
  await expect(form.keepaliveInterval()).toBeHidden();
  await form.fillCommon({ name: 'defaults', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath, colour: 'Blue', tags: 'lab' });
  await form.root.screenshot({ path: test.info().outputPath('host-form-closed.png') });
  // A keyboard user opens it with Enter on the disclosure button.
  await form.advancedToggle().focus();
  await app.press('Enter');
  await expect(form.advancedToggle()).toHaveAttribute('aria-expanded', 'true');
  await expect(form.keepaliveInterval()).toHaveValue('15');
  await expect(form.hostKeysField()).toHaveValue('accept-new');
  await form.root.screenshot({ path: test.info().outputPath('host-form-advanced.png') });
  await app.press('Space');
  await expect(form.keepaliveInterval()).toBeHidden();
  await form.save();
  await expect(form.root).toBeHidden();

  // It connects without a host-key question (the default policy) and its name is saved hashed.
  await app.hosts.open('defaults');
  await app.terminal.waitConnected();
  const knownHosts = readFileSync(path.join(harness.dataDir, 'known_hosts'), 'utf8').trim().split('\n');
  expect(knownHosts.length).toBeGreaterThan(0);
  expect(knownHosts.every((line) => line.startsWith('|1|'))).toBe(true);

  // Saved with the defaults, which equal the Settings ones: Advanced stays closed when editing.
  const edit = await app.hosts.edit('defaults');
  await expect(edit.advancedToggle()).toHaveAttribute('aria-expanded', 'false');
  await edit.openAdvanced();
  await expect(edit.keepaliveInterval()).toHaveValue('15');
  await app.dialogs.confirm('Cancel');

  // A host that sets something under Advanced opens it.
  await app.hosts.add({ name: 'jumpy', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath, jumpHosts: 'defaults' });
  const jumpy = await app.hosts.edit('jumpy');
  await expect(jumpy.advancedToggle()).toHaveAttribute('aria-expanded', 'true');
  await expect(jumpy.root.getByLabel(/^Jump hosts/)).toHaveValue('defaults');
  await app.dialogs.confirm('Cancel');
  await page.mouse.move(0, 0);
});
