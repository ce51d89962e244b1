// The host form's per-host SSH options under Advanced: algorithm lists in
// ssh_config syntax and the legacy-algorithm warning beside them.
import type { Locator } from '@playwright/test';
import type { HostForm } from './host-tree';

export type AlgorithmField = 'Host key algorithms' | 'Key exchange' | 'Ciphers' | 'MACs' | 'Public key algorithms';

export class HostOptions {
  algorithmField(form: HostForm, name: AlgorithmField): Locator {
    return form.root.getByRole('textbox', { name: new RegExp(`^${name}( \\(|$)`) });
  }

  /** Opens Advanced and types a list, as a user would (`+ssh-rsa`). */
  async setAlgorithms(form: HostForm, name: AlgorithmField, spec: string): Promise<void> {
    await form.openAdvanced();
    await this.algorithmField(form, name).fill(spec);
  }

  /** The Algorithms box under Advanced. */
  algorithms(form: HostForm): Locator {
    return form.root.getByRole('group', { name: /^Algorithms/ });
  }

  /** The warning shown while the host allows a legacy algorithm. */
  legacyWarning(form: HostForm): Locator {
    return form.root.getByRole('note', { name: 'Legacy algorithms' });
  }
}
