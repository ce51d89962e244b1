// Shared connections (issue 16): a second tab to a connected host opens no new
// SSH connection; "Separate connections" under Advanced gives each tab its own.
import { test, expect } from './fixtures';
import { separateConnections } from './pages/shared-connections';

test('a second tab to a connected host shares its connection; "Separate connections" gives the next tab its own', async ({ app, sshd }) => {
  const seen = () => sshd.log().match(/Connection from 127\.0\.0\.1 port/g)?.length ?? 0;
  await app.hosts.add({ name: 'pooled', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath });
  const before = seen();
  await app.hosts.open('pooled');
  await app.terminal.waitConnected();
  expect(seen() - before).toBe(1);

  await app.terminal.press('Control+Shift+T');
  await expect(app.terminal.namedTab('pooled (2)')).toHaveAttribute('aria-selected', 'true');
  await app.terminal.waitConnected();
  await app.terminal.type('echo shared-$((40+2))\n');
  await expect.poll(() => app.terminal.text()).toMatch(/shared-42/);
  expect(seen() - before).toBe(1);

  const form = await app.hosts.edit('pooled');
  await form.openAdvanced();
  await expect(separateConnections(form)).not.toBeChecked();
  await separateConnections(form).check();
  await form.root.screenshot({ path: test.info().outputPath('separate-connections.png') });
  await form.save();
  const again = await app.hosts.edit('pooled');
  await expect(again.advancedToggle()).toHaveAttribute('aria-expanded', 'true');
  await expect(separateConnections(again)).toBeChecked();
  await again.save();

  await app.hosts.open('pooled');
  await expect(app.terminal.namedTab('pooled (3)')).toHaveAttribute('aria-selected', 'true');
  await app.terminal.waitConnected();
  expect(seen() - before).toBe(2);
});
