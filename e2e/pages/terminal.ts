// Terminal tabs: the active terminal, its status line, search, clipboard, and
// the host-key-changed alert shown in it.
import { expect, type Locator, type Page } from '@playwright/test';
import { LogDialog } from './dialogs';

export class Terminal {
  /** Numbers each `stty size` probe, so an earlier answer on screen is never read as this one's. */
  private sizeProbes = 0;

  constructor(private readonly page: Page) {}

  /**
   * The remote PTY's size as `stty size` reports it, asked through the shell
   * of pane n (0-based, clicked first) or of the focused pane. The typed line
   * shows `$((n*1))`; only the shell's answer has the number there.
   */
  async remoteSize(pane?: number): Promise<{ rows: number; cols: number }> {
    const n = ++this.sizeProbes;
    if (pane !== undefined) await this.clickPane(pane);
    await this.type(`echo size-$(stty size | tr ' ' x)-p$((${n}*1))\n`);
    const pattern = new RegExp(`size-(\\d+)x(\\d+)-p${n}\\b`);
    const screen = () => (pane === undefined ? this.text() : this.paneText(pane));
    await expect.poll(screen).toMatch(pattern);
    const [, rows, cols] = pattern.exec(await screen())!;
    return { rows: Number(rows), cols: Number(cols) };
  }

  /** The focused terminal pane of the selected tab. */
  pane(): Locator {
    return this.page.locator('.terminal-pane:not([hidden])[data-focused="true"]');
  }

  // ---- split panes and broadcast ----

  /** Every terminal pane of the selected tab, in the order they opened. */
  panes(): Locator {
    return this.page.locator('.terminal-pane:not([hidden])');
  }

  /** The text on screen in the n-th pane (0-based) of the selected tab. */
  async paneText(n: number): Promise<string> {
    return this.panes().nth(n).locator('.xterm-rows').innerText();
  }

  /** Index of the focused pane among panes(). */
  async focusedPane(): Promise<number> {
    return (await this.panes().evaluateAll((panes) => panes.map((p) => p.getAttribute('data-focused')))).indexOf('true');
  }

  async clickPane(n: number): Promise<void> {
    await this.panes().nth(n).locator('.xterm-screen').click();
  }

  async waitPanesConnected(count: number): Promise<void> {
    await expect(this.panes()).toHaveCount(count);
    for (let i = 0; i < count; i++) await expect(this.panes().nth(i)).toHaveAttribute('data-state', 'connected');
  }

  /** The pane's size on screen, in CSS pixels. */
  async paneBox(n: number): Promise<{ x: number; y: number; width: number; height: number }> {
    return (await this.panes().nth(n).boundingBox())!;
  }

  toolbarButton(name: 'Split right' | 'Split down' | RegExp): Locator {
    return this.page.getByRole('toolbar', { name: 'Terminal' }).getByRole('button', { name });
  }

  dividers(): Locator {
    return this.page.getByRole('separator');
  }

  /** Drags a divider by (dx, dy) pixels, held a quarter along its length (its middle may be where another divider meets it). */
  async dragDivider(n: number, dx: number, dy: number): Promise<void> {
    const box = (await this.dividers().nth(n).boundingBox())!;
    const x = box.x + (box.width > box.height ? box.width / 4 : box.width / 2);
    const y = box.y + (box.width > box.height ? box.height / 2 : box.height / 4);
    await this.page.mouse.move(x, y);
    await this.page.mouse.down();
    await this.page.mouse.move(x + dx / 2, y + dy / 2);
    await this.page.mouse.move(x + dx, y + dy);
    await this.page.mouse.up();
  }

  /** The "N panes" mark of a tab in the strip. */
  paneCount(tabName: string): Locator {
    return this.namedTab(tabName).locator('.tab-panes');
  }

  async chooseBroadcast(mode: 'Off' | 'All panes in this tab' | 'Selected terminals' | 'All terminals'): Promise<void> {
    await this.toolbarButton(/^Broadcast/).click();
    await this.page.getByRole('menuitemradio', { name: mode }).click();
  }

