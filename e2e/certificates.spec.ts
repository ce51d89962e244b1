import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from './fixtures';
import { keygen, startSshd } from '../test-support/sshd';

test('a user certificate under Advanced logs in where the key alone is refused; a @cert-authority host is asked about, with why', async ({ app }) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'warren-e2e-certs-'));
  const ca = path.join(dir, 'ca');
  keygen(ca);
  const hostKey = path.join(dir, 'host_ed25519');
  keygen(hostKey);
  execFileSync('ssh-keygen', ['-q', '-s', ca, '-h', '-I', 'e2e-host', '-n', '127.0.0.1', `${hostKey}.pub`], { stdio: 'pipe' });
  // authorized_keys holds the fixture's own key only: the user's key gets in through the CA or not at all.
  const sshd = await startSshd({ hostKeyPath: hostKey, config: [`TrustedUserCAKeys ${ca}.pub`, `HostCertificate ${hostKey}-cert.pub`] });
  const key = path.join(dir, 'id_ed25519');
  keygen(key);
  execFileSync('ssh-keygen', ['-q', '-s', ca, '-I', 'e2e-user', '-n', sshd.user, '-V', '-5m:+1h', `${key}.pub`], { stdio: 'pipe' });
  const cert = path.join(dir, 'issued', 'work-cert.pub');
  execFileSync('mkdir', ['-p', path.dirname(cert)]);
  execFileSync('mv', [`${key}-cert.pub`, cert]);
  const knownHosts = path.join(dir, 'known_hosts');
  writeFileSync(knownHosts, `@cert-authority [127.0.0.1]:${sshd.port} ${readFileSync(`${ca}.pub`, 'utf8').trim()}\n`);
  try {
    await app.hosts.add({ name: 'ca host', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: key });
    await app.hosts.open('ca host');
    await expect(app.terminal.status()).toContainText(`did not accept the key ${key}`);

    await app.terminal.editHost();
    const form = app.hosts.editForm('ca host');
    await app.certificates.setCertificateFiles(form, [cert]);
    await app.certificates.setKnownHostsFiles(form, [knownHosts]);
    await form.hostKeysField().selectOption('ask');
    await app.certificates.certificateLabel(form).screenshot({ path: test.info().outputPath('certificate-field.png') });
    await form.save();
    await expect(form.root).toBeHidden();

    await app.hosts.open('ca host');
    const ask = app.prompts.dialog('Unknown host key');
    await expect(ask).toBeVisible();
    await expect(app.certificates.caNote()).toContainText(`${knownHosts} line 1 trusts a certificate authority (@cert-authority) for this host, but Warren cannot check host certificates yet`);
    await ask.screenshot({ path: test.info().outputPath('cert-authority-prompt.png') });
    await app.prompts.click('Unknown host key', 'Accept once');
    await app.terminal.waitConnected();
    expect(sshd.log()).toContain('Accepted certificate ID "e2e-user"');

    // The form shows the certificate as saved.
    await app.hosts.edit('ca host');
    await expect(app.certificates.certificateFiles(form)).toHaveValue(cert);
  } finally {
    await sshd.stop();
  }
});
