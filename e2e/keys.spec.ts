import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCopyIdServer } from '../test-support/key-fixtures';
import { test, expect } from './fixtures';

test('generate an Ed25519 key, copy it to a host, and the login with it alone is confirmed', async ({ app }) => {
  // A server whose SFTP home is a temp folder: copy-id must never touch this machine's real ~/.ssh.
  const server = await startCopyIdServer();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'warren-e2e-keys-'));
  const file = path.join(dir, 'id_warren');
  try {
    await app.hosts.add({ name: 'key target', host: '127.0.0.1', port: server.sshd.port, user: server.sshd.user, keyPath: server.sshd.clientKeyPath });
    await app.keys.open();
    await app.keys.generate({ saveAs: file, comment: 'e2e@warren' });
    await expect(app.keys.generated()).toContainText(/ssh-ed25519 256 bits, SHA256:/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const pub = readFileSync(`${file}.pub`, 'utf8').trim();
    expect(pub).toMatch(/^ssh-ed25519 \S+ e2e@warren$/);

    // Generating onto the same file asks before overwriting.
    await app.keys.generate();
    await expect(app.keys.overwriteButton(file)).toBeVisible();
    expect(readFileSync(`${file}.pub`, 'utf8').trim()).toBe(pub);

    await expect(app.keys.publicKeyField()).toHaveValue(`${file}.pub`);
    await app.keys.copyToHost();
    await expect(app.keys.copyResult()).toContainText('Added the key to');
    await expect(app.keys.copyResult()).toContainText('Logging in with the key alone works.');
    expect(readFileSync(path.join(server.home, '.ssh', 'authorized_keys'), 'utf8')).toContain(pub.split(' ')[1]);
  } finally {
    await server.stop();
  }
});
