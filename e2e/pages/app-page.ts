// Page object: every selector the specs use lives under e2e/pages/, one area
// per file, composed here. Specs call these and assert on what they return.
import { expect, type Locator, type Page } from '@playwright/test';
import { Dialogs, Prompts } from './dialogs';
import { FilesView } from './files-view';
import { HostTree } from './host-tree';
import { ImportDialog } from './import-dialog';
import { KeysDialog } from './keys-dialog';
import { Recording } from './recording';
import { SettingsDialog } from './settings-dialog';
import { EditLocally } from './edit-locally';
import { FilesHere } from './files-here';
import { Terminal } from './terminal';
import { TunnelsPanel } from './tunnels-panel';
import { Snippets } from './snippets';
import { Palette } from './palette';
import { Accessibility } from './a11y';
import { Gallery } from './gallery';
import { Desktop } from './desktop';
import { ConnectionSettings } from './connection-settings';
import { HostOptions } from './host-options';
import { SessionOptions } from './session-options';
import { ProxyExport } from './proxy-export';
import { TransferSkips } from './transfer-skips';
import { ExportSave } from './export-save';
import { PoolReconnect } from './pool-reconnect';
import { Certificates } from './certificates';

export type { HostFields } from './host-tree';

export class AppPage {
  readonly hosts: HostTree;
  readonly terminal: Terminal;
  readonly files: FilesView;
  readonly tunnels: TunnelsPanel;
  /** Saved commands: the picker, the snippet form, the placeholder dialog. */
  readonly snippets: Snippets;
  /** Questions from main: host key, passphrase, password, server question. */
  readonly prompts: Prompts;
  /** Confirmations and small dialogs. */
  readonly dialogs: Dialogs;
  readonly importer: ImportDialog;
  readonly keys: KeysDialog;
  /** Session logs: Record button, log folder, a host's Record sessions option. */
  readonly recording: Recording;
  readonly settings: SettingsDialog;
  /** Ctrl+K: hosts, actions, quick connect and its Save host. */
  readonly palette: Palette;
  /** Edit locally: the Editing list, the conflict question, the Editor setting. */
  readonly editLocally: EditLocally;
  /** Open files here: the terminal toolbar's button and Ctrl+Shift+O. */
  readonly filesHere: FilesHere;
  /** axe checks and the app theme they run in. */
  readonly a11y: Accessibility;
  /** README screenshots (docs/gallery/ with WARREN_GALLERY=1). */
  readonly gallery: Gallery;
  readonly desktop: Desktop;
  /** Settings → Connections (defaults for new hosts) and Known hosts. */
  readonly connectionSettings: ConnectionSettings;
  /** The host form's SSH options under Advanced (algorithm lists and their warning). */
  readonly hostOptions = new HostOptions();
  /** The host form's SetEnv, SendEnv, RemoteCommand, RequestTTY, known hosts and GatewayPorts fields. */
  readonly sessionOptions = new SessionOptions();
  /** The host form's Proxy command field and the Export as ssh config dialog. */
  readonly proxyExport = new ProxyExport();
  /** What a folder transfer skipped (links, unsafe names, loops), under its row. */
  readonly transferSkips = new TransferSkips(() => this.files);
  /** Save… in the Export as ssh config dialog (typed path where there is no Save dialog). */
  readonly exportSave = new ExportSave();
  /** A shared connection's drop, as the Files tab shows it while main reconnects. */
  readonly poolReconnect = new PoolReconnect();
  /** CertificateFile under Advanced, and the @cert-authority note in the host-key question. */
  readonly certificates = new Certificates(() => this.page);

  constructor(readonly page: Page) {
    this.hosts = new HostTree(page);
    this.terminal = new Terminal(page);
    this.files = new FilesView(page, this.hosts);
    this.tunnels = new TunnelsPanel(page);
    this.snippets = new Snippets(page);
    this.prompts = new Prompts(page);
    this.dialogs = new Dialogs(page);
    this.importer = new ImportDialog(page);
    this.keys = new KeysDialog(page);
    this.recording = new Recording(page, this.hosts);
    this.settings = new SettingsDialog(page);
    this.palette = new Palette(page);
    this.editLocally = new EditLocally(page, this.files, this.settings);
    this.filesHere = new FilesHere(page);
    this.a11y = new Accessibility(page);
    this.gallery = new Gallery(page);
    this.desktop = new Desktop(page);
    this.connectionSettings = new ConnectionSettings(page);
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.hosts.newHostButton()).toBeVisible();
  }

  /** A key or chord pressed on whatever has the focus. */
  async press(key: string): Promise<void> {
    await this.page.keyboard.press(key);
  }

  /** An app-wide notice (role alert) that contains the text. */
  notice(text: string): Locator {
    return this.page.getByRole('alert').filter({ hasText: text });
  }

  readonly clipboard = {
    write: (text: string): Promise<void> => this.page.evaluate((t) => navigator.clipboard.writeText(t), text),
    read: (): Promise<string> => this.page.evaluate(() => navigator.clipboard.readText()),
  };
}
