import { startSshd } from '../test-support/sshd';
import { killSessions } from '../test-support/sftp-fixture';
import { test, expect } from './fixtures';

test('a host behind a jump host opens a terminal through it; the hop and the target each authenticate', async ({ app, sshd }) => {
  // The fixture's sshd is the target; a second one is the bastion.
  const bastion = await startSshd({ clientKeyPath: sshd.clientKeyPath });
  try {
    await app.addHost({ name: 'bastion', host: '127.0.0.1', port: bastion.port, user: bastion.user, keyPath: sshd.clientKeyPath });
    await app.addHost({ name: 'inner', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath, jumpHosts: 'bastion' });
    const hopLogins = () => (bastion.log().match(/Accepted publickey/g) ?? []).length;
    await app.openHost('inner');
    await app.waitConnected();
    await app.typeInTerminal('echo reached-$((40+2))\n');
    await expect.poll(() => app.terminalText()).toContain('reached-42');
    expect(hopLogins()).toBe(1);
  } finally {
    await bastion.stop();
  }
});

test('a jump host that cannot be reached is named in the error', async ({ app, sshd }) => {
  await app.addHost({ name: 'behind nothing', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath, jumpHosts: 'nobody@127.0.0.1:1' });
  await app.openHost('behind nothing');
  await expect(app.activeTerminal()).toHaveAttribute('data-state', 'failed');
  await expect(app.activeTerminal()).toContainText('Jump host 1 (nobody@127.0.0.1:1): 127.0.0.1:1 refused the connection');
});

test('Test connection shows a verdict and the log; a terminal tab shows its connection log', async ({ app, sshd }) => {
  await app.addHost({ name: 'logged', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath });
  await app.treeItem('logged').hover();
  await app.page.getByRole('button', { name: 'Test connection to logged' }).click();
  const test = app.page.locator('.log-dialog');
  await expect(test.getByRole('status', { name: 'Verdict' })).toContainText(`Connected to 127.0.0.1:${sshd.port} and logged in as ${sshd.user}`);
  await expect(test.getByRole('list', { name: 'Log' })).toContainText(/Host key ssh-ed25519 SHA256:\S+: trusted\./);
  await expect(test.getByRole('list', { name: 'Log' })).toContainText(/Negotiated: kex /);
  await test.getByRole('button', { name: 'Close' }).click();

  await app.openHost('logged');
  await app.waitConnected();
  await app.page.getByRole('button', { name: 'Connection log of logged' }).click();
  await expect(app.page.locator('.log-dialog').getByRole('list', { name: 'Log' })).toContainText(/Authenticated as \S+ with publickey/);
});

test('a lost connection reconnects by itself with a separator where the new shell starts; an exited shell does not', async ({ app, sshd }) => {
  await app.addHost({ name: 'flaky', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath });
  await app.openHost('flaky');
  await app.waitConnected();
  await app.typeInTerminal('echo before-$((1+1))\n');
  await expect.poll(() => app.terminalText()).toContain('before-2');
  expect(killSessions(sshd)).toBeGreaterThan(0);
  await expect(app.activeTerminal().locator('.reconnecting')).toContainText(/Reconnecting in \d+ s \(attempt 1 of 6\)/);
  await app.waitConnected();
  await expect.poll(() => app.terminalText()).toMatch(/──── reconnected/);
  await app.typeInTerminal('echo after-$((2+2))\n');
  await expect.poll(() => app.terminalText()).toContain('after-4');

  await app.typeInTerminal('exit\n');
  await expect(app.activeTerminal()).toHaveAttribute('data-state', 'closed');
  await app.page.waitForTimeout(1500);
  await expect(app.activeTerminal()).toHaveAttribute('data-state', 'closed');
  await expect(app.activeTerminal().getByText(/Reconnecting in/)).toHaveCount(0);
});
