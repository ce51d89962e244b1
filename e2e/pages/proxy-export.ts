// A host's Proxy command field (Advanced) and the "Export as ssh config…"
// dialog the tree's context menu opens.
import { expect, type Locator, type Page } from '@playwright/test';
import { HostForm, type HostFields, type HostTree } from './host-tree';

export class ProxyExport {
  proxyCommandField(form: HostForm): Locator {
    return form.root.getByRole('textbox', { name: /^Proxy command/ });
  }

  /** New host with a proxy command typed into Advanced, as a user would. */
  async addHostWithProxy(page: Page, hosts: HostTree, fields: HostFields, command: string): Promise<void> {
    await hosts.newHostButton().click();
    const form = new HostForm(page.getByRole('form', { name: 'New host' }));
    await form.fill(fields);
    await this.proxyCommandField(form).fill(command);
    await form.save();
    await expect(form.root).toBeHidden();
    await expect(hosts.item(fields.name)).toBeVisible();
  }

  /** Right-click a host → Export as ssh config…; answers the dialog once it shows the text. */
  async exportHost(page: Page, hosts: HostTree, name: string): Promise<Locator> {
    await hosts.menuAction(name, 'Export as ssh config…');
    const dialog = page.getByRole('dialog', { name: `Export ${name} as ssh config` });
    await expect(this.exportText(dialog)).toBeVisible();
    return dialog;
  }

  exportText(dialog: Locator): Locator {
    return dialog.getByRole('textbox', { name: 'ssh config' });
  }

  async copy(dialog: Locator): Promise<void> {
    await dialog.getByRole('button', { name: 'Copy' }).click();
    await expect(dialog.getByRole('status')).toHaveText('Copied to the clipboard.');
  }
}
