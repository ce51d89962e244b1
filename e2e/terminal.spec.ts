import { copyFileSync, mkdirSync } from 'node:fs';
import { test, expect } from './fixtures';

test('add a host, open a terminal, type, resize, exit, and find the host after a restart', async ({ app, sshd, harness, page }) => {
  await app.addHost({ name: 'local sshd', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath });
  await app.openHost('local sshd');
  await expect(app.tab('local sshd')).toBeVisible();
  await app.waitConnected();

  await app.typeInTerminal('echo warren-$RANDOM-$((6*7))\n');
  // The typed line shows `$RANDOM`; only the shell's output has digits there.
  await expect.poll(() => app.terminalText()).toMatch(/warren-\d+-42/);

  // The remote PTY follows the window: a smaller window gives fewer rows and columns.
  let probe = 0;
  const remoteSize = async () => {
    const n = ++probe;
    await app.typeInTerminal(`echo size-$(stty size | tr ' ' x)-$((${n}*1))\n`);
    const pattern = new RegExp(`size-(\\d+)x(\\d+)-${n}\\b`);
    await expect.poll(() => app.terminalText()).toMatch(pattern);
    const [, rows, cols] = pattern.exec(await app.terminalText())!;
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
    await app.typeInTerminal('clear; printf "\\033[1;32mwarren\\033[0m is connected to \\033[1;34m%s\\033[0m\\n" "$(hostname)"; ls --color=always -la /usr\n');
    await expect.poll(() => app.terminalText()).toMatch(/ src\s*\n.*[#$]/);
    await page.screenshot({ path: 'test-results/screenshot.png' });
    mkdirSync('docs', { recursive: true });
    copyFileSync('test-results/screenshot.png', 'docs/screenshot.png');
  }

  await app.typeInTerminal('exit 3\n');
  await expect(app.sessionStatus()).toContainText('The shell exited with status 3.');
  await expect(app.sessionStatus().getByRole('button', { name: 'Reconnect' })).toBeVisible();

  const restarted = await harness.restart();
  await app.open(restarted.url);
  await expect(app.treeItem('local sshd')).toBeVisible();
  await expect(app.treeItem('local sshd')).toHaveAccessibleName(`local sshd (${sshd.user}@127.0.0.1:${sshd.port})`);
});

test('two tabs to two hosts; closing one leaves the other working', async ({ app, sshd }) => {
  await app.addHost({ name: 'first', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath });
  await app.addHost({ name: 'second', host: 'localhost', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath });
  await app.openHost('first');
  await app.waitConnected();
  await app.typeInTerminal('export TABNAME=one\n');
  await app.openHost('second');
  await app.waitConnected();
  await app.typeInTerminal('echo tab-$((1+1))\n');
  await expect.poll(() => app.terminalText()).toContain('tab-2');
  await app.page.getByRole('button', { name: 'Close second' }).click();
  await expect(app.tab('second')).toHaveCount(0);
  await expect(app.tab('first')).toHaveAttribute('aria-selected', 'true');
  await app.typeInTerminal('echo still-$TABNAME\n');
  await expect.poll(() => app.terminalText()).toContain('still-one');
});

test('Ctrl+Shift+F searches the scrollback; Reconnect starts a new shell below a separator', async ({ app, sshd, page }) => {
  await app.addHost({ name: 'search me', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath });
  await app.openHost('search me');
  await app.waitConnected();
  await app.typeInTerminal('for i in $(seq 1 200); do echo line-$i; done; echo needle-$((40+2))\n');
  await expect.poll(() => app.terminalText()).toContain('needle-42');
  await page.keyboard.press('Control+Shift+F');
  const search = page.getByLabel('Search the terminal');
  await expect(search).toBeFocused();
  await search.fill('haystack-that-is-not-there');
  await search.press('Enter');
  await expect(page.getByText('No match')).toBeVisible();
  await search.fill('line-7');
  await search.press('Enter');
  await expect(page.getByText('No match')).toHaveCount(0);
  await search.press('Escape');
  await expect(search).toHaveCount(0);

  await app.typeInTerminal('exit\n');
  await expect(app.sessionStatus()).toContainText('The shell exited with status 0.');
  await app.sessionStatus().getByRole('button', { name: 'Reconnect' }).click();
  await app.waitConnected();
  await expect.poll(() => app.terminalText()).toMatch(/──── reconnected/);
  await app.typeInTerminal('echo back-$((1+2))\n');
  await expect.poll(() => app.terminalText()).toContain('back-3');
});

test('copy with Ctrl+Shift+C and paste with Ctrl+Shift+V', async ({ app, sshd, page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await app.addHost({ name: 'clip', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath });
  await app.openHost('clip');
  await app.waitConnected();
  await page.evaluate(() => navigator.clipboard.writeText('echo pasted-$((3+4))'));
  await app.activeTerminal().locator('.xterm-helper-textarea').focus();
  await page.keyboard.press('Control+Shift+V');
  // Pasted once (not twice), and run only when the user presses Enter (bracketed paste).
  await expect.poll(() => app.terminalText()).toMatch(/# echo pasted-\$\(\(3\+4\)\)\s*$/m);
  await page.keyboard.press('Enter');
  await expect.poll(() => app.terminalText()).toMatch(/^pasted-7$/m);

  await app.typeInTerminal('clear; echo copyme$((1000+234))\n');
  await expect.poll(() => app.terminalText()).toMatch(/^copyme1234$/m);
  // Double-click selects the word under the pointer, as in any terminal.
  const rows = app.activeTerminal().locator('.xterm-rows > div');
  const line = rows.filter({ hasText: /^copyme1234\s*$/ }).first();
  const box = (await line.boundingBox())!;
  await page.mouse.dblclick(box.x + 20, box.y + box.height / 2);
  await page.keyboard.press('Control+Shift+C');
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe('copyme1234');
});
