// ProxyCommand from the host form to a terminal, and a host exported as an
// ssh config snippet that the real ssh client reads back.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from './fixtures';
import { pipeProxyCommand } from '../test-support/proxy-commands';
import { sshG } from '../test-support/openssh-oracle';

test('a host with a proxy command set in the form opens a terminal through it and echoes', async ({ app, sshd, page }) => {
  await app.proxyExport.addHostWithProxy(page, app.hosts, { name: 'via proxy', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath }, pipeProxyCommand());
  await app.hosts.open('via proxy');
  await app.terminal.waitConnected();
  await app.terminal.type('echo proxied-$((6*7))\n');
  await expect.poll(() => app.terminal.text()).toContain('proxied-42');

  // The form shows it again, and the export carries it for ssh.
  const form = await app.hosts.edit('via proxy');
  await expect(app.proxyExport.proxyCommandField(form)).toHaveValue(pipeProxyCommand());
  await app.proxyExport.proxyCommandField(form).scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('proxy-form.png') });
  await page.keyboard.press('Escape');
});

test('Export as ssh config shows a snippet that ssh -G reads back, and Copy puts it on the clipboard', async ({ app, sshd, page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await app.hosts.add({ name: 'bastion', host: '127.0.0.1', port: sshd.port, user: 'gate', keyPath: sshd.clientKeyPath });
  await app.hosts.add({ name: 'db primary', host: '10.0.0.5', port: 2222, user: sshd.user, keyPath: sshd.clientKeyPath, jumpHosts: 'bastion, ops@10.9.9.9:2200', keepaliveSec: 15 });
  const dialog = await app.proxyExport.exportHost(page, app.hosts, 'db primary');
  await page.screenshot({ path: test.info().outputPath('export-dialog.png') });
  await app.proxyExport.copy(dialog);
  const text = await app.clipboard.read();
  expect(await app.proxyExport.exportText(dialog).inputValue()).toBe(text);

  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'warren-export-e2e-')), 'config');
  writeFileSync(file, text);
  const ssh = sshG(file, 'db-primary', { ...process.env, HOME: path.dirname(file) });
  expect(ssh?.get('hostname')).toEqual(['10.0.0.5']);
  expect(ssh?.get('port')).toEqual(['2222']);
  // ssh -G prints the last hop as user@[host]:port.
  expect(ssh?.get('proxyjump')).toEqual(['bastion,ops@[10.9.9.9]:2200']);
  expect(ssh?.get('serveraliveinterval')).toEqual(['15']);
  expect(sshG(file, 'bastion', { ...process.env, HOME: path.dirname(file) })?.get('user')).toEqual(['gate']);
});
