// OpenSSH certificates in the UI: the host form's CertificateFile and known
// hosts fields under Advanced, and the note in the Unknown host key question
// when the server's host certificate was not accepted.
import type { Locator, Page } from '@playwright/test';
import type { HostForm } from './host-tree';

export class Certificates {
  /** A getter: AppPage builds this before its own page field is set. */
  constructor(private readonly page: () => Page) {}

  certificateFiles(form: HostForm): Locator {
    return form.root.getByRole('textbox', { name: /^Certificates \(CertificateFile/ });
  }

  /** The certificate field with its label, for a screenshot. */
  certificateLabel(form: HostForm): Locator {
    return form.root.locator('label').filter({ has: this.page().getByRole('textbox', { name: /^Certificates \(CertificateFile/ }) });
  }

  knownHostsFiles(form: HostForm): Locator {
    return form.root.getByRole('textbox', { name: /^Known hosts files/ });
  }

  /** Opens Advanced and types one certificate path per line. */
  async setCertificateFiles(form: HostForm, paths: string[]): Promise<void> {
    await form.openAdvanced();
    await this.certificateFiles(form).fill(paths.join('\n'));
  }

  async setKnownHostsFiles(form: HostForm, paths: string[]): Promise<void> {
    await form.openAdvanced();
    await this.knownHostsFiles(form).fill(paths.join('\n'));
  }

  /** The note in the Unknown host key dialog about a @cert-authority line. */
  caNote(): Locator {
    return this.page().getByRole('dialog', { name: 'Unknown host key' }).getByRole('note');
  }
}
