import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from './fixtures';
import { keygen, startSshd } from '../test-support/sshd';

test('an old server with only ssh-rsa host keys: refused with what to add, reached after adding +ssh-rsa under Advanced', async ({ app, sshd }) => {
  const keys = mkdtempSync(path.join(os.tmpdir(), 'warren-e2e-rsa-'));
  keygen(path.join(keys, 'host_rsa'), 'rsa');
  const old = await startSshd({ hostKeyPath: path.join(keys, 'host_rsa'), clientKeyPath: sshd.clientKeyPath, config: ['HostKeyAlgorithms ssh-rsa'] });
  try {
    await app.hosts.add({ name: 'old switch', host: '127.0.0.1', port: old.port, user: old.user, keyPath: old.clientKeyPath });
    await app.hosts.open('old switch');
    await expect(app.terminal.status()).toContainText('have no host key types in common: the server offers only ssh-rsa.');
    await expect(app.terminal.status()).toContainText('edit the host and add +ssh-rsa to HostKeyAlgorithms under Advanced');

    await app.terminal.editHost();
    const form = app.hosts.editForm('old switch');
    await expect(app.hostOptions.legacyWarning(form)).toHaveCount(0);
    await app.hostOptions.setAlgorithms(form, 'Host key algorithms', '+ssh-rsa');
    await expect(app.hostOptions.legacyWarning(form)).toContainText('This host allows legacy algorithms: ssh-rsa (HostKeyAlgorithms).');
    await app.hostOptions.algorithms(form).screenshot({ path: test.info().outputPath('legacy-algorithms.png') });
    await form.save();
    await expect(form.root).toBeHidden();

    await app.hosts.open('old switch');
    await app.terminal.waitConnected();

    // The form shows the list as saved, with the warning still there.
    await app.hosts.edit('old switch');
    await expect(app.hostOptions.algorithmField(form, 'Host key algorithms')).toHaveValue('+ssh-rsa');
    await expect(app.hostOptions.legacyWarning(form)).toBeVisible();
    await form.advancedFields().screenshot({ path: test.info().outputPath('advanced.png') });
  } finally {
    await old.stop();
  }
});
