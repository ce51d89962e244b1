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
  /** A swatch's name: 'Red', 'Green', … or 'No colour'. */
  colour?: string;
  /** As typed: comma or space separated. */
  tags?: string;
  /** ServerAliveInterval in seconds, typed into Advanced. */
  keepaliveSec?: number;
}

const exact = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

/** The New host / Edit host form. */
export class HostForm {
  constructor(readonly root: Locator) {}

  async fill(fields: HostFields): Promise<void> {
    await this.fillCommon(fields);
    const form = this.root;
    // Specs about other things trust the fixture's fresh sshd without a prompt;
    // host-key specs ask for 'ask' explicitly. It lives under Advanced.
    await this.openAdvanced();
    await form.getByLabel('Host keys').selectOption(fields.hostKeyPolicy ?? 'accept-new');
    if (fields.jumpHosts !== undefined) await form.getByLabel(/^Jump hosts/).fill(fields.jumpHosts);
    if (fields.keepaliveSec !== undefined) await this.keepaliveInterval().fill(String(fields.keepaliveSec));
  }

  /** The fields above "Advanced" only, as a user who leaves the rest to the defaults. */
  async fillCommon(fields: HostFields): Promise<void> {
    const form = this.root;
    await form.getByLabel('Name', { exact: true }).fill(fields.name);
    await form.getByLabel('Host', { exact: true }).fill(fields.host);
    await form.getByLabel('Port', { exact: true }).fill(String(fields.port));
    await form.getByLabel('User', { exact: true }).fill(fields.user);
    // Tests never use the developer's ssh-agent.
    await form.getByLabel('Use keys from ssh-agent').setChecked(fields.useAgent ?? false);
    await form.getByLabel(/Private key file/).fill(fields.keyPath ?? '');
    if (fields.password) await this.passwordField().fill(fields.password);
    if (fields.folder) await form.getByLabel('Folder').selectOption({ label: fields.folder });
    if (fields.colour) await this.colour(fields.colour).check();
    if (fields.tags !== undefined) await form.getByLabel(/^Tags/).fill(fields.tags);
  }

  /** The "Advanced" disclosure button (aria-expanded says whether it is open). */
  advancedToggle(): Locator {
    return this.root.getByRole('button', { name: /^Advanced/ });
  }

  /** The fields under Advanced, as a group. */
  advancedFields(): Locator {
    return this.root.getByRole('group', { name: 'Advanced', exact: true });
  }

  /** Opens "Advanced" unless it is open already. */
  async openAdvanced(): Promise<void> {
    if ((await this.advancedToggle().getAttribute('aria-expanded')) !== 'true') await this.advancedToggle().click();
    await expect(this.advancedFields()).toBeVisible();
  }

  hostKeysField(): Locator {
    return this.root.getByLabel('Host keys');
  }

  keepaliveInterval(): Locator {
    return this.root.getByLabel('Keepalive interval');
  }

  /** A colour swatch (a radio button) by its name. */
  colour(name: string): Locator {
    return this.root.getByRole('radio', { name, exact: true });
  }

  tagsField(): Locator {
    return this.root.getByLabel(/^Tags/);
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

  /** A host's row in its folder, by its exact name (not its copies in Favourites or Recent). */
  item(name: string): Locator {
    return this.page.locator('[role="treeitem"]:not([data-pinned])').filter({ has: this.page.locator('.tree-name', { hasText: exact(name) }) });
  }

  /** The Favourites or Recent heading row (its name ends with how many hosts it holds). */
  group(name: 'Favourites' | 'Recent'): Locator {
    return this.page.getByRole('treeitem', { name: new RegExp(`^${name} \\(\\d+\\)$`) });
  }

  /** The host rows under Favourites or Recent, top to bottom. */
  groupItems(name: 'Favourites' | 'Recent'): Locator {
    return this.page.locator(`[role="treeitem"][data-pinned="${name === 'Favourites' ? 'favourites' : 'recent'}"]`);
  }

  /** The names under Favourites or Recent, top to bottom. */
  async groupNames(name: 'Favourites' | 'Recent'): Promise<string[]> {
    return this.groupItems(name).locator('.tree-name').allTextContents();
  }

  /** The tag chips shown on a host's row. */
  async tags(name: string): Promise<string[]> {
    return this.item(name).locator('.tree-tag').allTextContents();
  }

  /** The colour stripe of a host's row, as the browser draws it (`rgb(…)`), or null without one. */
  async colourOf(name: string): Promise<string | null> {
    return this.item(name).evaluate((row) => {
      const shadow = getComputedStyle(row).boxShadow;
      return shadow === 'none' ? null : (/rgb\([^)]*\)/.exec(shadow)?.[0] ?? null);
    });
  }

  /** The star in a row's hover toolbar; aria-pressed says whether the host is a favourite. */
  favouriteButton(name: string): Locator {
    return this.item(name).getByRole('button', { name: `Favourite ${name}`, exact: true });
  }

  /** Whether the row's star shows the host as a favourite (hovering the row shows its toolbar). */
  async isFavourite(name: string): Promise<boolean> {
    await this.item(name).hover();
    return (await this.favouriteButton(name).getAttribute('aria-pressed')) === 'true';
  }

  async toggleFavourite(name: string): Promise<void> {
    await this.item(name).hover();
    await this.favouriteButton(name).click();
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
