// Import from an ssh config: the file, the preview, and what to import.
import type { Locator, Page } from '@playwright/test';

export class ImportDialog {
  readonly root: Locator;

  constructor(private readonly page: Page) {
    this.root = page.getByRole('dialog').locator('.import-dialog');
  }

  async open(): Promise<void> {
    await this.page.getByRole('button', { name: 'Import…' }).click();
  }

  /** Reads a config file into the preview. */
  async read(configFile: string): Promise<void> {
    await this.root.getByLabel('Config file').fill(configFile);
    await this.root.getByRole('button', { name: 'Read' }).click();
  }

  /** A host of the preview. */
  candidate(name: string): Locator {
    return this.root.getByRole('listitem', { name: `Import ${name}` });
  }

  /** Whether a host of the preview will be imported. */
  checkbox(name: string): Locator {
    return this.candidate(name).getByRole('checkbox');
  }

  /** The notes of a host of the preview: every option not imported as written (unfolded when there are many). */
  async notes(name: string): Promise<Locator> {
    const fold = this.candidate(name).locator('details:not([open]) > summary');
    if ((await fold.count()) > 0) await fold.click();
    return this.candidate(name).getByRole('list', { name: `Notes for ${name}` });
  }

  async screenshot(file: string): Promise<void> {
    await this.root.screenshot({ path: file });
  }

  skippedLines(): Locator {
    return this.root.getByRole('list', { name: 'Lines skipped' });
  }

  async leaveOut(name: string): Promise<void> {
    await this.candidate(name).getByRole('checkbox').uncheck();
  }

  /** Presses "Import N host(s)". */
  async importHosts(count: number): Promise<void> {
    await this.root.getByRole('button', { name: `Import ${count} host` }).click();
  }
}
