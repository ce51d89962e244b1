// The desktop-integration parts of the window: Browse… buttons beside path
// fields (and what happens where there is no native file dialog), and the
// Desktop section of Settings.
import { expect, type Locator, type Page } from '@playwright/test';

export type DesktopSwitch =
  | 'Keep running in the tray when the window closes'
  | 'Start Warren at login'
  | 'Open ssh:// links with Warren'
  | 'Notify me when a tunnel drops or comes back';

export class Desktop {
  constructor(private readonly page: Page) {}

  /** The New host form, opened from the sidebar. */
  async openNewHostForm(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'New host' }).click();
    const form = this.page.getByRole('form', { name: 'New host' });
    await expect(form).toBeVisible();
    return form;
  }

  browseButton(scope: Locator, name: 'Choose a key file' | 'Choose the file to import' | 'Choose a .pub file'): Locator {
    return scope.getByRole('button', { name, exact: true });
  }

  /** The line a Browse… button shows when it cannot open a dialog. */
  browseNote(scope: Locator): Locator {
    return scope.getByRole('status').filter({ hasText: 'type the path' });
  }

  /** The typed-path field a Browse… button sits beside. */
  pathField(scope: Locator, name: 'Private key file (optional)' | 'Config file' | 'Public key'): Locator {
    return scope.getByRole('textbox', { name, exact: true });
  }

  desktopSection(): Locator {
    return this.page.getByRole('dialog').getByRole('region', { name: 'Desktop', exact: true });
  }

  switch(name: DesktopSwitch): Locator {
    return this.desktopSection().getByRole('checkbox', { name, exact: true });
  }

  /** The confirmation an ssh:// link opens before anything connects. */
  linkConfirmation(address: string): Locator {
    return this.page.getByRole('dialog', { name: `Connect to ${address}?` });
  }

  anyDialog(): Locator {
    return this.page.getByRole('dialog');
  }

  /** What the page can reach, as a script injected into it would see it. */
  async securityProbe(): Promise<{ require: string; process: string; evalBlocked: boolean; csp: string; warrenKeys: string[] }> {
    return this.page.evaluate(() => {
      let evalBlocked = false;
      try {
        new Function('return 1')();
      } catch {
        evalBlocked = true;
      }
      const w = window as unknown as { require?: unknown; process?: unknown; warren: object };
      return {
        require: typeof w.require,
        process: typeof w.process,
        evalBlocked,
        csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '',
        warrenKeys: Object.keys(w.warren).sort(),
      };
    });
  }

  /** Hosts and forwards as main lists them (what the tray menu is built from). */
  async hostsAndTunnels(): Promise<{ hosts: Array<{ id: string; name: string }>; tunnels: unknown[] }> {
    return this.page.evaluate(async () => {
      const warren = (window as unknown as { warren: { hosts: { list(i: object): Promise<{ value: { hosts: Array<{ id: string; name: string }> } }> }; tunnels: { list(i: object): Promise<{ value: unknown[] }> } } }).warren;
      return { hosts: (await warren.hosts.list({})).value.hosts, tunnels: (await warren.tunnels.list({})).value };
    });
  }
}
