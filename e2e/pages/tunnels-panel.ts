// The Tunnels panel: its forwards, one row each, and the New forward form.
import type { Locator, Page } from '@playwright/test';

export interface ForwardFields {
  name?: string;
  kind?: 'local' | 'remote' | 'dynamic';
  listenPort?: number;
  destinationHost?: string;
  destinationPort?: number;
}

const kindLabel = { local: /Local \(-L\)/, remote: /Remote \(-R\)/, dynamic: /Dynamic \(-D\)/ } as const;

export class ForwardForm {
  readonly root: Locator;

  constructor(page: Page) {
    this.root = page.getByRole('dialog', { name: 'New forward' });
  }

  /** Fills the given fields, in the form's order (the kind before the ports: it sets the defaults). */
  async fill(fields: ForwardFields): Promise<void> {
    if (fields.name !== undefined) await this.root.getByLabel('Name').fill(fields.name);
    if (fields.kind) await this.root.getByText(kindLabel[fields.kind]).click();
    if (fields.listenPort !== undefined) await this.root.getByLabel('Listen port').fill(String(fields.listenPort));
    if (fields.destinationHost !== undefined) await this.root.getByLabel('Destination host').fill(fields.destinationHost);
    if (fields.destinationPort !== undefined) await this.root.getByLabel('Destination port').fill(String(fields.destinationPort));
  }

  listenAddress(): Locator {
    return this.root.getByLabel('Listen address');
  }

  async save(): Promise<void> {
    await this.root.getByRole('button', { name: 'Save' }).click();
  }
}

export class TunnelsPanel {
  constructor(private readonly page: Page) {}

  /** The sidebar button; with `on`, the one that says how many forwards are on. */
  button(on?: number): Locator {
    return this.page.getByRole('button', { name: on === undefined ? 'Tunnels' : `Tunnels (${on} on)` });
  }

  async open(): Promise<void> {
    await this.button().click();
  }

  root(): Locator {
    return this.page.getByRole('region', { name: 'Tunnels' });
  }

  async newForward(): Promise<ForwardForm> {
    await this.root().getByRole('button', { name: 'New forward' }).click();
    return new ForwardForm(this.page);
  }

  /** New forward, filled and saved; returns the form (it closes on success). */
  async add(fields: ForwardFields): Promise<ForwardForm> {
    const form = await this.newForward();
    await form.fill(fields);
    await form.save();
    return form;
  }

  /** A forward's row; its state is the row's `data-state`. */
  row(name: string): Locator {
    return this.root().getByRole('row', { name: `Forward ${name}` });
  }

  switch(name: string): Locator {
    return this.row(name).getByRole('switch', { name: `Switch ${name}` });
  }

  async toggle(name: string): Promise<void> {
    await this.switch(name).click();
  }

  /** The Forward column: what listens where and where it goes. */
  route(name: string): Locator {
    return this.row(name).locator('td').nth(2);
  }

  connections(name: string): Locator {
    return this.row(name).locator('.tunnel-connections');
  }

  traffic(name: string): Locator {
    return this.row(name).locator('.tunnel-traffic');
  }

  error(name: string): Locator {
    return this.row(name).locator('.tunnel-error');
  }
}
