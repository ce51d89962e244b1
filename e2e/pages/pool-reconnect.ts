// A shared connection that drops under a terminal and a Files tab: what each
// tab shows while main logs in again once for both.
import type { Locator } from '@playwright/test';
import type { FilesView } from './files-view';

export class PoolReconnect {
  /** The Files tab's line saying the link went and it is reconnecting. */
  filesReconnecting(files: FilesView): Locator {
    return files.root().getByRole('status').filter({ hasText: /was lost .*Reconnecting/ });
  }

  filesState(files: FilesView): Locator {
    return files.root();
  }
}
