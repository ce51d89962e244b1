// The Settings dialog (gear button in the sidebar, or Ctrl+,) and what its
// terminal settings change in the terminal on screen: colours, font size,
// cursor, and right-click / selection behaviour.
import { expect, type Locator, type Page } from '@playwright/test';

export type CheckName = 'Blinking cursor' | 'Copy on select' | 'Right-click pastes' | 'Reconnect automatically';

export class SettingsDialog {
  readonly root: Locator;

  constructor(private readonly page: Page) {
    this.root = page.getByRole('dialog').filter({ has: page.getByRole('heading', { name: 'Settings', exact: true }) });
  }

  gearButton(): Locator {
    return this.page.getByRole('button', { name: 'Settings', exact: true });
  }

  async open(): Promise<void> {
    await this.gearButton().click();
    await expect(this.root).toBeVisible();
  }

  async close(): Promise<void> {
    await this.root.getByRole('button', { name: 'Done' }).click();
    await expect(this.root).toBeHidden();
  }

  section(name: 'Terminal' | 'Connections'): Locator {
    return this.root.getByRole('region', { name, exact: true });
  }

  field(label: 'Theme' | 'Font family' | 'Font size' | 'Cursor' | 'Bell' | 'Scrollback lines'): Locator {
    const role = label === 'Font family' ? 'textbox' : label === 'Font size' || label === 'Scrollback lines' ? 'spinbutton' : 'combobox';
    return this.root.getByRole(role, { name: label, exact: true });
  }

  async chooseTheme(label: string): Promise<void> {
    await this.field('Theme').selectOption({ label });
  }

  /** Settings → Appearance → App theme. */
  appThemeField(): Locator {
    return this.root.getByRole('combobox', { name: 'App theme', exact: true });
  }

  async chooseAppTheme(label: 'System' | 'Dark' | 'Light'): Promise<void> {
    await this.appThemeField().selectOption({ label });
  }

  async chooseCursor(label: 'Block' | 'Bar' | 'Underline'): Promise<void> {
    await this.field('Cursor').selectOption({ label });
  }

  /** Types into a text or number field and presses Enter, as a user finishing the entry. */
  async enter(label: 'Font family' | 'Font size' | 'Scrollback lines', text: string): Promise<void> {
    await this.field(label).fill(text);
    await this.field(label).press('Enter');
  }

  check(name: CheckName): Locator {
    return this.root.getByRole('checkbox', { name, exact: true });
  }

  async setCheck(name: CheckName, on: boolean): Promise<void> {
    await this.check(name).setChecked(on);
  }

  // ---- what the active terminal shows ----

  private terminal(): Locator {
    return this.page.locator('.terminal-pane:not([hidden]) .xterm').first();
  }

  /** The terminal's background as `rgb(r, g, b)`, as the browser draws it. */
  async terminalBackground(): Promise<string> {
    return this.terminal()
      .locator('.xterm-scrollable-element')
      .first()
      .evaluate((el) => getComputedStyle(el).backgroundColor);
  }

  /** The font size of the terminal's text, in CSS pixels. */
  async terminalFontSize(): Promise<number> {
    return this.terminal()
      .locator('.xterm-rows')
      .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  }

  /** The cursor cell, whose classes say its shape (xterm-cursor-bar, -block, -underline, -outline). */
  cursor(): Locator {
    return this.terminal().locator('.xterm-rows .xterm-cursor');
  }

  /** Right-clicks the middle of the terminal. */
  async rightClickTerminal(): Promise<void> {
    await this.terminal().locator('.xterm-screen').click({ button: 'right' });
  }
}
