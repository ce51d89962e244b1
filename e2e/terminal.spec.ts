import { copyFileSync, mkdirSync } from 'node:fs';
import { test, expect } from './fixtures';

test('add a host, open a terminal, type, resize, exit, and find the host after a restart', async ({ app, sshd, harness, page }) => {
  await app.hosts.add({ name: 'local sshd', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath });
  await app.hosts.open('local sshd');
  await expect(app.terminal.tab('local sshd')).toBeVisible();
  await app.terminal.waitConnected();

  await app.terminal.type('echo warren-$RANDOM-$((6*7))\n');
  // The typed line shows `$RANDOM`; only the shell's output has digits there.
  await expect.poll(() => app.terminal.text()).toMatch(/warren-\d+-42/);

  // The remote PTY follows the window: a smaller window gives fewer rows and columns.
  let probe = 0;
  const remoteSize = async () => {
    const n = ++probe;
    await app.terminal.type(`echo size-$(stty size | tr ' ' x)-$((${n}*1))\n`);
    const pattern = new RegExp(`size-(\\d+)x(\\d+)-${n}\\b`);
    await expect.poll(() => app.terminal.text()).toMatch(pattern);
    const [, rows, cols] = pattern.exec(await app.terminal.text())!;
    return { rows: Number(rows), cols: Number(cols) };
  };
  const before = await remoteSize();
  expect(before.cols).toBeGreaterThan(80);
  await page.setViewportSize({ width: 800, height: 450 });
  await expect.poll(async () => (await remoteSize()).cols).toBeLessThan(before.cols);
  const after = await remoteSize();
  expect(after.rows).toBeLessThan(before.rows);

  if (process.env.UPDATE_SCREENSHOT) {
    await page.setViewportSize({ width: 1200, height: 700 });
    await app.terminal.type('clear; printf "\\033[1;32mwarren\\033[0m is connected to \\033[1;34m%s\\033[0m\\n" "$(hostname)"; ls --color=always -la /usr\n');
    await expect.poll(() => app.terminal.text()).toMatch(/ src\s*\n.*[#$]/);
    await page.screenshot({ path: 'test-results/screenshot.png' });
    mkdirSync('docs', { recursive: true });
    copyFileSync('test-results/screenshot.png', 'docs/screenshot.png');
  }

  await app.terminal.type('exit 3\n');
  await expect(app.terminal.status()).toContainText('The shell exited with status 3.');
  await expect(app.terminal.statusButton('Reconnect')).toBeVisible();

  const restarted = await harness.restart();
  await app.open(restarted.url);
  await expect(app.hosts.item('local sshd')).toBeVisible();
  await expect(app.hosts.item('local sshd')).toHaveAccessibleName(`local sshd (${sshd.user}@127.0.0.1:${sshd.port})`);
});

test('two tabs to two hosts; closing one leaves the other working', async ({ app, sshd }) => {
  await app.hosts.add({ name: 'first', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath });
  await app.hosts.add({ name: 'second', host: 'localhost', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath });
  await app.hosts.open('first');
  await app.terminal.waitConnected();
  await app.terminal.type('export TABNAME=one\n');
  await app.hosts.open('second');
  await app.terminal.waitConnected();
  await app.terminal.type('echo tab-$((1+1))\n');
  await expect.poll(() => app.terminal.text()).toContain('tab-2');
  await app.terminal.closeTab('second');
  await expect(app.terminal.tab('second')).toHaveCount(0);
  await expect(app.terminal.tab('first')).toHaveAttribute('aria-selected', 'true');
  await app.terminal.type('echo still-$TABNAME\n');
  await expect.poll(() => app.terminal.text()).toContain('still-one');
});

test('Ctrl+Shift+F searches the scrollback; Reconnect starts a new shell below a separator', async ({ app, sshd }) => {
  await app.hosts.add({ name: 'search me', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath });
  await app.hosts.open('search me');
  await app.terminal.waitConnected();
  await app.terminal.type('for i in $(seq 1 200); do echo line-$i; done; echo needle-$((40+2))\n');
  await expect.poll(() => app.terminal.text()).toContain('needle-42');
  await app.terminal.openSearch();
  await expect(app.terminal.searchBox()).toBeFocused();
  await app.terminal.search('haystack-that-is-not-there');
  await expect(app.terminal.noMatch()).toBeVisible();
  await app.terminal.search('line-7');
  await expect(app.terminal.noMatch()).toHaveCount(0);
  await app.terminal.closeSearch();
  await expect(app.terminal.searchBox()).toHaveCount(0);

  await app.terminal.type('exit\n');
  await expect(app.terminal.status()).toContainText('The shell exited with status 0.');
  await app.terminal.reconnect();
  await app.terminal.waitConnected();
  await expect.poll(() => app.terminal.text()).toMatch(/──── reconnected/);
  await app.terminal.type('echo back-$((1+2))\n');
  await expect.poll(() => app.terminal.text()).toContain('back-3');
});

test('copy with Ctrl+Shift+C and paste with Ctrl+Shift+V', async ({ app, sshd, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await app.hosts.add({ name: 'clip', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath });
  await app.hosts.open('clip');
  await app.terminal.waitConnected();
  await app.clipboard.write('echo pasted-$((3+4))');
  await app.terminal.paste();
  // Pasted once (not twice), and run only when the user presses Enter (bracketed paste).
  await expect.poll(() => app.terminal.text()).toMatch(/# echo pasted-\$\(\(3\+4\)\)\s*$/m);
  await app.terminal.press('Enter');
  await expect.poll(() => app.terminal.text()).toMatch(/^pasted-7$/m);

  await app.terminal.type('clear; echo copyme$((1000+234))\n');
  await expect.poll(() => app.terminal.text()).toMatch(/^copyme1234$/m);
  // Double-click selects the word under the pointer, as in any terminal.
  await app.terminal.doubleClickLine(/^copyme1234\s*$/);
  await app.terminal.copy();
  await expect.poll(() => app.clipboard.read()).toBe('copyme1234');
});