  broadcastBanner(): Locator {
    return this.page.getByRole('status', { name: 'Broadcast input' });
  }

  /** The "Broadcast" tick box on the n-th pane (shown while broadcasting to selected terminals). */
  broadcastPick(n: number): Locator {
    return this.panes().nth(n).getByRole('checkbox', { name: 'Broadcast' });
  }

  /** Panes drawn with the broadcast frame. */
  broadcastingPanes(): Locator {
    return this.page.locator('.terminal-pane.pane-broadcast');
  }

  async waitConnected(): Promise<void> {
    await expect(this.pane()).toHaveAttribute('data-state', 'connected');
  }

  /** The text on screen in the active terminal (xterm's DOM renderer rows). */
  async text(): Promise<string> {
    return this.pane().locator('.xterm-rows').innerText();
  }

  async focus(): Promise<void> {
    await this.pane().locator('.xterm-helper-textarea').focus();
  }

  async type(text: string): Promise<void> {
    await this.focus();
    await this.page.keyboard.type(text);
  }

  /** A key or chord pressed on whatever has the focus (Enter, Control+Shift+C…). */
  async press(key: string): Promise<void> {
    await this.page.keyboard.press(key);
  }

  /** The line above the terminal that says what the session is doing or why it ended. */
  status(): Locator {
    return this.pane().locator('.session-status');
  }

  statusButton(name: 'Retry' | 'Reconnect' | 'Edit host' | 'Cancel'): Locator {
    return this.status().getByRole('button', { name });
  }

  async reconnect(): Promise<void> {
    await this.statusButton('Reconnect').click();
  }

  async retry(): Promise<void> {
    await this.statusButton('Retry').click();
  }

  /** Cancels a connection attempt in progress. */
  async cancel(): Promise<void> {
    await this.statusButton('Cancel').click();
  }

  async editHost(): Promise<void> {
    await this.statusButton('Edit host').click();
  }

  /** The countdown shown while a lost connection waits to reconnect. */
  reconnectCountdown(): Locator {
    return this.pane().locator('.reconnecting');
  }

  /** Any "Reconnecting in …" text anywhere in the pane. */
  reconnectingText(): Locator {
    return this.pane().getByText(/Reconnecting in/);
  }

  // ---- tabs ----

  tab(title: string): Locator {
    return this.page.getByRole('tab').filter({ hasText: title });
  }

  /** The tab whose name (host and number, or the user's name) is exactly `name`. */
  namedTab(name: string): Locator {
    const exact = new RegExp('^' + name.replace(/[.*+?^$|()[\]{}\\]/g, '\\$&') + '$');
    return this.page.getByRole('tab').filter({ has: this.page.locator('.tab-title', { hasText: exact }) });
  }

  /** The names in the tab strip, left to right. */
  async tabNames(): Promise<string[]> {
    return this.page.getByRole('tablist', { name: 'Terminals' }).locator('.tab-title').allInnerTexts();
  }

  /** The remote's title (OSC 0/2) shown beside a tab's name. */
  tabDetail(name: string): Locator {
    return this.namedTab(name).locator('.tab-detail');
  }

  /** Names that do not fit their tab (shown cut short). */
  async truncatedTabNames(): Promise<string[]> {
    return this.tabStrip()
      .locator('.tab-title')
      .evaluateAll((names) => names.filter((n) => n.scrollWidth > n.clientWidth + 1).map((n) => n.textContent ?? ''));
  }

  selectedTab(): Locator {
    return this.page.getByRole('tab', { selected: true });
  }

  /** The tab strip, for screenshots. */
  tabStrip(): Locator {
    return this.page.getByRole('tablist', { name: 'Terminals' });
  }

