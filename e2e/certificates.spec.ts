import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from './fixtures';
import { keygen, startSshd } from '../test-support/sshd';

test('a user certificate under Advanced logs in where the key alone is refused; a host certificate from a trusted CA is accepted without a question, and one from another CA is asked about, with why', async ({ app }) => {
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
  const trustCa = (file: string) => writeFileSync(knownHosts, `@cert-authority [127.0.0.1]:${sshd.port} ${readFileSync(`${file}.pub`, 'utf8').trim()}\n`);
  // First a CA that did not sign the server's certificate.
  const otherCa = path.join(dir, 'other-ca');
  keygen(otherCa);
  trustCa(otherCa);
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
    await expect(app.certificates.caNote()).toContainText(/^The server's host certificate was not accepted: its CA \(SHA256:\S+\) is not trusted for this host by any @cert-authority line\./);
    await ask.screenshot({ path: test.info().outputPath('cert-authority-prompt.png') });
    await app.prompts.click('Unknown host key', 'Accept once');
    await app.terminal.waitConnected();
    expect(sshd.log()).toContain('Accepted certificate ID "e2e-user"');
    await app.terminal.closeTab('ca host');

    // The CA that signed it: no question at all.
    trustCa(ca);
    await app.hosts.open('ca host');
    await app.terminal.waitConnected();
    await expect(app.prompts.dialog('Unknown host key')).toHaveCount(0);
    const log = await app.terminal.showLog('ca host');
    await expect(log.entries()).toContainText('asking for a host certificate first');
    await expect(log.entries()).toContainText(/Host key ssh-ed25519-cert-v01@openssh\.com: certificate "e2e-host" for 127\.0\.0\.1 \(ssh-ed25519 SHA256:\S+\), signed by CA SHA256:\S+: trusted\./);
    await log.root.screenshot({ path: test.info().outputPath('host-certificate-log.png') });
    await log.close();

    // The form shows the certificate as saved.
    await app.hosts.edit('ca host');
    await expect(app.certificates.certificateFiles(form)).toHaveValue(cert);
  } finally {
    await sshd.stop();
  }
});
