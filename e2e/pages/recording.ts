// Session logs: the toolbar's Record button and its menu, the error it shows,
// the log folder setting, and a host's "Record sessions" option.
import { expect, type Locator, type Page } from '@playwright/test';
import type { HostTree } from './host-tree';

export class Recording {
  constructor(
    private readonly page: Page,
    private readonly hosts: HostTree,
  ) {}

  private toolbar(): Locator {
    return this.page.getByRole('toolbar', { name: 'Terminal' });
  }

  /** The button that starts a recording (not pressed). */
  recordButton(): Locator {
    return this.toolbar().getByRole('button', { name: 'Record', exact: true });
  }

  /** The button shown while recording (pressed). */
  stopButton(): Locator {
    return this.toolbar().getByRole('button', { name: 'Stop recording' });
  }

  async start(format: 'Text log' | 'Raw log'): Promise<void> {
    await this.recordButton().click();
    await this.page.getByRole('menu', { name: 'Record this terminal' }).getByRole('menuitem', { name: new RegExp(`^${format}`) }).click();
  }

  /** Starts a recording and answers the file it writes (from the Stop button's tooltip). */
  async startAndGetPath(format: 'Text log' | 'Raw log'): Promise<string> {
    await this.start(format);
    await expect(this.stopButton()).toHaveAttribute('title', /^Recording to .+ \(click to stop\)$/);
    return /^Recording to (.+) \(click to stop\)$/.exec((await this.stopButton().getAttribute('title'))!)![1]!;
  }

  async stop(): Promise<void> {
    await this.stopButton().click();
    await expect(this.recordButton()).toBeVisible();
  }

  /** What went wrong with a recording, shown under the toolbar. */
  error(): Locator {
    return this.toolbar().getByRole('alert');
  }

  async dismissError(): Promise<void> {
    await this.error().getByRole('button', { name: 'Dismiss' }).click();
  }

  /** Sets where logs go in Settings › Session logs. */
  async setLogFolder(folder: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Settings', exact: true }).click();
    const section = this.page.getByRole('region', { name: 'Session logs', exact: true });
    await section.getByRole('textbox', { name: 'Log folder' }).fill(folder);
    await section.getByRole('textbox', { name: 'Log folder' }).press('Enter');
    await expect(section.getByRole('status')).toHaveText('Saved.');
    await this.page.getByRole('button', { name: 'Done' }).click();
  }

  /** The red REC mark on the selected tab, naming the file. */
  tabMark(): Locator {
    return this.page.getByRole('tab', { selected: true }).getByRole('img', { name: /^Recording to / });
  }

  async setHostRecordSessions(hostName: string, mode: 'Off' | 'Text log' | 'Raw log'): Promise<void> {
    const form = await this.hosts.edit(hostName);
    await form.openAdvanced(); // "Record sessions" sits under Advanced
    const select = form.root.getByLabel('Record sessions');
    const value = await select.locator('option', { hasText: new RegExp(`^${mode}`) }).getAttribute('value');
    await select.selectOption(value!);
    await form.save();
    await expect(form.root).toBeHidden();
  }
}