  /** Renames a tab: double-click, or F2 on the focused tab, then type and Enter. */
  async renameTab(name: string, newName: string, how: 'double-click' | 'F2' = 'double-click'): Promise<void> {
    if (how === 'double-click') await this.namedTab(name).dblclick();
    else {
      await this.namedTab(name).click();
      await this.namedTab(name).focus();
      await this.page.keyboard.press('F2');
    }
    const input = this.page.getByRole('textbox', { name: 'Tab name' });
    await input.fill(newName);
    await input.press('Enter');
  }

  /** Drags a tab onto the right half of another: it lands after that one. */
  async dragTab(name: string, ontoName: string): Promise<void> {
    const target = this.namedTab(ontoName);
    const box = (await target.boundingBox())!;
    await this.namedTab(name).dragTo(target, { targetPosition: { x: box.width - 4, y: box.height / 2 } });
  }

  async closeTab(title: string): Promise<void> {
    // The tab's ✕ is a pointer shortcut hidden from assistive tech (a tab list holds only tabs).
    await this.page.getByRole('button', { name: `Close ${title}`, exact: true, includeHidden: true }).click();
  }

  async showLog(title: string): Promise<LogDialog> {
    await this.page.getByRole('button', { name: `Connection log of ${title}`, exact: true, includeHidden: true }).click();
    return new LogDialog(this.page);
  }

  // ---- links ----

  /** Clicks the first screen line whose text matches, near its start, once xterm shows it is a link. */
  async clickLinkOnLine(line: RegExp): Promise<void> {
    const row = this.pane().locator('.xterm-rows > div').filter({ hasText: line }).first();
    const box = (await row.boundingBox())!;
    const x = box.x + 30;
    const y = box.y + box.height / 2;
    // From another cell first: xterm looks for a link only when the pointer enters a new cell.
    await this.page.mouse.move(x, y + box.height * 3);
    await this.page.mouse.move(x, y);
    await expect(this.pane().locator('.xterm-cursor-pointer')).not.toHaveCount(0);
    await this.page.mouse.click(x, y);
  }

  /** The "Open … in your browser?" confirmation. */
  linkDialog(): Locator {
    return this.page.getByRole('dialog').filter({ hasText: 'in your browser?' });
  }

  linkDialogButton(name: 'Open' | 'Cancel'): Locator {
    return this.linkDialog().getByRole('button', { name, exact: true });
  }

  // ---- search (Ctrl+Shift+F) ----

  async openSearch(): Promise<void> {
    await this.press('Control+Shift+F');
  }

  searchBox(): Locator {
    return this.page.getByLabel('Search the terminal');
  }

  async search(text: string): Promise<void> {
    await this.searchBox().fill(text);
    await this.searchBox().press('Enter');
  }

  async closeSearch(): Promise<void> {
    await this.searchBox().press('Escape');
  }

  noMatch(): Locator {
    return this.page.getByText('No match');
  }

  // ---- clipboard ----

  async paste(): Promise<void> {
    await this.focus();
    await this.press('Control+Shift+V');
  }

  async copy(): Promise<void> {
    await this.press('Control+Shift+C');
  }

  /** Double-clicks the first screen line whose whole text matches, near its start: selects the word there. */
  async doubleClickLine(line: RegExp): Promise<void> {
    const row = this.pane().locator('.xterm-rows > div').filter({ hasText: line }).first();
    const box = (await row.boundingBox())!;
    await this.page.mouse.dblclick(box.x + 20, box.y + box.height / 2);
  }

  // ---- host key changed ----

  hostKeyChanged(): Locator {
    return this.pane().getByRole('alert', { name: 'Host key changed' });
  }

  knownFingerprint(): Locator {
    return this.hostKeyChanged().getByLabel('Known fingerprint');
  }

  offeredFingerprint(): Locator {
    return this.hostKeyChanged().getByLabel('Offered fingerprint');
  }

  /** Asks to remove the old known_hosts entry (a confirm dialog follows). */
  async removeOldHostKey(): Promise<void> {
    await this.hostKeyChanged().getByRole('button', { name: 'Remove old entry…' }).click();
  }
}
