import { startSshd } from '../test-support/sshd';
import { killSessions } from '../test-support/sftp-fixture';
import { test, expect } from './fixtures';

test('a host behind a jump host opens a terminal through it; the hop and the target each authenticate', async ({ app, sshd }) => {
  // The fixture's sshd is the target; a second one is the bastion.
  const bastion = await startSshd({ clientKeyPath: sshd.clientKeyPath });
  try {
    await app.hosts.add({ name: 'bastion', host: '127.0.0.1', port: bastion.port, user: bastion.user, keyPath: sshd.clientKeyPath });
    await app.hosts.add({ name: 'inner', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath, jumpHosts: 'bastion' });
    const hopLogins = () => (bastion.log().match(/Accepted publickey/g) ?? []).length;
    await app.hosts.open('inner');
    await app.terminal.waitConnected();
    await app.terminal.type('echo reached-$((40+2))\n');
    await expect.poll(() => app.terminal.text()).toContain('reached-42');
    expect(hopLogins()).toBe(1);
  } finally {
    await bastion.stop();
  }
});

test('a jump host that cannot be reached is named in the error', async ({ app, sshd }) => {
  await app.hosts.add({ name: 'behind nothing', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath, jumpHosts: 'nobody@127.0.0.1:1' });
  await app.hosts.open('behind nothing');
  await expect(app.terminal.pane()).toHaveState('failed');
  await expect(app.terminal.pane()).toContainText('Jump host 1 (nobody@127.0.0.1:1): 127.0.0.1:1 refused the connection');
});

test('Test connection shows a verdict and the log; a terminal tab shows its connection log', async ({ app, sshd }) => {
  await app.hosts.add({ name: 'logged', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath });
  const result = await app.hosts.testConnection('logged');
  await expect(result.verdict()).toContainText(`Connected to 127.0.0.1:${sshd.port} and logged in as ${sshd.user}`);
  await expect(result.entries()).toContainText(/Host key ssh-ed25519 SHA256:\S+: trusted\./);
  await expect(result.entries()).toContainText(/Negotiated: kex /);
  await result.close();

  await app.hosts.open('logged');
  await app.terminal.waitConnected();
  const log = await app.terminal.showLog('logged');
  await expect(log.entries()).toContainText(/Authenticated as \S+ with publickey/);
});

test('a lost connection reconnects by itself with a separator where the new shell starts; an exited shell does not', async ({ app, sshd }) => {
  await app.hosts.add({ name: 'flaky', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath });
  await app.hosts.open('flaky');
  await app.terminal.waitConnected();
  await app.terminal.type('echo before-$((1+1))\n');
  await expect.poll(() => app.terminal.text()).toContain('before-2');
  expect(killSessions(sshd)).toBeGreaterThan(0);
  await expect(app.terminal.reconnectCountdown()).toContainText(/Reconnecting in \d+ s \(attempt 1 of 6\)/);
  await app.terminal.waitConnected();
  await expect.poll(() => app.terminal.text()).toMatch(/──── reconnected/);
  await app.terminal.type('echo after-$((2+2))\n');
  await expect.poll(() => app.terminal.text()).toContain('after-4');

  await app.terminal.type('exit\n');
  await expect(app.terminal.pane()).toHaveState('closed');
  await app.page.waitForTimeout(1500);
  await expect(app.terminal.pane()).toHaveState('closed');
  await expect(app.terminal.reconnectingText()).toHaveCount(0);
});
