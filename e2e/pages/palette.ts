// The command palette (Ctrl+K) and quick connect's "Save host".
import { expect, type Locator, type Page } from '@playwright/test';
import { HostForm } from './host-tree';

export class Palette {
  constructor(private readonly page: Page) {}

  dialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Command palette' });
  }

  input(): Locator {
    return this.dialog().getByRole('combobox', { name: 'Search hosts and actions' });
  }

  options(): Locator {
    return this.dialog().getByRole('option');
  }

  /** The highlighted line: Enter runs it. */
  activeOption(): Locator {
    return this.dialog().getByRole('option', { selected: true });
  }

  async open(): Promise<void> {
    await this.page.keyboard.press('Control+K');
    await expect(this.input()).toBeFocused();
  }

  /** Types the query as a user would, one key at a time. */
  async search(query: string): Promise<void> {
    await this.input().fill('');
    await this.input().pressSequentially(query);
  }

  async press(key: 'Enter' | 'Escape' | 'ArrowDown' | 'ArrowUp'): Promise<void> {
    await this.input().press(key);
  }

  /** Ctrl+K, the query, and Enter once the line that will run has this text. */
  async run(query: string, expected: string | RegExp): Promise<void> {
    await this.open();
    await this.search(query);
    await expect(this.activeOption()).toContainText(expected);
    await this.press('Enter');
    await expect(this.dialog()).toBeHidden();
  }

  /** The toolbar's "Save host", shown while the focused tab is a quick connection. */
  saveHostButton(): Locator {
    return this.page.getByRole('toolbar', { name: 'Terminal' }).getByRole('button', { name: 'Save host' });
  }

  /** Clicks Save host, reads what the New host form was filled with, names the host and saves it. */
  async saveHost(name: string): Promise<{ host: string; port: string; user: string }> {
    await this.saveHostButton().click();
    const form = new HostForm(this.page.getByRole('form', { name: 'New host' }));
    await expect(form.root).toBeVisible();
    const prefilled = {
      host: await form.root.getByLabel('Host', { exact: true }).inputValue(),
      port: await form.root.getByLabel('Port', { exact: true }).inputValue(),
      user: await form.root.getByLabel('User', { exact: true }).inputValue(),
    };
    await form.root.getByLabel('Name', { exact: true }).fill(name);
    await form.save();
    await expect(form.root).toBeHidden();
    return prefilled;
  }
}
