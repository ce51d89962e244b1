import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from './fixtures';


test('split a tab right and down: each pane is its own shell sized to the pane; drag a divider, move the focus by keyboard, close a pane; the keys never reach the shell', async ({ app, sshd }) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'warren-split-'));
  try {
    await app.hosts.add({ name: 'split', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath });
    await app.hosts.open('split');
    await app.terminal.waitConnected();
    const whole = await app.terminal.remoteSize(0);

    // What pane 0's shell receives goes to a file: the split keys must not be in it.
    const typed = path.join(dir, 'typed');
    await app.terminal.type(`cat -v > ${typed}\n`);
    await expect.poll(() => existsSync(typed)).toBe(true);

    await app.terminal.press('Control+Shift+D');
    await app.terminal.waitPanesConnected(2);
    await expect(app.terminal.paneCount('split')).toHaveText('⊞2');
    await expect(app.terminal.tabNames()).resolves.toEqual(['split']);
    expect(await app.terminal.focusedPane()).toBe(1);
    const right = await app.terminal.remoteSize(1);
    // Half the width (less the divider and padding), the full height.
    expect(right.cols).toBeLessThan(whole.cols * 0.55);
    expect(right.cols).toBeGreaterThan(whole.cols * 0.4);
    expect(right.rows).toBe(whole.rows);
    // Its own session: another terminal device than pane 0's.
    await app.terminal.type('tty\n');
    await expect.poll(() => app.terminal.paneText(1)).toMatch(/\/dev\/pts\/\d+/);

    await app.terminal.toolbarButton('Split down').click();
    await app.terminal.waitPanesConnected(3);
    const lower = await app.terminal.remoteSize(2);
    expect(lower.rows).toBeLessThan(whole.rows * 0.55);
    expect(lower.cols).toBe(right.cols);

    // Alt+arrows move the focus between panes by position.
    await app.terminal.press('Alt+ArrowUp');
    expect(await app.terminal.focusedPane()).toBe(1);
    await app.terminal.press('Alt+ArrowLeft');
    expect(await app.terminal.focusedPane()).toBe(0);
    await app.terminal.press('Alt+ArrowRight');
    expect(await app.terminal.focusedPane()).toBe(1);

    // Dragging the upright divider 150 px right makes the left pane wider and the right ones narrower.
    const before = await app.terminal.paneBox(0);
    await app.terminal.dragDivider(0, 150, 0);
    await expect.poll(async () => (await app.terminal.paneBox(0)).width).toBeGreaterThan(before.width + 140);
    await expect.poll(async () => (await app.terminal.remoteSize(2)).cols).toBeLessThan(lower.cols);
    // Alt+Shift+arrow moves the nearest divider too.
    const taller = (await app.terminal.paneBox(2)).height;
    await app.terminal.press('Alt+Shift+ArrowUp');
    await expect.poll(async () => (await app.terminal.paneBox(2)).height).toBeGreaterThan(taller + 10);

    // Ctrl+Shift+W closes the focused pane only; the pane beside it takes the space and the focus.
    await app.terminal.press('Control+Shift+W');
    await expect(app.terminal.panes()).toHaveCount(2);
    await expect(app.terminal.paneCount('split')).toHaveText('⊞2');

    // Pane 0's `cat -v` got none of the keys above: only what is typed now.
    await app.terminal.clickPane(0);
    expect(await app.terminal.focusedPane()).toBe(0);
    await app.terminal.type('ok\n');
    await app.terminal.press('Control+D');
    await expect.poll(() => readFileSync(typed, 'utf8')).toBe('ok\n');

    // Closing the tab closes every pane in it.
    await app.terminal.closeTab('split');
    await expect(app.terminal.panes()).toHaveCount(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('broadcast sends keystrokes (and snippets) to exactly the chosen terminals: this tab’s panes, selected ones, or all; Ctrl+Shift+B stops it', async ({ app, sshd }) => {
  await app.hosts.add({ name: 'fleet', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath });
  await app.hosts.add({ name: 'other', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath });
  await app.hosts.open('other');
  await app.terminal.waitConnected();
  await app.hosts.open('fleet');
  await app.terminal.waitConnected();
  await app.terminal.press('Control+Shift+D');
  await app.terminal.waitPanesConnected(2);
  await app.terminal.clickPane(0);

  // Off: typing reaches only the focused pane, and no broadcast mark shows.
  await expect(app.terminal.broadcastBanner()).toHaveCount(0);
  await app.terminal.type('echo solo-$((6*7))\n');
  await expect.poll(() => app.terminal.paneText(0)).toMatch(/^solo-42\s*$/m);

  // Ctrl+Shift+B: this tab's panes. The `$((…))` is only 42 once a shell ran it, so a match is what each remote received.
  await app.terminal.press('Control+Shift+B');
  await expect(app.terminal.broadcastBanner()).toContainText('Typing goes to 2 terminals');
  await expect(app.terminal.broadcastingPanes()).toHaveCount(2);
  await app.terminal.type('echo tab-$((6*7))\n');
  await expect.poll(() => app.terminal.paneText(0)).toMatch(/^tab-42\s*$/m);
  await expect.poll(() => app.terminal.paneText(1)).toMatch(/^tab-42\s*$/m);
  expect(await app.terminal.paneText(1)).not.toMatch(/^solo-42\s*$/m);

  // A snippet runs into the broadcast set too.
  await app.snippets.openWithShortcut();
  await app.snippets.create({ name: 'Both', command: 'echo snip-$((6*7))', scope: 'all', pressEnter: true });
  await app.snippets.search('Both');
  await app.terminal.press('Enter');
  await expect.poll(() => app.terminal.paneText(0)).toMatch(/^snip-42\s*$/m);
  await expect.poll(() => app.terminal.paneText(1)).toMatch(/^snip-42\s*$/m);

  // All terminals: typed in the other tab, it reaches all three.
  await app.terminal.chooseBroadcast('All terminals');
  await expect(app.terminal.broadcastBanner()).toContainText('Typing goes to 3 terminals');
  await app.terminal.press('Alt+1');
  await expect(app.terminal.namedTab('other')).toHaveAttribute('aria-selected', 'true');
  expect(await app.terminal.text()).not.toMatch(/^tab-42\s*$/m);
  await app.terminal.type('echo all-$((6*7))\n');
  await expect.poll(() => app.terminal.text()).toMatch(/^all-42\s*$/m);
  await app.terminal.press('Alt+2');
  await expect.poll(() => app.terminal.paneText(0)).toMatch(/^all-42\s*$/m);
  await expect.poll(() => app.terminal.paneText(1)).toMatch(/^all-42\s*$/m);

  // Selected: starts with the focused pane; tick the other pane of this tab, and not the other tab.
  await app.terminal.clickPane(1);
  await app.terminal.chooseBroadcast('Selected terminals');
  await expect(app.terminal.broadcastPick(1)).toBeChecked();
  await expect(app.terminal.broadcastPick(0)).not.toBeChecked();
  await app.terminal.broadcastPick(0).check();
  await expect(app.terminal.broadcastBanner()).toContainText('Typing goes to 2 terminals');
  await app.terminal.clickPane(1);
  await app.terminal.type('echo picked-$((6*7))\n');
  await expect.poll(() => app.terminal.paneText(0)).toMatch(/^picked-42\s*$/m);
  await expect.poll(() => app.terminal.paneText(1)).toMatch(/^picked-42\s*$/m);

  // One key stops it: typing reaches only the focused pane again, and the marks go.
  await app.terminal.press('Control+Shift+B');
  await expect(app.terminal.broadcastBanner()).toHaveCount(0);
  await expect(app.terminal.broadcastingPanes()).toHaveCount(0);
  await app.terminal.type('echo after-$((6*7))\n');
  await expect.poll(() => app.terminal.paneText(1)).toMatch(/^after-42\s*$/m);
  expect(await app.terminal.paneText(0)).not.toMatch(/^after-42\s*$/m);
  await app.terminal.press('Alt+1');
  expect(await app.terminal.text()).not.toMatch(/picked-42|after-42|snip-42/);
});
