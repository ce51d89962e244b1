import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
  const before = await app.terminal.remoteSize();
  expect(before.cols).toBeGreaterThan(80);
  await page.setViewportSize({ width: 800, height: 450 });
  await expect.poll(async () => (await app.terminal.remoteSize()).cols).toBeLessThan(before.cols);
  const after = await app.terminal.remoteSize();
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
  await app.hosts.add({ name: 'second', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath });
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

test('tabs to one host are numbered, show the remote title beside the name, and keep a name the user gives them', async ({ app, sshd, page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await app.hosts.add({ name: 'my-server', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath });
  await app.hosts.open('my-server');
  await app.terminal.waitConnected();
  await app.hosts.open('my-server');
  await app.terminal.waitConnected();
  expect(await app.terminal.tabNames()).toEqual(['my-server', 'my-server (2)']);

  await app.terminal.type(String.raw`printf '\033]0;build-box\007'` + '\n');
  await expect(app.terminal.tabDetail('my-server (2)')).toHaveText('build-box');
  await expect(app.terminal.tabDetail('my-server')).toHaveCount(0);

  // A renamed tab keeps its name, whatever the remote sets afterwards.
  await app.terminal.renameTab('my-server (2)', 'deploy');
  await app.terminal.type(String.raw`printf '\033]2;vim\007'; echo osc-$((1+1))` + '\n');
  await expect.poll(() => app.terminal.text()).toMatch(/^osc-2\s*$/m);
  expect(await app.terminal.tabNames()).toEqual(['my-server', 'deploy']);
  await expect(app.terminal.tabDetail('deploy')).toHaveCount(0);
  // An empty name (F2 this time) goes back to the automatic title, with the remote's latest.
  await app.terminal.renameTab('deploy', '', 'F2');
  await expect(app.terminal.tabDetail('my-server (2)')).toHaveText('vim');

  // Four tabs at 1400×900: every name is whole; long remote titles give way first.
  await app.hosts.add({ name: 'staging-database', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath });
  await app.hosts.open('staging-database');
  await app.terminal.waitConnected();
  await app.terminal.type(String.raw`printf '\033]0;root@warren-test: /var/lib/postgresql/15/main/pg_wal\007'` + '\n');
  await app.hosts.open('my-server');
  await app.terminal.waitConnected();
  await app.terminal.type(String.raw`printf '\033]0;tail -f /var/log/syslog\007'` + '\n');
  await expect(app.terminal.tabDetail('my-server (3)')).toHaveText('tail -f /var/log/syslog');
  expect(await app.terminal.tabNames()).toEqual(['my-server', 'my-server (2)', 'staging-database', 'my-server (3)']);
  expect(await app.terminal.truncatedTabNames()).toEqual([]);
  await app.terminal.tabStrip().screenshot({ path: 'test-results/tab-strip.png' });
  await page.screenshot({ path: 'test-results/tab-strip-page.png' });
});

test('Ctrl+Tab, Ctrl+PageUp/PageDown and Alt+n switch tabs, and the shell receives none of those keys', async ({ app, sshd }) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'warren-keys-'));
  try {
    await app.hosts.add({ name: 'keys', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath });
    await app.hosts.open('keys');
    await app.terminal.waitConnected();
    await app.hosts.open('keys');
    await app.terminal.waitConnected();
    // Each shell copies what it receives, control characters made visible, into a file.
    const first = path.join(dir, 'first');
    const second = path.join(dir, 'second');
    await app.terminal.type(`cat -v > ${second}\n`);
    await expect.poll(() => existsSync(second)).toBe(true);
    await app.terminal.press('Alt+1');
    await expect(app.terminal.namedTab('keys')).toHaveAttribute('aria-selected', 'true');
    await app.terminal.type(`cat -v > ${first}\n`);
    await expect.poll(() => existsSync(first)).toBe(true);

    await app.terminal.type('x');
    const steps: [string, string][] = [
      ['Control+Tab', 'keys (2)'],
      ['Control+Shift+Tab', 'keys'],
      ['Control+PageDown', 'keys (2)'],
      ['Control+PageUp', 'keys'],
      ['Alt+2', 'keys (2)'],
      ['Alt+1', 'keys'],
      ['Control+Tab', 'keys (2)'],
      ['Alt+9', 'keys (2)'],
      ['Control+Tab', 'keys'],
    ];
    for (const [key, selected] of steps) {
      await app.terminal.press(key);
      await expect(app.terminal.namedTab(selected)).toHaveAttribute('aria-selected', 'true');
    }
    // With the focus outside the terminal (on the tab strip) the keys work too.
    await app.terminal.namedTab('keys').focus();
    await app.terminal.press('Control+Tab');
    await expect(app.terminal.namedTab('keys (2)')).toHaveAttribute('aria-selected', 'true');
    await app.terminal.press('Alt+1');
    await expect(app.terminal.namedTab('keys')).toHaveAttribute('aria-selected', 'true');

    await app.terminal.type('yz\n');
    await app.terminal.press('Control+D');
    await expect.poll(() => readFileSync(first, 'utf8')).toBe('xyz\n');
    await app.terminal.press('Alt+2');
    await expect(app.terminal.namedTab('keys (2)')).toHaveAttribute('aria-selected', 'true');
    await app.terminal.focus();
    await app.terminal.press('Control+D');
    await expect.poll(() => app.terminal.text()).toMatch(/cat -v > \S+second\s*\n.*[#$]/);
    expect(readFileSync(second, 'utf8')).toBe('');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('Ctrl+Shift+T opens a new session to the same host beside the tab; Ctrl+Shift+W closes it; neither reaches the shell', async ({ app, sshd }) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'warren-keys-'));
  try {
    await app.hosts.add({ name: 'dup', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath });
    await app.hosts.add({ name: 'other', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath });
    await app.hosts.open('dup');
    await app.terminal.waitConnected();
    await app.hosts.open('other');
    await app.terminal.waitConnected();
    await app.terminal.press('Alt+1');
    const file = path.join(dir, 'typed');
    await app.terminal.type(`cat -v > ${file}\n`);
    await expect.poll(() => existsSync(file)).toBe(true);

    await app.terminal.press('Control+Shift+T');
    await expect(app.terminal.namedTab('dup (2)')).toHaveAttribute('aria-selected', 'true');
    expect(await app.terminal.tabNames()).toEqual(['dup', 'dup (2)', 'other']);
    await app.terminal.waitConnected();
    await app.terminal.type('echo dup-$((2+3))\n');
    await expect.poll(() => app.terminal.text()).toMatch(/^dup-5\s*$/m);

    await app.terminal.press('Control+Shift+W');
    await expect(app.terminal.namedTab('dup (2)')).toHaveCount(0);
    expect(await app.terminal.tabNames()).toEqual(['dup', 'other']);
    await app.terminal.press('Alt+1');
    await expect(app.terminal.namedTab('dup')).toHaveAttribute('aria-selected', 'true');
    await app.terminal.type('ok\n');
    await app.terminal.press('Control+D');
    await expect.poll(() => readFileSync(file, 'utf8')).toBe('ok\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('tabs reorder by dragging and with Ctrl+Shift+PageUp/PageDown; a moved terminal keeps working', async ({ app, sshd }) => {
  await app.hosts.add({ name: 'drag', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath });
  for (let i = 0; i < 3; i++) {
    await app.hosts.open('drag');
    await app.terminal.waitConnected();
  }
  await app.terminal.type('export MARK=third\n');
  expect(await app.terminal.tabNames()).toEqual(['drag', 'drag (2)', 'drag (3)']);
  await app.terminal.dragTab('drag', 'drag (3)');
  await expect.poll(() => app.terminal.tabNames()).toEqual(['drag (2)', 'drag (3)', 'drag']);
  // The selected tab ("drag (3)") moves with the keyboard.
  await app.terminal.press('Control+Shift+PageUp');
  await expect.poll(() => app.terminal.tabNames()).toEqual(['drag (3)', 'drag (2)', 'drag']);
  await app.terminal.press('Control+Shift+PageUp');
  await app.terminal.press('Control+Shift+PageDown');
  await app.terminal.press('Control+Shift+PageDown');
  await expect.poll(() => app.terminal.tabNames()).toEqual(['drag (2)', 'drag', 'drag (3)']);
  await expect(app.terminal.namedTab('drag (3)')).toHaveAttribute('aria-selected', 'true');
  await app.terminal.type('echo still-$MARK\n');
  await expect.poll(() => app.terminal.text()).toMatch(/^still-third\s*$/m);
});

test('a link printed in the terminal asks first: Cancel opens nothing, Open opens only that address (plain and OSC 8)', async ({ app, sshd, page }) => {
  // The browser window a link opens gets a page of our own, so its address is the one asked for.
  await page.context().route('https://example.invalid/**', (route) => route.fulfill({ body: 'opened' }));
  const popups: string[] = [];
  page.on('popup', (popup) => popups.push(popup.url()));
  await app.hosts.add({ name: 'links', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath });
  await app.hosts.open('links');
  await app.terminal.waitConnected();

  await app.terminal.type("clear; printf 'https://example.invalid/warren-%s\\n' $((6*7))\n");
  await expect.poll(() => app.terminal.text()).toMatch(/^https:\/\/example\.invalid\/warren-42\s*$/m);
  await app.terminal.clickLinkOnLine(/^https:\/\/example\.invalid\/warren-42\s*$/);
  await expect(app.terminal.linkDialog()).toContainText('Open https://example.invalid/warren-42 in your browser?');
  await expect(app.terminal.linkDialogButton('Cancel')).toBeFocused();
  await app.terminal.linkDialogButton('Cancel').click();
  await expect(app.terminal.linkDialog()).toHaveCount(0);

  // An OSC 8 hyperlink: the dialog shows where it really goes, not its text.
  await app.terminal.type(String.raw`clear; printf '\033]8;;https://example.invalid/osc8-target\033\\osc8-%s\033]8;;\033\\\n' link` + '\n');
  await expect.poll(() => app.terminal.text()).toMatch(/^osc8-link\s*$/m);
  await app.terminal.clickLinkOnLine(/^osc8-link\s*$/);
  await expect(app.terminal.linkDialog()).toContainText('Open https://example.invalid/osc8-target in your browser?');
  const popup = page.waitForEvent('popup');
  await app.terminal.linkDialogButton('Open').click();
  await popup;
  // One window only: for the confirmed address (the cancelled one never opened, and no about:blank first).
  await expect.poll(() => popups.length).toBe(1);
  expect(popups[0]).toBe('https://example.invalid/osc8-target');
});
