// Terminal tabs: the active terminal, its status line, search, clipboard, and
// the host-key-changed alert shown in it.
import { expect, type Locator, type Page } from '@playwright/test';
import { LogDialog } from './dialogs';

export class Terminal {
  constructor(private readonly page: Page) {}

  /** The terminal pane of the selected tab. */
  pane(): Locator {
    return this.page.locator('.terminal-pane:not([hidden])');
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

  async closeTab(title: string): Promise<void> {
    await this.page.getByRole('button', { name: `Close ${title}` }).click();
  }

  async showLog(title: string): Promise<LogDialog> {
    await this.page.getByRole('button', { name: `Connection log of ${title}` }).click();
    return new LogDialog(this.page);
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
