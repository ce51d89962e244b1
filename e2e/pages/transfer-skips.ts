// What a folder transfer skipped (links, unsafe names, loops): the fold-out
// list under its row in the transfers panel.
import type { Locator } from '@playwright/test';
import type { FilesView } from './files-view';

export class TransferSkips {
  /** The files view is built after this object, so it is fetched when used. */
  constructor(private readonly files: () => FilesView) {}

  /** "N entries skipped" under a transfer's row. */
  summary(name: string): Locator {
    return this.files().transfer(name).getByText(/^\d+ (entry|entries) skipped$/);
  }

  async open(name: string): Promise<void> {
    await this.summary(name).click();
  }

  /** Each skipped entry, as "path: why". */
  entries(name: string): Locator {
    return this.files().root().getByRole('list', { name: `Skipped in ${name}` }).getByRole('listitem');
  }
}
