// A host's files tab: the local and remote panes, their dialogs, and the transfers list.
import { expect, type Locator, type Page } from '@playwright/test';
import { Dialogs, LogDialog } from './dialogs';
import type { HostTree } from './host-tree';

export type Side = 'local' | 'remote';

/** The Permissions dialog of a file pane. */
export class PermissionsDialog {
  readonly root: Locator;

  constructor(page: Page) {
    this.root = page.getByRole('dialog', { name: 'Permissions' });
  }

  async setOctal(mode: string): Promise<void> {
    await this.root.getByLabel('Octal mode').fill(mode);
  }

  /** One checkbox of the grid, e.g. 'Group Read'. */
  bit(name: `${'Owner' | 'Group' | 'Others'} ${'Read' | 'Write' | 'Execute'}`): Locator {
    return this.root.getByLabel(name);
  }

  async apply(): Promise<void> {
    await this.root.getByRole('button', { name: 'Apply' }).click();
  }
}

export class FilePane {
  private readonly title: string;
  private readonly dialogs: Dialogs;

  constructor(
    private readonly page: Page,
    private readonly view: Locator,
    readonly side: Side,
  ) {
    this.title = side === 'local' ? 'Local files' : 'Remote files';
    this.dialogs = new Dialogs(page);
  }

  root(): Locator {
    return this.view.getByRole('region', { name: `${this.title} pane` });
  }

  /** The list itself: a drop target. */
  grid(): Locator {
    return this.root().getByRole('grid');
  }

  row(name: string): Locator {
    return this.root().getByRole('row', { name, exact: true });
  }

  /** The rows present in the page (the list only renders those on screen). */
  rows(): Locator {
    return this.root().getByRole('row');
  }

  /** The "N items" count. */
  itemCount(n: number): Locator {
    return this.root().getByText(`${n} items`);
  }

  pathField(): Locator {
    return this.root().getByLabel(`${this.title} path`);
  }

  /** Types a folder into the path field without pressing Enter. */
  async typePath(dir: string): Promise<void> {
    await this.pathField().fill(dir);
  }

  async submitPath(): Promise<void> {
    await this.pathField().press('Enter');
  }

  /** Goes to a folder through the path field. */
  async goTo(dir: string): Promise<void> {
    await this.typePath(dir);
    await this.submitPath();
    await expect(this.pathField()).toHaveValue(dir);
  }

  async select(name: string): Promise<void> {
    await this.row(name).click();
  }

  /** Double-click: enters a folder. */
  async open(name: string): Promise<void> {
    await this.row(name).dblclick();
  }

  private async toolbar(button: string): Promise<void> {
    await this.root().getByRole('button', { name: button }).click();
  }

  async refresh(): Promise<void> {
    await this.toolbar(`${this.title}: refresh`);
  }

  async newFolder(name: string): Promise<void> {
    await this.toolbar('New folder');
    await this.dialogs.enterName('New folder', name);
  }

  /** Selects the entry, presses F2 and types the new name. */
  async rename(name: string, newName: string): Promise<void> {
    await this.select(name);
    await this.page.keyboard.press('F2');
    await this.dialogs.enterName(`Rename ${name}`, newName);
  }

  /** Selects the entry and presses Delete (a confirm dialog follows). */
  async delete(name: string): Promise<void> {
    await this.select(name);
    await this.page.keyboard.press('Delete');
  }

  async permissions(name: string): Promise<PermissionsDialog> {
    await this.select(name);
    await this.toolbar('Permissions');
    return new PermissionsDialog(this.page);
  }

  /** Opens the Properties dialog of the entry and returns it. */
  async properties(name: string): Promise<Locator> {
    await this.select(name);
    await this.toolbar('Properties');
    return this.dialogs.named('Properties');
  }

  /** Drags the entry onto the other pane's list. */
  async dragTo(name: string, other: FilePane): Promise<void> {
    await this.row(name).dragTo(other.grid());
  }

  /** Drags the entry onto a folder of the same pane. */
  async moveInto(name: string, folder: string): Promise<void> {
    await this.row(name).dragTo(this.row(folder));
  }

  /** The pane's heading: "This computer", or the host's name. */
  heading(): Locator {
    return this.root().getByRole('heading');
  }

  /** Upload on the local pane, Download on the remote one: copies the selection to the other pane's folder. */
  transferButton(): Locator {
    return this.root().getByRole('button', { name: this.side === 'local' ? 'Upload' : 'Download', exact: true });
  }

