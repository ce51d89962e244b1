// Snippets: the picker (Ctrl+Shift+S or the toolbar button), the New/Edit
// snippet form, and the dialog that asks a snippet's {{placeholders}}.
import { expect, type Locator, type Page } from '@playwright/test';

export interface SnippetFields {
  name?: string;
  command?: string;
  /** 'all' for every host, 'host' for only the focused terminal's host. */
  scope?: 'all' | 'host';
  pressEnter?: boolean;
}

export class Snippets {
  readonly picker: Locator;

  constructor(private readonly page: Page) {
    this.picker = page.getByRole('dialog').filter({ has: page.getByRole('heading', { name: /^Snippets/ }) });
  }

  toolbarButton(): Locator {
    return this.page.getByRole('toolbar', { name: 'Terminal' }).getByRole('button', { name: 'Snippets' });
  }

  /** Ctrl+Shift+S on whatever has the focus. */
  async openWithShortcut(): Promise<void> {
    await this.page.keyboard.press('Control+Shift+S');
    await expect(this.picker).toBeVisible();
  }

  async close(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await expect(this.picker).toBeHidden();
  }

  searchBox(): Locator {
    return this.picker.getByRole('combobox', { name: 'Search snippets' });
  }

  /** Types into the focused search field, key by key, as a user does. */
  async search(text: string): Promise<void> {
    await this.searchBox().clear();
    await this.searchBox().pressSequentially(text);
  }

  option(name: string): Locator {
    return this.picker.getByRole('option', { name, exact: true });
  }

  /** The names in the list, top to bottom. */
  async names(): Promise<string[]> {
    return this.picker.getByRole('option').evaluateAll((options) => options.map((o) => o.getAttribute('aria-label') ?? ''));
  }

  /** The highlighted snippet's name. */
  highlighted(): Locator {
    return this.picker.getByRole('option', { selected: true });
  }

  /** The line that says the list is empty or matches nothing. */
  emptyMessage(): Locator {
    return this.picker.locator('.snippet-empty');
  }

  error(): Locator {
    return this.picker.getByRole('alert');
  }

  button(name: 'New snippet' | 'Edit' | 'Delete' | 'Run' | 'Close'): Locator {
    return this.picker.getByRole('button', { name, exact: true });
  }

  form(): Locator {
    return this.page.getByRole('form', { name: /^(New snippet|Edit snippet )/ });
  }

  /** "Only for <host>" in the form. */
  hostScope(): Locator {
    return this.form().getByRole('radio', { name: /^Only for/ });
  }

  async fillForm(fields: SnippetFields): Promise<void> {
    const form = this.form();
    if (fields.name !== undefined) await form.getByLabel('Name').fill(fields.name);
    if (fields.command !== undefined) await form.getByLabel('Command').fill(fields.command);
    if (fields.scope === 'all') await form.getByRole('radio', { name: 'All hosts' }).check();
    if (fields.scope === 'host') await this.hostScope().check();
    if (fields.pressEnter !== undefined) await form.getByLabel('Press Enter after').setChecked(fields.pressEnter);
  }

  /** From the open picker: New snippet, fill, Save, back in the picker. */
  async create(fields: SnippetFields): Promise<void> {
    await this.button('New snippet').click();
    await this.fillForm(fields);
    await this.form().getByRole('button', { name: 'Save' }).click();
    await expect(this.picker).toBeVisible();
  }

  /** From the open picker: highlight `name`, Edit, change, Save. */
  async edit(name: string, fields: SnippetFields): Promise<void> {
    await this.option(name).click();
    await this.button('Edit').click();
    await this.fillForm(fields);
    await this.form().getByRole('button', { name: 'Save' }).click();
    await expect(this.picker).toBeVisible();
  }

  deleteConfirmation(): Locator {
    return this.picker.getByRole('group', { name: 'Delete snippet' });
  }

  /** From the open picker: highlight `name`, Delete, then confirm (or cancel). */
  async remove(name: string, answer: 'Delete' | 'Cancel' = 'Delete'): Promise<void> {
    await this.option(name).click();
    await this.button('Delete').click();
    await this.deleteConfirmation().getByRole('button', { name: answer, exact: true }).click();
    await expect(this.deleteConfirmation()).toBeHidden();
  }

  placeholders(snippetName: string): Locator {
    return this.page.getByRole('form', { name: `Run ${snippetName}` });
  }

  placeholderField(snippetName: string, placeholder: string): Locator {
    return this.placeholders(snippetName).getByLabel(placeholder, { exact: true });
  }

  /** What the placeholder dialog says it will type. */
  preview(snippetName: string): Locator {
    return this.placeholders(snippetName).getByLabel('Will type');
  }

  /** Types on whatever has the focus (the focused field, or the terminal after a run). */
  async typeKeys(text: string): Promise<void> {
    await this.page.keyboard.type(text);
  }
}
