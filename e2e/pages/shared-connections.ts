// The host form's "Separate connections" switch (issue 16: shared connections).
import type { Locator } from '@playwright/test';
import type { HostForm } from './host-tree';

/** The checkbox under Advanced that gives each terminal, Files tab and tunnel its own SSH connection. */
export function separateConnections(form: HostForm): Locator {
  return form.advancedFields().getByRole('checkbox', { name: /^Separate connections/ });
}
