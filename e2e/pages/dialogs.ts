// Dialogs that are not part of one area: confirmations, questions from main
// (host key, passphrase, password, server question) and the connection log.
import type { Locator, Page } from '@playwright/test';

export type PromptName = 'Unknown host key' | 'Key passphrase' | 'Password' | 'Server question';

/** Questions from main, each in its own dialog. */
export class Prompts {
  constructor(private readonly page: Page) {}

  dialog(name: PromptName): Locator {
    return this.page.getByRole('dialog', { name });
  }

  button(name: PromptName, button: string): Locator {
    return this.dialog(name).getByRole('button', { name: button });
  }

  async click(name: PromptName, button: string): Promise<void> {
    await this.button(name, button).click();
  }

  /** The fingerprint shown in the Unknown host key dialog. */
  fingerprint(): Locator {
    return this.dialog('Unknown host key').getByLabel('Fingerprint');
  }

  /** Types into the hidden input of the Password dialog and presses OK. */
  async enterPassword(password: string): Promise<void> {
    await this.dialog('Password').locator('input[type="password"]').fill(password);
    await this.click('Password', 'OK');
  }

  async enterPassphrase(passphrase: string): Promise<void> {
    await this.dialog('Key passphrase').getByLabel('Passphrase', { exact: true }).fill(passphrase);
    await this.click('Key passphrase', 'OK');
  }

  /** One answer field of a keyboard-interactive question, by the server's prompt. */
  question(label: string): Locator {
    return this.dialog('Server question').getByLabel(label);
  }
}

export class Dialogs {
  constructor(private readonly page: Page) {}

  /** Clicks a button in the open confirm dialog. */
  async confirm(button: string): Promise<void> {
    await this.page.getByRole('dialog').getByRole('button', { name: button, exact: true }).click();
  }

  named(name: string): Locator {
    return this.page.getByRole('dialog', { name });
  }

  /** Fills the Name field of a dialog (New folder, Rename …) and presses OK. */
  async enterName(dialog: string, name: string): Promise<void> {
    await this.named(dialog).getByLabel('Name').fill(name);
    await this.named(dialog).getByRole('button', { name: 'OK' }).click();
  }
}

/** The connection log, of a Test connection or of a terminal tab. */
export class LogDialog {
  readonly root: Locator;

  constructor(page: Page) {
    this.root = page.locator('.log-dialog');
  }

  verdict(): Locator {
    return this.root.getByRole('status', { name: 'Verdict' });
  }

  entries(): Locator {
    return this.root.getByRole('list', { name: 'Log' });
  }

  async close(): Promise<void> {
    await this.root.getByRole('button', { name: 'Close' }).click();
  }
}
