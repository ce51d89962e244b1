// One shared connection under a terminal and a Files tab drops: both tabs say
// so, main logs in again once, the terminal gets a new shell below a
// "reconnected" mark and the Files tab lists the folder it was in again.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from './fixtures';
import { killSessions } from '../test-support/sftp-fixture';

test('a dropped shared connection comes back once for the terminal and the Files tab, each where it was', async ({ app, sshd, page }) => {
  const deep = path.join(sshd.home, 'deep');
  mkdirSync(deep, { recursive: true });
  writeFileSync(path.join(deep, 'inside.txt'), 'x');
  await app.hosts.add({ name: 'shared box', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath });
  await app.hosts.open('shared box');
  await app.terminal.waitConnected();
  await app.terminal.type('echo before-$((1+1))\n');
  await expect.poll(() => app.terminal.text()).toContain('before-2');
  await app.files.open('shared box');
  await app.files.remote.goTo(deep);
  await expect(app.files.remote.row('inside.txt')).toBeVisible();
  const accepted = () => sshd.log().match(/Connection from 127\.0\.0\.1 port/g)?.length ?? 0;
  const before = accepted();

  expect(killSessions(sshd)).toBeGreaterThan(0);
  await expect(app.poolReconnect.filesReconnecting(app.files)).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('files-reconnecting.png') });
  await expect(app.poolReconnect.filesState(app.files)).toHaveAttribute('data-state', 'connected', { timeout: 30_000 });
  await expect(app.files.remote.row('inside.txt')).toBeVisible();

  await app.terminal.tab('shared box').first().click();
  await app.terminal.waitConnected();
  await expect.poll(() => app.terminal.text()).toMatch(/──── reconnected/);
  await app.terminal.type('echo after-$((2+2))\n');
  await expect.poll(() => app.terminal.text()).toContain('after-4');
  expect(accepted() - before).toBe(1);
});
