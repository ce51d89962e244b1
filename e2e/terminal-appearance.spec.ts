import { test, expect } from './fixtures';
import type { AppPage } from './pages/app-page';
import type { Sshd } from '../test-support/sshd';


/** `rgb(r, g, b)` → WCAG relative luminance, 0 (black) to 1 (white). */
function luminance(css: string): number {
  const [r, g, b] = (css.match(/\d+/g) ?? []).slice(0, 3).map((n) => Number(n) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

async function connect(app: AppPage, sshd: Sshd, name: string): Promise<void> {
  await app.hosts.add({ name, host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath });
  await app.hosts.open(name);
  await app.terminal.waitConnected();
}

test('the "system" theme follows the OS live; a chosen scheme replaces it', async ({ app, sshd, page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await connect(app, sshd, 'themed');
  await expect.poll(async () => luminance(await app.settings.terminalBackground())).toBeLessThan(0.05);

  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(async () => luminance(await app.settings.terminalBackground())).toBeGreaterThan(0.8);

  await page.emulateMedia({ colorScheme: 'dark' });
  await app.settings.open();
  await expect(app.settings.field('Theme')).toHaveValue('system');
  await app.settings.chooseTheme('Solarized Light');
  await expect.poll(() => app.settings.terminalBackground()).toBe('rgb(253, 246, 227)');
  // A named scheme no longer follows the OS.
  await page.emulateMedia({ colorScheme: 'light' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(() => app.settings.terminalBackground()).toBe('rgb(253, 246, 227)');

  await app.settings.close();
  await app.terminal.type('clear; printf "\\033[1;32mwarren\\033[0m \\033[34mblue\\033[0m \\033[31mred\\033[0m \\033[33myellow\\033[0m\\n"; ls --color=always -la /usr\n');
  await expect.poll(() => app.terminal.text()).toMatch(/ share\s*\n/);
  await app.press('Control+Comma');
  await expect(app.settings.root).toBeVisible();
  await expect(app.settings.section('Terminal')).toBeVisible();
  await expect(app.settings.section('Connections')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('settings-dialog-light.png') });
});

test('Ctrl+= zooms every terminal and the PTY follows; Ctrl+0 restores; the shell never sees the keys', async ({ app, sshd }) => {
  await connect(app, sshd, 'zoomed');
  const size = () => app.terminal.remoteSize();
  const before = await size();
  expect(await app.settings.terminalFontSize()).toBe(14);

  // cat -v shows any byte the keys would send (^[ for an escape, ^_ for Ctrl+-, a literal =).
  await app.terminal.type('echo start-$((2+3)); cat -v\n');
  await expect.poll(() => app.terminal.text()).toMatch(/^start-5\s*$/m);
  await app.terminal.press('Control+Equal');
  await app.terminal.press('Control+Equal');
  await expect.poll(() => app.settings.terminalFontSize()).toBe(16);
  await app.terminal.press('Control+Shift+Equal');
  await expect.poll(() => app.settings.terminalFontSize()).toBe(17);
  await app.terminal.press('Control+Minus');
  await expect.poll(() => app.settings.terminalFontSize()).toBe(16);
  await app.terminal.press('Control+C');
  await expect.poll(() => app.terminal.text()).toMatch(/\^C/);
  // Between the marker and cat's ^C, nothing: not =, +, ^_ or an escape sequence.
  expect(/^start-5\s*$([\s\S]*)\^C/m.exec(await app.terminal.text())?.[1]?.trim()).toBe('');

  const zoomed = await size();
  expect(zoomed.cols).toBeLessThan(before.cols);
  expect(zoomed.rows).toBeLessThan(before.rows);

  // Persisted, and shown in Settings.
  await app.settings.open();
  await expect(app.settings.field('Font size')).toHaveValue('16');
  await app.settings.close();

  await app.terminal.focus();
  await app.terminal.press('Control+Digit0');
  await expect.poll(() => app.settings.terminalFontSize()).toBe(14);
  await expect.poll(async () => (await size()).cols).toBe(before.cols);
});

test('copy on select puts the selection on the clipboard; right-click pastes only when asked to', async ({ app, sshd, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await connect(app, sshd, 'clippy');

  await app.clipboard.write('echo pasted-$((3+4))');
  await app.settings.rightClickTerminal();
  await app.terminal.type('echo fence-$((1+1))\n');
  await expect.poll(() => app.terminal.text()).toContain('fence-2');
  expect(await app.terminal.text()).not.toContain('pasted');

  await app.settings.open();
  await app.settings.setCheck('Copy on select', true);
  await app.settings.setCheck('Right-click pastes', true);
  await app.settings.close();

  await app.settings.rightClickTerminal();
  // The paste reads the clipboard asynchronously: wait until it sits on the prompt before Enter.
  await expect.poll(() => app.terminal.text()).toMatch(/# echo pasted-\$\(\(3\+4\)\)\s*$/);
  await app.terminal.press('Enter');
  await expect.poll(() => app.terminal.text()).toContain('pasted-7');

  await app.terminal.type('echo copyme$((1000+234))\n');
  await expect.poll(() => app.terminal.text()).toMatch(/^copyme1234\s*$/m);
  await app.terminal.doubleClickLine(/^copyme1234\s*$/);
  await expect.poll(() => app.clipboard.read()).toBe('copyme1234');
});

test('cursor style and scrollback reach the terminal, and every setting survives a restart', async ({ app, sshd, harness }) => {
  await connect(app, sshd, 'kept');
  await expect(app.settings.cursor()).toHaveClass(/xterm-cursor-block/);
  await app.terminal.type('for i in $(seq 1 300); do echo row-$i; done\n');
  await expect.poll(() => app.terminal.text()).toContain('row-300');
  await app.terminal.openSearch();
  await app.terminal.search('row-7');
  await expect(app.terminal.noMatch()).toHaveCount(0);
  await app.terminal.closeSearch();

  await app.settings.open();
  await app.settings.chooseTheme('Dracula');
  await app.settings.chooseCursor('Bar');
  await app.settings.enter('Font size', '18');
  await app.settings.enter('Scrollback lines', '50');
  await app.settings.setCheck('Copy on select', true);
  await app.settings.setCheck('Reconnect automatically', false);
  await app.settings.close();

  // Typing brings the view back down to the cursor (the search above scrolled up to row-7).
  await app.terminal.type('echo at-the-bottom\n');
  await expect(app.settings.cursor()).toHaveClass(/xterm-cursor-bar/);
  await expect.poll(() => app.settings.terminalFontSize()).toBe(18);
  await expect.poll(() => app.settings.terminalBackground()).toBe('rgb(40, 42, 54)');
  // 300 rows no longer fit in 50 lines of scrollback: the early ones are gone.
  await app.terminal.openSearch();
  await app.terminal.search('row-7');
  await expect(app.terminal.noMatch()).toBeVisible();
  await app.terminal.search('row-300');
  await expect(app.terminal.noMatch()).toHaveCount(0);
  await app.terminal.closeSearch();

  const restarted = await harness.restart();
  await app.open(restarted.url);
  await app.hosts.open('kept');
  await app.terminal.waitConnected();
  await expect(app.settings.cursor()).toHaveClass(/xterm-cursor-bar/);
  await expect.poll(() => app.settings.terminalFontSize()).toBe(18);
  await expect.poll(() => app.settings.terminalBackground()).toBe('rgb(40, 42, 54)');

  await app.settings.open();
  await expect(app.settings.field('Theme')).toHaveValue('dracula');
  await expect(app.settings.field('Cursor')).toHaveValue('bar');
  await expect(app.settings.field('Font size')).toHaveValue('18');
  await expect(app.settings.field('Scrollback lines')).toHaveValue('50');
  await expect(app.settings.check('Copy on select')).toBeChecked();
  await expect(app.settings.check('Right-click pastes')).not.toBeChecked();
  await expect(app.settings.check('Reconnect automatically')).not.toBeChecked();
});

test('the cursor stops blinking while output streams and blinks again once it stops', async ({ app, sshd, page }) => {
  await connect(app, sshd, 'streaming');
  // Read in one go in the page: in a flood the cursor's cell is re-created every frame, and a handle to it goes stale.
  const cursorAnimation = () =>
    page.evaluate(() => {
      const cursor = document.querySelector('.terminal-host .xterm-rows .xterm-cursor');
      return cursor ? getComputedStyle(cursor).animationName : 'no cursor';
    });
  const streaming = () => page.locator('.terminal-host.terminal-streaming').count();
  await app.terminal.type('echo ready\n');
  await expect.poll(() => app.terminal.text()).toContain('ready');
  // Idle and focused: the default blinking cursor has its animation.
  await expect.poll(cursorAnimation).toMatch(/^blink_/);

  await app.terminal.type('timeout 5 yes warren-stream; echo stream-$((6*7))\n');
  await expect.poll(streaming).toBe(1);
  await expect.poll(cursorAnimation).toBe('none');
  await expect.poll(() => app.terminal.text(), { timeout: 15_000 }).toContain('stream-42');
  // Quiet again: the mark goes and the cursor blinks.
  await expect.poll(streaming).toBe(0);
  await expect.poll(cursorAnimation).toMatch(/^blink_/);
});
