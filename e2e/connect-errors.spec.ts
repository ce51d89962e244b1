import { createServer } from 'node:net';
import { test, expect } from './fixtures';
import { freePort, keygen } from '../test-support/sshd';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

test('a refused connection says so in the tab, with Retry and Edit host', async ({ app, sshd }) => {
  const port = await freePort();
  await app.hosts.add({ name: 'nothing there', host: '127.0.0.1', port, user: sshd.user, keyPath: sshd.clientKeyPath });
  await app.hosts.open('nothing there');
  await expect(app.terminal.status()).toContainText(`127.0.0.1:${port} refused the connection`);
  await expect(app.terminal.statusButton('Retry')).toBeVisible();
  await app.terminal.editHost();
  await expect(app.hosts.editForm('nothing there').root).toBeVisible();
});

test('a key the server rejects names the key and the methods the server offers', async ({ app, sshd }) => {
  const stranger = path.join(mkdtempSync(path.join(os.tmpdir(), 'warren-e2e-key-')), 'stranger');
  keygen(stranger);
  await app.hosts.add({ name: 'wrong key', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: stranger });
  await app.hosts.open('wrong key');
  await expect(app.terminal.status()).toContainText(`did not accept the key ${stranger}`);
  await expect(app.terminal.status()).toContainText('The server offers: publickey');
});

test('an unreadable key file and an unknown host name fail with what to do', async ({ app, sshd }) => {
  await app.hosts.add({ name: 'missing key', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: '/nonexistent/id_ed25519' });
  await app.hosts.open('missing key');
  await expect(app.terminal.status()).toContainText('Cannot read the key file /nonexistent/id_ed25519: there is no such file');

  await app.hosts.add({ name: 'typo', host: 'no-such-host.invalid', port: 22, user: sshd.user, keyPath: sshd.clientKeyPath });
  await app.hosts.open('typo');
  await expect(app.terminal.status()).toContainText('Cannot find the host "no-such-host.invalid"');
});

test('a connection that hangs shows a spinner and can be cancelled', async ({ app, sshd }) => {
  const silent = createServer(() => {});
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  const port = (silent.address() as { port: number }).port;
  try {
    await app.hosts.add({ name: 'silent', host: '127.0.0.1', port, user: sshd.user, keyPath: sshd.clientKeyPath });
    await app.hosts.open('silent');
    await expect(app.terminal.status()).toContainText(`Connecting to ${sshd.user}@127.0.0.1:${port}`);
    await app.terminal.cancel();
    await expect(app.terminal.status()).toContainText('Cancelled.');
  } finally {
    silent.close();
  }
});
