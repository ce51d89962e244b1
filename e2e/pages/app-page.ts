// Page object: every selector the specs use lives here.
import { expect, type Locator, type Page } from '@playwright/test';

export interface HostFields {
  name: string;
  host: string;
  port: number;
  user: string;
  keyPath?: string;
  password?: string;
  folder?: string;
  useAgent?: boolean;
  hostKeyPolicy?: 'ask' | 'accept-new' | 'strict';
  /** Comma-separated, as typed: saved host names or user@host:port. */
  jumpHosts?: string;
}

const exact = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

export class AppPage {
  constructor(readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.page.getByRole('button', { name: 'New host' })).toBeVisible();
  }

  treeItem(name: string): Locator {
    return this.page.getByRole('treeitem').filter({ has: this.page.locator('.tree-name', { hasText: exact(name) }) });
  }

  async addHost(fields: HostFields): Promise<void> {
    await this.page.getByRole('button', { name: 'New host' }).click();
    const form = this.page.getByRole('form', { name: 'New host' });
    await this.fillHostForm(form, fields);
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(form).toBeHidden();
    await expect(this.treeItem(fields.name)).toBeVisible();
  }

  async fillHostForm(form: Locator, fields: HostFields): Promise<void> {
    await form.getByLabel('Name').fill(fields.name);
    await form.getByLabel('Host', { exact: true }).fill(fields.host);
    await form.getByLabel('Port').fill(String(fields.port));
    await form.getByLabel('User').fill(fields.user);
    // Tests never use the developer's ssh-agent.
    await form.getByLabel('Use keys from ssh-agent').setChecked(fields.useAgent ?? false);
    await form.getByLabel(/Private key file/).fill(fields.keyPath ?? '');
    if (fields.password) await this.passwordField(form).fill(fields.password);
    // Specs about other things trust the fixture's fresh sshd without a prompt;
    // host-key specs ask for 'ask' explicitly.
    await form.getByLabel('Host keys').selectOption(fields.hostKeyPolicy ?? 'accept-new');
    if (fields.folder) await form.getByLabel('Folder').selectOption({ label: fields.folder });
    if (fields.jumpHosts !== undefined) await form.getByLabel(/^Jump hosts/).fill(fields.jumpHosts);
  }

  passwordField(form: Locator): Locator {
    return form.getByLabel(/^Password/);
  }

  async addFolder(name: string): Promise<void> {
    await this.page.getByRole('button', { name: 'New folder' }).click();
    await this.page.getByLabel('New folder name').fill(name);
    await this.page.getByLabel('New folder name').press('Enter');
    await expect(this.folder(name)).toBeVisible();
  }

  folder(name: string): Locator {
    return this.page.getByRole('treeitem', { name: `Folder ${name}`, exact: true });
  }

  async openHost(name: string): Promise<void> {
    await this.treeItem(name).dblclick();
  }

  activeTerminal(): Locator {
    return this.page.locator('.terminal-pane:not([hidden])');
  }

  tab(title: string): Locator {
    return this.page.getByRole('tab').filter({ hasText: title });
  }

  async waitConnected(): Promise<void> {
    await expect(this.activeTerminal()).toHaveAttribute('data-state', 'connected');
  }

  /** The text on screen in the active terminal (xterm's DOM renderer rows). */
  async terminalText(): Promise<string> {
    return this.activeTerminal().locator('.xterm-rows').innerText();
  }

  async typeInTerminal(text: string): Promise<void> {
    await this.activeTerminal().locator('.xterm-helper-textarea').focus();
    await this.page.keyboard.type(text);
  }

  /** A button in the open confirm dialog. */
  dialogButton(name: string): Locator {
    return this.page.getByRole('dialog').getByRole('button', { name, exact: true });
  }

  /** The dialog for a question from main (host key, passphrase, password, server question). */
  prompt(name: 'Unknown host key' | 'Key passphrase' | 'Password' | 'Server question'): Locator {
    return this.page.getByRole('dialog', { name });
  }

  /** The hidden input of a passphrase or password dialog. */
  promptSecret(name: 'Key passphrase' | 'Password'): Locator {
    return this.prompt(name).locator('input[type="password"]');
  }

  hostKeyChanged(): Locator {
    return this.activeTerminal().getByRole('alert', { name: 'Host key changed' });
  }

  // ---- file browser ----

  async openFiles(hostName: string): Promise<void> {
    await this.treeItem(hostName).hover();
    await this.page.getByRole('button', { name: `Files of ${hostName}` }).click();
    await expect(this.activeFiles()).toHaveAttribute('data-state', 'connected');
  }

  activeFiles(): Locator {
    return this.page.locator('.files-view:not([hidden])');
  }

  pane(side: 'local' | 'remote'): Locator {
    return this.activeFiles().getByRole('region', { name: side === 'local' ? 'Local files pane' : 'Remote files pane' });
  }

  paneRow(side: 'local' | 'remote', name: string): Locator {
    return this.pane(side).getByRole('row', { name, exact: true });
  }

  async goTo(side: 'local' | 'remote', dir: string): Promise<void> {
    const input = this.pane(side).getByLabel(side === 'local' ? 'Local files path' : 'Remote files path');
    await input.fill(dir);
    await input.press('Enter');
    await expect(input).toHaveValue(dir);
  }

  transfer(name: string): Locator {
    return this.activeFiles().getByRole('listitem').filter({ hasText: name });
  }

  sessionStatus(): Locator {
    return this.activeTerminal().locator('.session-status');
  }
}
