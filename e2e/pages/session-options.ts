// The host form's session and host-key options under Advanced: SetEnv,
// SendEnv, RemoteCommand, RequestTTY, UserKnownHostsFile, HostKeyAlias,
// GatewayPorts.
import type { Locator } from '@playwright/test';
import type { HostForm } from './host-tree';

export interface SessionOptionValues {
  setEnv: string;
  sendEnv: string;
  remoteCommand: string;
  requestTty: 'auto' | 'yes' | 'no' | 'force';
  knownHostsFiles: string;
  hostKeyAlias: string;
  gatewayPorts: boolean;
}

export class SessionOptions {
  setEnv(form: HostForm): Locator {
    return form.root.getByRole('textbox', { name: /^Environment \(SetEnv/ });
  }

  sendEnv(form: HostForm): Locator {
    return form.root.getByRole('textbox', { name: /^Send local variables/ });
  }

  remoteCommand(form: HostForm): Locator {
    return form.root.getByRole('textbox', { name: /^Remote command/ });
  }

  requestTty(form: HostForm): Locator {
    return form.root.getByRole('combobox', { name: /^Terminal \(RequestTTY/ });
  }

  knownHostsFiles(form: HostForm): Locator {
    return form.root.getByRole('textbox', { name: /^Known hosts files/ });
  }

  hostKeyAlias(form: HostForm): Locator {
    return form.root.getByRole('textbox', { name: /^Host key alias/ });
  }

  gatewayPorts(form: HostForm): Locator {
    return form.root.getByRole('checkbox', { name: /GatewayPorts/ });
  }

  /** Opens Advanced and fills every field, as a user would. */
  async fill(form: HostForm, values: SessionOptionValues): Promise<void> {
    await form.openAdvanced();
    await this.setEnv(form).fill(values.setEnv);
    await this.sendEnv(form).fill(values.sendEnv);
    await this.remoteCommand(form).fill(values.remoteCommand);
    await this.requestTty(form).selectOption(values.requestTty);
    await this.knownHostsFiles(form).fill(values.knownHostsFiles);
    await this.hostKeyAlias(form).fill(values.hostKeyAlias);
    await this.gatewayPorts(form).setChecked(values.gatewayPorts);
  }
}
