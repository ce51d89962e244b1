import { test, expect } from './fixtures';

test('session options under Advanced round-trip through the form, and a RemoteCommand host shows its output in the tab', async ({ app, sshd }) => {
  await app.hosts.add({ name: 'report', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath });
  const form = await app.hosts.edit('report');
  const values = {
    setEnv: 'WARREN_E2E=from the form\nLANG=C.UTF-8',
    sendEnv: 'LC_* TZ',
    remoteCommand: 'echo "report $((6*7))"; echo second line',
    requestTty: 'auto' as const,
    knownHostsFiles: '~/.ssh/known_hosts_lab',
    hostKeyAlias: 'report-box',
    gatewayPorts: true,
  };
  await app.sessionOptions.fill(form, values);
  await form.save();
  await expect(form.root).toBeHidden();

  // Opened again, the form shows what was saved; Advanced opens by itself.
  const again = await app.hosts.edit('report');
  await expect(again.advancedFields()).toBeVisible();
  await expect(app.sessionOptions.setEnv(again)).toHaveValue(values.setEnv);
  await expect(app.sessionOptions.sendEnv(again)).toHaveValue(values.sendEnv);
  await expect(app.sessionOptions.remoteCommand(again)).toHaveValue(values.remoteCommand);
  await expect(app.sessionOptions.requestTty(again)).toHaveValue('auto');
  await expect(app.sessionOptions.knownHostsFiles(again)).toHaveValue(values.knownHostsFiles);
  await expect(app.sessionOptions.hostKeyAlias(again)).toHaveValue(values.hostKeyAlias);
  await expect(app.sessionOptions.gatewayPorts(again)).toBeChecked();
  await app.sessionOptions.remoteCommand(again).scrollIntoViewIfNeeded();
  await again.advancedFields().screenshot({ path: test.info().outputPath('session-options.png') });

  // A bad line is refused with what to fix, and nothing is saved.
  await app.sessionOptions.setEnv(again).fill('9LIVES=1');
  await again.save();
  await expect(again.root).toContainText('Environment (SetEnv): "9LIVES=1" is not NAME=value');
  await app.sessionOptions.setEnv(again).fill(values.setEnv);
  // The alias and known hosts file are the test sshd's own (trust on first use saves it there).
  await app.sessionOptions.knownHostsFiles(again).fill('');
  await app.sessionOptions.hostKeyAlias(again).fill('');
  await again.save();
  await expect(again.root).toBeHidden();

  await app.hosts.open('report');
  // No pty for a command by default: the lines still start at the left.
  await expect.poll(() => app.terminal.text(), { timeout: 30_000 }).toContain('report 42\nsecond line');
  await expect(app.terminal.status()).toContainText('The remote command exited with status 0.', { timeout: 30_000 });
  await app.terminal.pane().screenshot({ path: test.info().outputPath('remote-command.png') });
});