  async transferSelection(): Promise<void> {
    await this.transferButton().click();
  }

  selectedRows(): Locator {
    return this.root().getByRole('row', { selected: true });
  }

  /** Puts the keyboard focus in the list, as Tab would. */
  async focusList(): Promise<void> {
    await this.grid().focus();
  }

  /** Keys pressed in the list, in order: 'ArrowDown', 'Shift+ArrowUp', 'F5', or letters typed for type-ahead. */
  async keys(...keys: string[]): Promise<void> {
    for (const key of keys) await this.page.keyboard.press(key);
  }

  /** Right-clicks a row, or the empty area below the rows when no name is given, and returns the menu. */
  async contextMenu(name?: string): Promise<Locator> {
    if (name) await this.row(name).click({ button: 'right' });
    else {
      const area = this.root().locator('.file-scroll');
      const box = await area.boundingBox();
      await area.click({ button: 'right', position: { x: 40, y: (box?.height ?? 40) - 8 } });
    }
    return this.menu();
  }

  /** The open context menu. */
  menu(): Locator {
    return this.page.getByRole('menu', { name: `${this.title} menu` });
  }

  menuItem(name: string): Locator {
    return this.menu().getByRole('menuitem', { name, exact: true });
  }

  async chooseFromMenu(name: string): Promise<void> {
    await this.menuItem(name).click();
    await expect(this.menu()).toHaveCount(0);
  }

  /** The Name field of the Rename dialog, and the part of it selected. */
  renameField(name: string): Locator {
    return this.dialogs.named(`Rename ${name}`).getByLabel('Name');
  }

  async selectedText(field: Locator): Promise<string> {
    return field.evaluate((el: HTMLInputElement) => el.value.slice(el.selectionStart ?? 0, el.selectionEnd ?? 0));
  }

  async scrollToEnd(): Promise<void> {
    await this.root()
      .locator('.file-scroll')
      .evaluate((el) => (el.scrollTop = el.scrollHeight));
  }
}

export class FilesView {
  readonly local: FilePane;
  readonly remote: FilePane;

  constructor(
    private readonly page: Page,
    private readonly hosts: HostTree,
  ) {
    this.local = new FilePane(page, this.root(), 'local');
    this.remote = new FilePane(page, this.root(), 'remote');
  }

  /** The files tab that is shown. */
  root(): Locator {
    return this.page.locator('.files-view:not([hidden])');
  }

  /** Opens a files tab for a saved host and waits for it to connect. */
  async open(hostName: string): Promise<void> {
    await this.hosts.rowButton(hostName, `Files of ${hostName}`);
    await expect(this.root()).toHaveAttribute('data-state', 'connected');
  }

  /** Opens the connection log from the Files toolbar with the keyboard alone (focus, Enter). */
  async showLogByKeyboard(): Promise<LogDialog> {
    const button = this.page.getByRole('toolbar', { name: 'Files' }).getByRole('button', { name: 'Connection log' });
    await button.focus();
    await this.page.keyboard.press('Enter');
    return new LogDialog(this.page);
  }

  /** Drags a file from the local pane onto the remote one. */
  async upload(name: string): Promise<void> {
    await this.local.dragTo(name, this.remote);
  }

  /** Drags a file from the remote pane onto the local one. */
  async download(name: string): Promise<void> {
    await this.remote.dragTo(name, this.local);
  }

  /** The question asked when a transfer meets a name that exists. */
  conflict(): Locator {
    return this.page.getByRole('dialog', { name: 'File exists' });
  }

  /** The button of the File exists dialog that has the focus (what Enter would press). */
  conflictFocus(): Locator {
    return this.conflict().locator('button:focus');
  }

  async keepBoth(): Promise<void> {
    await this.conflict().getByRole('button', { name: 'Keep both' }).click();
  }

  /** The entries of the transfers list for a file (several if it was sent more than once). */
  transfer(name: string): Locator {
    return this.root().getByRole('listitem').filter({ hasText: name });
  }

  progress(name: string): Locator {
    return this.root().getByRole('progressbar', { name: `Progress of ${name}` });
  }

  /** The progress bar's value, in bytes. */
  async progressValue(name: string): Promise<number> {
    return Number(await this.progress(name).getAttribute('value'));
  }

  async retry(name: string): Promise<void> {
    await this.root().getByRole('button', { name: `Retry ${name}` }).click();
  }
}
