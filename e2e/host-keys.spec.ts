import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from './fixtures';
import { keygen, startSshd } from '../test-support/sshd';

const fingerprintOf = (pubFile: string) => execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', pubFile]).toString().split(' ')[1]!;

test('first contact asks with the fingerprint; saved keys connect silently; a swapped key is a hard stop', async ({ app, page }) => {
  // The user's key outlives the servers it is tried against.
  const keys = mkdtempSync(path.join(os.tmpdir(), 'warren-e2e-hk-'));
  const keyPath = path.join(keys, 'id_ed25519');
  keygen(keyPath);
  let sshd = await startSshd({ clientKeyPath: keyPath });
  const port = sshd.port;
  try {
    await app.addHost({ name: 'guarded', host: '127.0.0.1', port, user: sshd.user, keyPath, hostKeyPolicy: 'ask' });

    await app.openHost('guarded');
    const ask = app.prompt('Unknown host key');
    await expect(ask).toBeVisible();
    await expect(ask.getByLabel('Fingerprint')).toHaveText(fingerprintOf(`${sshd.hostKeyPath}.pub`));
    await expect(ask).toContainText(`127.0.0.1:${port}`);
    await expect(ask).toContainText('ssh-ed25519');
    // Nothing was sent while the question is open.
    expect(sshd.log()).not.toMatch(/Accepted|Postponed/);
    await ask.getByRole('button', { name: 'Accept and save' }).click();
    await app.waitConnected();
    await app.typeInTerminal('echo trusted-$((2*21))\n');
    await expect.poll(() => app.terminalText()).toContain('trusted-42');
    await page.getByRole('button', { name: 'Close guarded' }).click();

    // Second connection: known key, no question.
    await app.openHost('guarded');
    await app.waitConnected();
    await expect(app.prompt('Unknown host key')).toHaveCount(0);
    await page.getByRole('button', { name: 'Close guarded' }).click();

    // The server on that port is replaced by one with another host key.
    const oldFingerprint = fingerprintOf(`${sshd.hostKeyPath}.pub`);
    await sshd.stop();
    sshd = await startSshd({ port, clientKeyPath: keyPath });
    const before = sshd.log().length;
    await app.openHost('guarded');
    await expect(app.activeTerminal()).toHaveAttribute('data-state', 'failed');
    await expect(app.sessionStatus()).toContainText('Someone may be intercepting this connection');
    await expect(app.hostKeyChanged().getByLabel('Known fingerprint')).toHaveText(oldFingerprint);
    await expect(app.hostKeyChanged().getByLabel('Offered fingerprint')).toHaveText(`ssh-ed25519 ${fingerprintOf(`${sshd.hostKeyPath}.pub`)}`);
    await expect(app.prompt('Unknown host key')).toHaveCount(0);
    expect(sshd.log().slice(before)).not.toMatch(/Accepted|Postponed|Failed/);

    // Only on explicit request, the old entry goes; then the new key is asked about.
    await app.hostKeyChanged().getByRole('button', { name: 'Remove old entry…' }).click();
    await app.dialogButton('Remove old entry').click();
    await expect(app.hostKeyChanged()).toContainText('Removed line 1');
    await app.sessionStatus().getByRole('button', { name: 'Retry' }).click();
    await app.prompt('Unknown host key').getByRole('button', { name: 'Accept once' }).click();
    await app.waitConnected();
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
    await app.addHost({ name: 'locked', host: '127.0.0.1', port: locked.port, user: locked.user, keyPath, hostKeyPolicy: 'accept-new' });
    await app.openHost('locked');
    const ask = app.prompt('Key passphrase');
    await expect(ask).toContainText(`Enter the passphrase for ${keyPath}`);
    await ask.getByLabel('Passphrase', { exact: true }).fill('wrong');
    await ask.getByRole('button', { name: 'OK' }).click();
    await expect(app.prompt('Key passphrase')).toContainText('That passphrase did not open the key');
    await app.prompt('Key passphrase').getByLabel('Passphrase', { exact: true }).fill('open sesame');
    await app.prompt('Key passphrase').getByRole('button', { name: 'OK' }).click();
    await app.waitConnected();
  } finally {
    await locked.stop();
  }
});
