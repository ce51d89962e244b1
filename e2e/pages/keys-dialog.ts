// The Keys dialog: generate a key pair, copy a public key to a host.
import type { Locator, Page } from '@playwright/test';

export class KeysDialog {
  readonly root: Locator;

  constructor(private readonly page: Page) {
    this.root = page.locator('.keys-dialog');
  }

  async open(): Promise<void> {
    await this.page.getByRole('button', { name: 'Keys…' }).click();
  }

  /** Fills what is given, then presses Generate. */
  async generate(fields: { saveAs?: string; comment?: string } = {}): Promise<void> {
    if (fields.saveAs !== undefined) await this.root.getByLabel('Save as').fill(fields.saveAs);
    if (fields.comment !== undefined) await this.root.getByLabel('Comment').fill(fields.comment);
    await this.root.getByRole('button', { name: 'Generate' }).click();
  }

  generated(): Locator {
    return this.root.getByRole('status', { name: 'Generated key' });
  }

  /** The button that confirms overwriting an existing key file. */
  overwriteButton(file: string): Locator {
    return this.root.getByRole('button', { name: `Overwrite ${file}` });
  }

  publicKeyField(): Locator {
    return this.root.getByLabel('Public key', { exact: true });
  }

  async copyToHost(): Promise<void> {
    await this.root.getByRole('button', { name: 'Copy to host' }).click();
  }

  copyResult(): Locator {
    return this.root.getByRole('status', { name: 'Copy result' });
  }
}
