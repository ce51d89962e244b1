// Edit locally: opening a remote file in the editor (menu, toolbar, F4), the
// Editing list of the files tab, the conflict question, and the Editor setting.
import { expect, type Locator, type Page } from '@playwright/test';
import type { FilesView } from './files-view';
import type { SettingsDialog } from './settings-dialog';

export type ConflictAnswer = 'Overwrite' | "Keep server's" | 'Cancel';

export class EditLocally {
  constructor(
    private readonly page: Page,
    private readonly files: FilesView,
    private readonly settings: SettingsDialog,
  ) {}

  /** Sets Settings › Editor › Editor command and waits until it is saved. */
  async setEditorCommand(command: string): Promise<void> {
    await this.settings.open();
    const section = this.settings.root.getByRole('region', { name: 'Editor', exact: true });
    const field = section.getByRole('textbox', { name: 'Editor command' });
    await expect(field).toBeEnabled();
    await field.fill(command);
    await field.press('Enter');
    await expect(section.getByRole('status')).toHaveText('Saved.');
    await this.settings.close();
  }

  /** Right-click on the remote file, then "Edit locally". */
  async fromMenu(name: string): Promise<void> {
    await this.files.remote.contextMenu(name);
    await this.files.remote.chooseFromMenu('Edit locally');
  }

  /** Selects the remote file and presses F4. */
  async withF4(name: string): Promise<void> {
    await this.files.remote.select(name);
    await this.page.keyboard.press('F4');
  }

  /** The toolbar button of the remote pane. */
  toolbarButton(): Locator {
    return this.files.remote.root().getByRole('button', { name: 'Edit locally', exact: true });
  }

  panel(): Locator {
    return this.files.root().getByRole('region', { name: 'Editing' });
  }

  /** The file's row in the Editing list; its data-state is the edit's state. */
  item(name: string): Locator {
    return this.panel().getByRole('listitem', { name: `Editing ${name}` });
  }

  status(name: string): Locator {
    return this.item(name).getByRole('status');
  }

  async stop(name: string): Promise<void> {
    await this.item(name).getByRole('button', { name: `Stop editing ${name}` }).click();
  }

  /** "<name> changed on the server": Overwrite / Keep server's / Cancel. */
  conflict(name: string): Locator {
    return this.page.getByRole('alertdialog', { name: `${name} changed on the server` });
  }

  /** The conflict's button that has the focus (what Enter would press). */
  conflictFocus(name: string): Locator {
    return this.conflict(name).locator('button:focus');
  }

  async answer(name: string, answer: ConflictAnswer): Promise<void> {
    await this.conflict(name).getByRole('button', { name: answer, exact: true }).click();
    await expect(this.conflict(name)).toHaveCount(0);
  }
}
