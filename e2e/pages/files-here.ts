// "Open files here" on the terminal toolbar (and Ctrl+Shift+O).
import type { Locator, Page } from '@playwright/test';

export class FilesHere {
  constructor(private readonly page: Page) {}

  button(): Locator {
    return this.page.getByRole('toolbar', { name: 'Terminal' }).getByRole('button', { name: 'Open files here' });
  }

  async click(): Promise<void> {
    await this.button().click();
  }

  async press(): Promise<void> {
    await this.page.keyboard.press('Control+Shift+O');
  }
}
