// Remote file browsers: each is one SSH connection with an SFTP channel,
// owned by the window that opened it. Losing the connection tells the window;
// closing the window closes its browsers.
import type { SFTPWrapper } from 'ssh2';
import type { Hub } from '../ipc/hub';
import type { FileEntry } from '../../src-shared/contract';
import type { HostsService } from '../hosts/hosts-service';
import type { Prompter } from '../prompts/prompter';
import type { HostConnector } from '../connections/host-connector';
import { AppError } from '../errors/app-error';
import type { LogRegistry } from '../connections/log-registry';
import { Cancelled, SshConnection } from '../connections/ssh-connection';
import { chmod, listDir, mkdir, removeRecursive, rename, stat } from '../sftp/remote-fs';
import { openSftp } from './open-sftp';
import { DragOutStaging } from './drag-out';
import { widenReceiveWindow } from '../sftp/receive-window';

interface Browser {
  clientId: string;
  hostId: string;
  hostName: string;
  connection: SshConnection;
  sftp: SFTPWrapper | null;
}

/** A browser is connected; `replaces` is the one it succeeds when it came up again after a lost connection. */
export type OpenedListener = (opened: { clientId: string; browserId: string; hostId: string; replaces?: string }) => void;

export class FileBrowserService {
  private readonly browsers = new Map<string, Browser>();
  private readonly openedListeners = new Set<OpenedListener>();
  /** Files staged for dragging out to the desktop; the shell checks paths against it. */
  readonly dragOut = new DragOutStaging();

  constructor(
    private readonly deps: { hub: Hub; hosts: HostsService; prompter: Prompter; connector: HostConnector; logs?: LogRegistry },
  ) {
    deps.hub.onClientGone((clientId) => {
      for (const [id, b] of this.browsers) if (b.clientId === clientId) this.close(clientId, id);
    });
  }

  onOpened(listener: OpenedListener): void {
    this.openedListeners.add(listener);
  }

  /** Connects (asking the user what it must) and opens SFTP; resolves with the login folder. */
  async open(clientId: string, browserId: string, hostId: string, replaces?: string): Promise<{ home: string }> {
    if (this.browsers.has(browserId)) throw new AppError('exists', 'That file browser is already open.');
    const host = this.deps.hosts.get(hostId);
    const ask = this.deps.prompter.askFor(clientId, browserId);
    const connection = new SshConnection(await this.deps.connector.options(host, ask));
    const browser: Browser = { clientId, hostId, hostName: host.name, connection, sftp: null };
    this.deps.logs?.register(browserId, clientId, connection.log);
    this.browsers.set(browserId, browser);
    try {
      await connection.connect();
      const { sftp, home } = await openSftp(connection, host.name);
      browser.sftp = sftp;
      widenReceiveWindow(sftp);
      connection.onClose((reason) => {
        if (!this.browsers.delete(browserId)) return;
        const lost = reason !== 'cancel';
        this.deps.hub.emit(clientId, 'files:closed', { browserId, lost, message: lost ? `The connection to ${host.name} was lost. Reconnect to continue.` : 'Closed.' });
      });
      // The old one may still be tearing down; it is replaced either way.
      if (replaces && replaces !== browserId) this.close(clientId, replaces);
      const succeeds = replaces && replaces !== browserId ? { replaces } : {};
      for (const listener of this.openedListeners) listener({ clientId, browserId, hostId, ...succeeds });
      return { home };
    } catch (error) {
      this.browsers.delete(browserId);
      connection.close();
      if (error instanceof Cancelled) throw new AppError('cancelled', 'Cancelled.');
      throw error;
    }
  }

  close(clientId: string, browserId: string): void {
    const b = this.browsers.get(browserId);
    if (!b || b.clientId !== clientId) return;
    this.browsers.delete(browserId);
    this.deps.prompter.cancelSession(browserId);
    b.connection.close();
  }

  /** The SFTP channel of a browser this window owns. */
  sftp(clientId: string, browserId: string): SFTPWrapper {
    return this.connected(clientId, browserId).sftp;
  }

  /** The saved host a browser this window owns is connected to. */
  hostOf(clientId: string, browserId: string): string {
    return this.connected(clientId, browserId).hostId;
  }

  private connected(clientId: string, browserId: string): Browser & { sftp: SFTPWrapper } {
    const b = this.browsers.get(browserId);
    if (!b || b.clientId !== clientId || !b.sftp) throw new AppError('files-gone', 'This file browser is no longer connected. Reconnect to continue.');
    return b as Browser & { sftp: SFTPWrapper };
  }

  list = (clientId: string, browserId: string, path: string): Promise<FileEntry[]> => listDir(this.sftp(clientId, browserId), path);
  stat = (clientId: string, browserId: string, path: string): Promise<FileEntry> => stat(this.sftp(clientId, browserId), path);
  mkdir = (clientId: string, browserId: string, path: string): Promise<void> => mkdir(this.sftp(clientId, browserId), path);
  rename = (clientId: string, browserId: string, from: string, to: string): Promise<void> => rename(this.sftp(clientId, browserId), from, to);
  remove = (clientId: string, browserId: string, path: string): Promise<void> => removeRecursive(this.sftp(clientId, browserId), path);
  chmod = (clientId: string, browserId: string, path: string, mode: number): Promise<void> => chmod(this.sftp(clientId, browserId), path, mode);

  stageDragOut = (clientId: string, browserId: string, paths: string[]): Promise<string[]> => this.dragOut.stage(this.sftp(clientId, browserId), paths);

  closeAll(): void {
    for (const [id, b] of this.browsers) this.close(b.clientId, id);
    void this.dragOut.cleanup();
  }
}
