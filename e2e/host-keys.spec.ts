import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from './fixtures';
import { keygen, startSshd } from '../test-support/sshd';

const fingerprintOf = (pubFile: string) => execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', pubFile]).toString().split(' ')[1]!;

test('first contact asks with the fingerprint; saved keys connect silently; a swapped key is a hard stop', async ({ app }) => {
  // The user's key outlives the servers it is tried against.
  const keys = mkdtempSync(path.join(os.tmpdir(), 'warren-e2e-hk-'));
  const keyPath = path.join(keys, 'id_ed25519');
  keygen(keyPath);
  let sshd = await startSshd({ clientKeyPath: keyPath });
  const port = sshd.port;
  try {
    await app.hosts.add({ name: 'guarded', host: '127.0.0.1', port, user: sshd.user, keyPath, hostKeyPolicy: 'ask' });

    await app.hosts.open('guarded');
    const ask = app.prompts.dialog('Unknown host key');
    await expect(ask).toBeVisible();
    await expect(app.prompts.fingerprint()).toHaveText(fingerprintOf(`${sshd.hostKeyPath}.pub`));
    await expect(ask).toContainText(`127.0.0.1:${port}`);
    await expect(ask).toContainText('ssh-ed25519');
    // Nothing was sent while the question is open.
    expect(sshd.log()).not.toMatch(/Accepted|Postponed/);
    await app.prompts.click('Unknown host key', 'Accept and save');
    await app.terminal.waitConnected();
    await app.terminal.type('echo trusted-$((2*21))\n');
    await expect.poll(() => app.terminal.text()).toContain('trusted-42');
    await app.terminal.closeTab('guarded');

    // Second connection: known key, no question.
    await app.hosts.open('guarded');
    await app.terminal.waitConnected();
    await expect(app.prompts.dialog('Unknown host key')).toHaveCount(0);
    await app.terminal.closeTab('guarded');

    // The server on that port is replaced by one with another host key.
    const oldFingerprint = fingerprintOf(`${sshd.hostKeyPath}.pub`);
    await sshd.stop();
    sshd = await startSshd({ port, clientKeyPath: keyPath });
    const before = sshd.log().length;
    await app.hosts.open('guarded');
    await expect(app.terminal.pane()).toHaveState('failed');
    await expect(app.terminal.status()).toContainText('Someone may be intercepting this connection');
    await expect(app.terminal.knownFingerprint()).toHaveText(oldFingerprint);
    await expect(app.terminal.offeredFingerprint()).toHaveText(`ssh-ed25519 ${fingerprintOf(`${sshd.hostKeyPath}.pub`)}`);
    await expect(app.prompts.dialog('Unknown host key')).toHaveCount(0);
    expect(sshd.log().slice(before)).not.toMatch(/Accepted|Postponed|Failed/);

    // Only on explicit request, the old entry goes; then the new key is asked about.
    await app.terminal.removeOldHostKey();
    await app.dialogs.confirm('Remove old entry');
    await expect(app.terminal.hostKeyChanged()).toContainText('Removed line 1');
    await app.terminal.retry();
    await app.prompts.click('Unknown host key', 'Accept once');
    await app.terminal.waitConnected();
  } finally {
    await sshd.stop();
  }
});

test('an encrypted key asks for its passphrase, says when it is wrong, and connects with the right one', async ({ app }) => {
  const keys = mkdtempSync(path.join(os.tmpdir(), 'warren-e2e-pp-'));
  const keyPath = path.join(keys, 'id_locked');
  keygen(keyPath, 'ed25519', 'open sesame');
  const locked = await startSshd({ clientKeyPath: keyPath });
  try {
    await app.hosts.add({ name: 'locked', host: '127.0.0.1', port: locked.port, user: locked.user, keyPath, hostKeyPolicy: 'accept-new' });
    await app.hosts.open('locked');
    await expect(app.prompts.dialog('Key passphrase')).toContainText(`Enter the passphrase for ${keyPath}`);
    await app.prompts.enterPassphrase('wrong');
    await expect(app.prompts.dialog('Key passphrase')).toContainText('That passphrase did not open the key');
    await app.prompts.enterPassphrase('open sesame');
    await app.terminal.waitConnected();
  } finally {
    await locked.stop();
  }
});
