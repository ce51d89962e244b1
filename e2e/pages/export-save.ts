// Save… in the "Export as ssh config" dialog: where the harness has no native
// Save dialog, the typed-path field it offers instead, and the Replace question.
import { expect, type Locator } from '@playwright/test';
import type { HostTree } from './host-tree';

export class ExportSave {
  /** Right-click a folder → Export as ssh config…; answers the dialog once it shows the text. */
  async exportFolder(hosts: HostTree, folder: string): Promise<Locator> {
    await hosts.openFolderMenu(folder);
    await hosts.menuItem('Export as ssh config…').click();
    const dialog = hosts.folder(folder).page().getByRole('dialog', { name: `Export ${folder} as ssh config` });
    await expect(dialog.getByRole('textbox', { name: 'ssh config' })).toBeVisible();
    return dialog;
  }

  /** Save… where there is no file dialog: the dialog says so and the path field takes the focus. */
  async saveAsTyped(dialog: Locator, file: string): Promise<void> {
    await dialog.getByRole('button', { name: 'Save…' }).click();
    await expect(dialog.getByText('No file dialog is available here: type the path to save to.')).toBeVisible();
    const field = dialog.getByRole('textbox', { name: 'Save to file' });
    await expect(field).toBeFocused();
    await this.typeAndSave(dialog, file);
  }

  async typeAndSave(dialog: Locator, file: string): Promise<void> {
    await dialog.getByRole('textbox', { name: 'Save to file' }).fill(file);
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  }

  saved(dialog: Locator, file: string): Locator {
    return dialog.getByRole('status').filter({ hasText: `Saved to ${file}` });
  }

  /** The question shown when the typed file is already there. */
  alreadyThere(dialog: Locator): Locator {
    return dialog.getByRole('alert').filter({ hasText: 'already there' });
  }

  async replace(dialog: Locator): Promise<void> {
    await this.alreadyThere(dialog).getByRole('button', { name: 'Replace' }).click();
  }
}
