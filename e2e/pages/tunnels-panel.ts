// The sidebar's Tunnels tab: its forwards, one card each grouped by host, and the New forward form.
import { expect, type Locator, type Page } from '@playwright/test';

export interface ForwardFields {
  name?: string;
  kind?: 'local' | 'remote' | 'dynamic';
  listenPort?: number;
  destinationHost?: string;
  destinationPort?: number;
  startAtLaunch?: boolean;
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
    if (fields.startAtLaunch !== undefined) await this.root.getByLabel(/Start when Warren starts/).setChecked(fields.startAtLaunch);
  }

  listenAddress(): Locator {
    return this.root.getByLabel('Listen address');
  }

  async save(): Promise<void> {
    await this.root.getByRole('button', { name: 'Save' }).click();
  }
}

/** The sidebar's Tunnels tab: forwards grouped by host, one card each, and the New forward form. */
export class TunnelsPanel {
  constructor(private readonly page: Page) {}

  /** The sidebar's Tunnels tab; with `on`, the one that says how many forwards are on. */
  tab(on?: number): Locator {
    return this.page.getByRole('tab', { name: on === undefined ? 'Tunnels' : `Tunnels (${on} on)`, exact: on !== undefined });
  }

  hostsTab(): Locator {
    return this.page.getByRole('tab', { name: 'Hosts' });
  }

  async open(): Promise<void> {
    await this.tab().click();
    await expect(this.root()).toBeVisible();
  }

  /** Back to the Hosts tab (the tree, New host, Import…). */
  async close(): Promise<void> {
    await this.hostsTab().click();
    await expect(this.root()).toBeHidden();
  }

  root(): Locator {
    return this.page.getByRole('region', { name: 'Tunnels' });
  }

  /** The forwards of one host, under its name. */
  group(hostName: string): Locator {
    return this.root().getByRole('region', { name: `Forwards of ${hostName}` });
  }

  /** Names of the hosts whose forwards are listed, in order. */
  async groupNames(): Promise<string[]> {
    const labels = await this.root().getByRole('region').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    return labels.map((l) => l.replace(/^Forwards of /, ''));
  }

  /** The "Only <host>" filter's clear button (shown when opened from a host's context menu). */
  showAllHosts(): Locator {
    return this.root().getByRole('button', { name: "Show every host's forwards" });
  }

  async newForward(): Promise<ForwardForm> {
    await this.root().getByRole('button', { name: 'New forward', exact: true }).click();
    return new ForwardForm(this.page);
  }

  /** New forward, filled and saved; returns the form (it closes on success). */
  async add(fields: ForwardFields): Promise<ForwardForm> {
    const form = await this.newForward();
    await form.fill(fields);
    await form.save();
    return form;
  }

  /** A forward's card; its state is the card's `data-state`. */
  row(name: string): Locator {
    return this.root().getByRole('listitem', { name: `Forward ${name}` });
  }

  /** The forward's on/off switch (role=switch; aria-checked follows what it is asked to be). */
  switch(name: string): Locator {
    return this.row(name).getByRole('switch', { name: `Switch ${name}` });
  }

  async toggle(name: string): Promise<void> {
    await this.switch(name).click();
  }

  /** What listens where and where it goes. */
  route(name: string): Locator {
    return this.row(name).locator('.tunnel-route');
  }

  connections(name: string): Locator {
    return this.row(name).locator('.tunnel-connections');
  }

  /** Rates now and totals. */
  traffic(name: string): Locator {
    return this.row(name).locator('.tunnel-traffic');
  }

  /** The live rates, e.g. "↓ 1.2 MiB/s ↑ 0 B/s" (arrows are icons: the text reads "1.2 MiB/s 0 B/s"). */
  rates(name: string): Locator {
    return this.row(name).locator('.tunnel-rates');
  }

  /** The last error, with what to do when main's sentence does not say it. */
  error(name: string): Locator {
    return this.row(name).locator('.tunnel-error');
  }
}
