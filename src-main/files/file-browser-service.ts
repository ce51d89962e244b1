// Remote file browsers: each is an SFTP channel on a leased SSH connection
// (the host's shared one, so a connected host opens a listing at once),
// owned by the window that opened it. Losing the connection tells the window;
// with Reconnect automatically on, the browser keeps its id through the drop
// and gets a new SFTP channel on the pool's next login (its paused transfers
// resume there). Closing the window closes its browsers.
import type { SFTPWrapper } from 'ssh2';
import type { Hub } from '../ipc/hub';
import type { FileEntry } from '../../src-shared/contract';
import type { HostsService } from '../hosts/hosts-service';
import type { Prompter } from '../prompts/prompter';
import type { ConnectionLease, ConnectionPool } from '../connections/connection-pool';
import { AppError } from '../errors/app-error';
import type { LogRegistry } from '../connections/log-registry';
import { Cancelled } from '../connections/ssh-connection';
import { chmod, listDir, mkdir, removeRecursive, rename, stat } from '../sftp/remote-fs';
import { openSftp } from './open-sftp';
import { DragOutStaging } from './drag-out';
import { widenReceiveWindow } from '../sftp/receive-window';
import type { SshConnection } from '../connections/ssh-connection';

interface Browser {
  clientId: string;
  hostId: string;
  hostName: string;
  lease: ConnectionLease;
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
    private readonly deps: { hub: Hub; hosts: HostsService; prompter: Prompter; pool: ConnectionPool; logs?: LogRegistry; followDrops?: () => boolean },
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
    const lease = this.deps.pool.lease(host, ask);
    const browser: Browser = { clientId, hostId, hostName: host.name, lease, sftp: null };
    this.deps.logs?.register(browserId, clientId, lease.log);
    this.browsers.set(browserId, browser);
    try {
      const connection = await lease.ready;
      const { sftp, home } = await openSftp(connection, host.name);
      // Closed while SFTP was starting: on a shared connection only the channel goes.
      if (this.browsers.get(browserId) !== browser) {
        sftp.end();
        throw new Cancelled();
      }
      const gone = (lost: boolean, message: string) => {
        lease.release();
        if (this.browsers.get(browserId) !== browser) return;
        this.browsers.delete(browserId);
        this.deps.hub.emit(clientId, 'files:closed', { browserId, lost, message });
      };
      const attach = (on: SshConnection, channel: SFTPWrapper) => {
        browser.sftp = channel;
        widenReceiveWindow(channel);
        // On a shared connection the SFTP channel can end alone (the server's sftp-server exited); the connection's own end is reported apart.
        channel.once('close', () => setImmediate(() => !on.closed && browser.sftp === channel && gone(true, `The file transfer (SFTP) channel to ${host.name} closed. Reconnect to continue.`)));
      };
      attach(connection, sftp);
      lease.onClose((reason) => gone(reason !== 'cancel', reason !== 'cancel' ? `The connection to ${host.name} was lost. Reconnect to continue.` : 'Closed.'));
      if (this.deps.followDrops?.()) this.follow(browserId, browser, host.name, attach, gone);
      // The old one may still be tearing down; it is replaced either way.
      if (replaces && replaces !== browserId) this.close(clientId, replaces);
      const succeeds = replaces && replaces !== browserId ? { replaces } : {};
      for (const listener of this.openedListeners) listener({ clientId, browserId, hostId, ...succeeds });
      return { home };
    } catch (error) {
      if (this.browsers.get(browserId) === browser) this.browsers.delete(browserId);
      lease.release();
      if (error instanceof Cancelled) throw new AppError('cancelled', 'Cancelled.');
      throw error;
    }
  }

  /** Through a drop: the tab says so, then lists again on a new SFTP channel; paused transfers go on. */
  private follow(browserId: string, browser: Browser, hostName: string, attach: (on: SshConnection, sftp: SFTPWrapper) => void, gone: (lost: boolean, message: string) => void): void {
    const { clientId } = browser;
    const live = () => this.browsers.get(browserId) === browser;
    browser.lease.follow({
      lost: (reason, attempt) => {
        if (!live()) return;
        browser.sftp = null; // transfers pause until it is back
        const said = attempt === 0 ? `The connection to ${hostName} was lost (${reason.replace(/\.$/, '')}).` : `Reconnect attempt ${attempt} failed: ${reason}`;
        this.deps.hub.emit(clientId, 'files:state', { browserId, state: 'connecting', message: `${said} Reconnecting…` });
      },
      back: (connection) => {
        if (!live()) return;
        openSftp(connection, hostName).then(
          ({ sftp, home }) => {
            if (!live()) return void sftp.end();
            attach(connection, sftp);
            this.deps.hub.emit(clientId, 'files:state', { browserId, state: 'connected', message: home });
            for (const listener of this.openedListeners) listener({ clientId, browserId, hostId: browser.hostId, replaces: browserId });
          },
          (error: unknown) => gone(false, `Reconnected to ${hostName}, but SFTP did not start: ${(error as Error).message}`),
        );
      },
      gaveUp: (error, attempts) => gone(false, attempts === null ? error.message : `${error.message} Reconnect to try again.`),
    });
  }

  close(clientId: string, browserId: string): void {
    const b = this.browsers.get(browserId);
    if (!b || b.clientId !== clientId) return;
    this.browsers.delete(browserId);
    this.deps.prompter.cancelSession(browserId);
    b.sftp?.end();
    b.lease.release();
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
