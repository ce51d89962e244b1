// Settings → Connections (defaults for new hosts) and Settings → Known hosts.
import { expect, type Locator, type Page } from '@playwright/test';

export class ConnectionSettings {
  constructor(private readonly page: Page) {}

  section(): Locator {
    return this.page.getByRole('region', { name: 'Connections', exact: true });
  }

  knownHostsSection(): Locator {
    return this.page.getByRole('region', { name: 'Known hosts', exact: true });
  }

  keepalive(): Locator {
    return this.section().getByRole('spinbutton', { name: /^Keepalive every/ });
  }

  keepaliveCount(): Locator {
    return this.section().getByRole('spinbutton', { name: /^Give up after/ });
  }

  hostKeyPolicy(): Locator {
    return this.section().getByRole('combobox', { name: 'Host keys of new hosts', exact: true });
  }

  /** Types the default keepalive and presses Enter, as a user finishing the entry; waits until main saved it. */
  async setKeepalive(seconds: number): Promise<void> {
    await this.keepalive().fill(String(seconds));
    await this.keepalive().press('Enter');
    await expect(this.keepalive()).toHaveValue(String(seconds));
  }

  async setHostKeyPolicy(policy: 'ask' | 'accept-new' | 'strict'): Promise<void> {
    await this.hostKeyPolicy().selectOption(policy);
  }

  hashNames(): Locator {
    return this.knownHostsSection().getByRole('checkbox', { name: /^Hash host names/ });
  }

  readFiles(): Locator {
    return this.knownHostsSection().getByRole('textbox', { name: /^Files read for trust decisions/ });
  }
}
