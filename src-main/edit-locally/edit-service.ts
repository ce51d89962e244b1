// Edit locally: the files of each window that are open in an editor. A file
// is copied from the browser's SFTP channel into a private folder, opened in
// the editor (the command set in Settings › Editor, else the OS default app,
// which only the Electron shell can reach: it is passed in), and each save
// goes back to the server (see EditSession). Closing the file tab or the
// window stops the watching; a tab that reconnects keeps its edits.
import os from 'node:os';
import path from 'node:path';
import { rm } from 'node:fs/promises';
import type { SFTPWrapper } from 'ssh2';
import type { EditChoice, EditorSettings, EditView } from '../../src-shared/contract';
import type { Hub } from '../ipc/hub';
import type { SettingsStore } from '../storage/store';
import { AppError } from '../errors/app-error';
import { realpath } from '../sftp/remote-fs';
import { EditSession } from './edit-session';
import { launchEditor } from './editor-launcher';
import { EDITOR_KEY } from './editor-settings';
import { digest, makePrivateFolder, writePrivate } from './local-copy';
import { readRemote } from './remote-copy';

/** What the service needs of the file browsers. */
export interface BrowserAccess {
  sftp(clientId: string, browserId: string): SFTPWrapper;
  onOpened(listener: (opened: { clientId: string; browserId: string; replaces?: string }) => void): void;
}

export interface EditServiceDeps {
  hub: Hub;
  browsers: BrowserAccess;
  store: SettingsStore;
  readEditor(): EditorSettings;
  /** Opens a file in the OS's default app (Electron's shell.openPath); absent where there is none (the e2e harness). */
  openDefault?: ((file: string) => Promise<void>) | undefined;
  /** Where private folders go; the OS temp folder by default. */
  root?: string;
  quietMs?: number;
}

interface Entry {
  clientId: string;
  session: EditSession;
}

let counter = 0;
const newEditId = () => `e${Date.now().toString(36)}${(++counter).toString(36)}`;

export class EditService {
  private readonly edits = new Map<string, Entry>();

  constructor(private readonly deps: EditServiceDeps) {
    deps.hub.onClientGone((clientId) => void this.stopWhere((e) => e.clientId === clientId));
    // A tab that reconnects gets a new browser: its edits follow it, and a save that failed meanwhile is sent now.
    deps.browsers.onOpened(({ clientId, browserId, replaces }) => {
      if (!replaces) return;
      for (const e of this.edits.values()) {
        if (e.clientId !== clientId || e.session.browserId !== replaces) continue;
        e.session.browserId = browserId;
        void e.session.retry();
      }
    });
  }

  editor(): EditorSettings {
    return this.deps.readEditor();
  }

  setEditor(settings: EditorSettings): EditorSettings {
    this.deps.store.set(EDITOR_KEY, { command: settings.command.trim() });
    return this.deps.readEditor();
  }

  async open(clientId: string, browserId: string, remotePath: string): Promise<EditView> {
    const sftp = this.deps.browsers.sftp(clientId, browserId);
    // A link is edited where it points: a save must replace the file, not the link.
    const real = await realpath(sftp, remotePath);
    const already = [...this.edits.values()].find((e) => e.clientId === clientId && e.session.browserId === browserId && e.session.remotePath === real);
    if (already) {
      await this.launch(already.session.localPath);
      return already.session.view();
    }
    const { data, facts } = await readRemote(sftp, real);
    const dir = await makePrivateFolder(this.deps.root ?? os.tmpdir());
    const localPath = path.join(dir, path.posix.basename(real));
    try {
      await writePrivate(localPath, data);
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
    const editId = newEditId();
    // Watching starts before the editor does: a quick first save must not be missed.
    const session: EditSession = new EditSession(
      { editId, browserId, remotePath: real, localPath, base: facts, synced: digest(data) },
      { sftp: (): SFTPWrapper => this.deps.browsers.sftp(clientId, session.browserId), emit: (view) => this.deps.hub.emit(clientId, 'edit:update', view), ...(this.deps.quietMs ? { quietMs: this.deps.quietMs } : {}) },
    );
    try {
      await this.launch(localPath);
    } catch (error) {
      await session.stop({ silent: true });
      throw error;
    }
    this.edits.set(editId, { clientId, session });
    return session.view();
  }

  private async launch(file: string): Promise<void> {
    const command = this.deps.readEditor().command.trim();
    if (command) return launchEditor(command, file);
    if (!this.deps.openDefault) throw new AppError('unsupported', 'No editor is set. Choose one in Settings › Editor (for example: code --wait {file}).');
    await this.deps.openDefault(file).catch((error: unknown) => {
      throw error instanceof AppError ? error : new AppError('failed', (error as Error).message);
    });
  }

  private entry(clientId: string, editId: string): EditSession {
    const e = this.edits.get(editId);
    if (!e || e.clientId !== clientId) throw new AppError('not-found', 'That file is no longer being edited.');
    return e.session;
  }

  resolve = (clientId: string, editId: string, choice: EditChoice): Promise<void> => this.entry(clientId, editId).resolve(choice);
  retry = (clientId: string, editId: string): Promise<void> => this.entry(clientId, editId).retry();

  async stop(clientId: string, editId: string): Promise<{ kept: string | null }> {
    const session = this.entry(clientId, editId);
    this.edits.delete(editId);
    return { kept: await session.stop() };
  }

  /** The file tab closed: its edits stop (unsent changes stay on disk, as stop() says). */
  stopBrowser(clientId: string, browserId: string): Promise<void> {
    return this.stopWhere((e) => e.clientId === clientId && e.session.browserId === browserId);
  }

  stopAll(): Promise<void> {
    return this.stopWhere(() => true);
  }

  private async stopWhere(match: (e: Entry) => boolean): Promise<void> {
    const gone = [...this.edits].filter(([, e]) => match(e));
    for (const [id] of gone) this.edits.delete(id);
    await Promise.all(gone.map(([, e]) => e.session.stop()));
  }
}
