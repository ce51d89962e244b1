// The sidebar: the tree of saved hosts and folders, its search box, and the host form.
import { expect, type Locator, type Page } from '@playwright/test';
import { LogDialog } from './dialogs';

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

/** The New host / Edit host form. */
export class HostForm {
  constructor(readonly root: Locator) {}

  async fill(fields: HostFields): Promise<void> {
    const form = this.root;
    await form.getByLabel('Name').fill(fields.name);
    await form.getByLabel('Host', { exact: true }).fill(fields.host);
    await form.getByLabel('Port').fill(String(fields.port));
    await form.getByLabel('User').fill(fields.user);
    // Tests never use the developer's ssh-agent.
    await form.getByLabel('Use keys from ssh-agent').setChecked(fields.useAgent ?? false);
    await form.getByLabel(/Private key file/).fill(fields.keyPath ?? '');
    if (fields.password) await this.passwordField().fill(fields.password);
    // Specs about other things trust the fixture's fresh sshd without a prompt;
    // host-key specs ask for 'ask' explicitly.
    await form.getByLabel('Host keys').selectOption(fields.hostKeyPolicy ?? 'accept-new');
    if (fields.folder) await form.getByLabel('Folder').selectOption({ label: fields.folder });
    if (fields.jumpHosts !== undefined) await form.getByLabel(/^Jump hosts/).fill(fields.jumpHosts);
  }

  /** The folder the form will save into, as shown. */
  async folder(): Promise<string> {
    return this.root.getByLabel('Folder').evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.textContent ?? '');
  }

  passwordField(): Locator {
    return this.root.getByLabel(/^Password/);
  }

  async save(): Promise<void> {
    await this.root.getByRole('button', { name: 'Save' }).click();
  }
}

export class HostTree {
  constructor(private readonly page: Page) {}

  newHostButton(): Locator {
    return this.page.getByRole('button', { name: 'New host' });
  }

  /** Every row of the tree, hosts and folders, top to bottom. */
  rows(): Locator {
    return this.page.getByRole('treeitem');
  }

  /** A host's row, by its exact name. */
  item(name: string): Locator {
    return this.rows().filter({ has: this.page.locator('.tree-name', { hasText: exact(name) }) });
  }

  folder(name: string): Locator {
    return this.page.getByRole('treeitem', { name: `Folder ${name}`, exact: true });
  }

  /** The accessible names of the rows, top to bottom. */
  async labels(): Promise<(string | null)[]> {
    return this.rows().evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label')));
  }

  emptyMessage(): Locator {
    return this.page.getByText('No saved hosts yet.');
  }

  async add(fields: HostFields): Promise<void> {
    await this.newHostButton().click();
    const form = new HostForm(this.page.getByRole('form', { name: 'New host' }));
    await form.fill(fields);
    await form.save();
    await expect(form.root).toBeHidden();
    await expect(this.item(fields.name)).toBeVisible();
  }

  async addFolder(name: string): Promise<void> {
    await this.page.getByRole('button', { name: 'New folder' }).click();
    await this.page.getByLabel('New folder name').fill(name);
    await this.page.getByLabel('New folder name').press('Enter');
    await expect(this.folder(name)).toBeVisible();
  }

  /** Double-click: opens a terminal to the host. */
  async open(name: string): Promise<void> {
    await this.item(name).dblclick();
  }

  async select(name: string): Promise<void> {
    await this.item(name).click();
  }

  async focusFolder(name: string): Promise<void> {
    await this.folder(name).focus();
  }

  /** Drags a host onto a folder. */
  async moveHost(name: string, folder: string): Promise<void> {
    await this.item(name).dragTo(this.folder(folder));
  }

  /** Drags a folder onto another folder. */
  async moveFolder(name: string, folder: string): Promise<void> {
    await this.folder(name).dragTo(this.folder(folder));
  }

  /** Selects the host, presses F2 and types the new name. */
  async rename(name: string, newName: string): Promise<void> {
    await this.select(name);
    await this.page.keyboard.press('F2');
    await this.page.getByLabel(`New name for ${name}`).fill(newName);
    await this.page.keyboard.press('Enter');
  }

  async search(text: string): Promise<void> {
    await this.page.getByLabel('Search hosts').fill(text);
  }

  /** One of the toolbar buttons shown over a row's right end while the pointer is over it. */
  async rowButton(name: string, button: string): Promise<void> {
    await this.item(name).hover();
    await this.item(name).getByRole('button', { name: button, exact: true }).click();
  }

  /** The hover toolbar of a row. */
  toolbar(name: string): Locator {
    return this.item(name).getByRole('toolbar', { name: `Actions for ${name}` });
  }

  /** Names shown cut short (an ellipsis) among the rendered rows. */
  async truncatedNames(): Promise<string[]> {
    return this.page
      .getByRole('tree', { name: 'Saved hosts' })
      .locator('.tree-name')
      .evaluateAll((names) => names.filter((n) => n.scrollWidth > n.clientWidth + 1).map((n) => n.textContent ?? ''));
  }

  /** How many rows are in the page (the tree draws only those near the screen). */
  renderedRowCount(): Promise<number> {
    return this.rows().count();
  }

  // ---- the context menu ----

  /** The open context menu of a host (or `Folder name`). */
  menu(title: string): Locator {
    return this.page.getByRole('menu', { name: title, exact: true });
  }

  menuItem(label: string): Locator {
    return this.page.getByRole('menuitem', { name: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) });
  }

  /** Right-clicks a host's row; answers its menu. */
  async openMenu(name: string): Promise<Locator> {
    await this.item(name).click({ button: 'right' });
    const menu = this.menu(`Host ${name}`);
    await expect(menu).toBeVisible();
    return menu;
  }

  async openFolderMenu(name: string): Promise<Locator> {
    await this.folder(name).click({ button: 'right' });
    const menu = this.menu(`Folder ${name}`);
    await expect(menu).toBeVisible();
    return menu;
  }

  /** Right-click on a host, then a menu item. */
  async menuAction(name: string, label: string): Promise<void> {
    await this.openMenu(name);
    await this.menuItem(label).click();
  }

  async duplicate(name: string): Promise<void> {
    await this.menuAction(name, 'Duplicate');
  }

  async copySshCommand(name: string): Promise<void> {
    await this.menuAction(name, 'Copy ssh command');
  }

  /** Context menu → Move to folder → the folder ("Top level" for none). */
  async moveToFolder(name: string, folder: string): Promise<void> {
    await this.openMenu(name);
    await this.menuItem('Move to folder').click();
    const sub = this.menu('Move to folder');
    await expect(sub).toBeVisible();
    await sub.getByRole('menuitem', { name: folder, exact: true }).click();
  }

  /** Opens the Edit host form from the host's row. */
  async edit(name: string): Promise<HostForm> {
    await this.rowButton(name, `Edit ${name}`);
    return this.editForm(name);
  }

  newHostForm(): HostForm {
    return new HostForm(this.page.getByRole('form', { name: 'New host' }));
  }

  editForm(name: string): HostForm {
    return new HostForm(this.page.getByRole('form', { name: `Edit host ${name}` }));
  }

  async testConnection(name: string): Promise<LogDialog> {
    await this.menuAction(name, 'Test connection');
    return new LogDialog(this.page);
  }

  /** Types into "Search hosts", then ArrowDown into the results. */
  async searchAndEnterResults(text: string): Promise<void> {
    await this.search(text);
    await this.page.getByLabel('Search hosts').press('ArrowDown');
  }
}
