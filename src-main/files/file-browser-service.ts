// Remote file browsers: each is an SFTP channel on a leased SSH connection
// (the host's shared one, so a connected host opens a listing at once),
// owned by the window that opened it. Losing the connection tells the window;
// with Reconnect automatically on, the browser keeps its id through the drop
// and gets a new SFTP channel on the pool's next login (its paused transfers
// resume there). Closing the window closes its browsers.
import type { SFTPWrapper } from 'ssh2';
import type { Hub } from '../ipc/hub';
import type { FileEntry, FilesStateEvent } from '../../src-shared/contract';
import type { StoredHost } from '../hosts/hosts-model';
import { OpenIds } from '../connections/open-ids';
import { failedState } from '../connections/failed-state';
import type { HostsService } from '../hosts/hosts-service';
import type { Prompter } from '../prompts/prompter';
import type { ConnectionLease, ConnectionPool } from '../connections/connection-pool';
import { AppError } from '../errors/app-error';
import type { LogRegistry } from '../connections/log-registry';
import { Cancelled } from '../connections/ssh-connection';
import { chmod, listDir, mkdir, removeRecursive, rename, stat } from '../sftp/remote-fs';
import { openSftp } from './open-sftp';
import { DragOutStaging } from './drag-out';
import { tuneForReads } from '../sftp/read-path';
import type { SshConnection } from '../connections/ssh-connection';
import { settledWithin } from '../async/settled-within';

interface Browser {
  clientId: string;
  hostId: string;
  hostName: string;
  lease: ConnectionLease;
  sftp: SFTPWrapper | null;
}

/** A browser is connected; `replaces` is the one it succeeds when it came up again after a lost connection. */
export type OpenedListener = (opened: { clientId: string; browserId: string; hostId: string; replaces?: string }) => void;

export type StateListener = (clientId: string, event: FilesStateEvent) => void;

/** Work on a gone window's browsers that must finish first (a transfer saving where it stopped): a promise, or null when there is none. */
export type CloseGate = (clientId: string) => Promise<void> | null;

/** The longest a gone window's browsers stay open for its gates: a hung server must not hold a connection for ever. */
export const CLOSE_WAIT_MS = 3000;

export class FileBrowserService {
  private readonly browsers = new Map<string, Browser>();
  private readonly openedListeners = new Set<OpenedListener>();
  private readonly stateListeners = new Set<StateListener>();
  private readonly closeGates = new Set<CloseGate>();
  /** The ids in use by terminals and Files tabs (one set, shared with the terminals). */
  private readonly ids: OpenIds;
  /** Files staged for dragging out to the desktop; the shell checks paths against it. */
  readonly dragOut = new DragOutStaging();

  constructor(
    private readonly deps: { hub: Hub; hosts: HostsService; prompter: Prompter; pool: ConnectionPool; logs?: LogRegistry; followDrops?: () => boolean; ids?: OpenIds },
  ) {
    this.ids = deps.ids ?? new OpenIds();
    deps.hub.onClientGone((clientId) => {
      const closeTheirs = () => {
        for (const [id, b] of this.browsers) if (b.clientId === clientId) this.close(clientId, id);
      };
      const waits = [...this.closeGates].map((gate) => gate(clientId)).filter((w) => w !== null);
      if (waits.length === 0) closeTheirs();
      else void settledWithin(waits, CLOSE_WAIT_MS).then(closeTheirs);
    });
  }

  /** `gate` runs when a window goes; that window's browsers close once what it returns settles. */
  beforeClientCloses(gate: CloseGate): void {
    this.closeGates.add(gate);
  }

  onOpened(listener: OpenedListener): void {
    this.openedListeners.add(listener);
  }

  /**
   * Answers at once (contract/lifecycle.ts): checks the id and the host, then
   * connects (asking the user what it must) and opens SFTP in the background;
   * files:state says `connecting`, then `connected` with the login folder or
   * `failed`. Closing the browser meanwhile ends the connect (`failed`, code 'cancelled').
   */
  open(clientId: string, browserId: string, hostId: string, replaces?: string): null {
    if (this.browsers.has(browserId)) throw new AppError('exists', 'That file browser is already open.');
    const host = this.deps.hosts.get(hostId);
    this.ids.claim(browserId);
    const ask = this.deps.prompter.askFor(clientId, browserId);
    const lease = this.deps.pool.lease(host, ask);
    const browser: Browser = { clientId, hostId, hostName: host.name, lease, sftp: null };
    this.deps.logs?.register(browserId, clientId, lease.log);
    this.browsers.set(browserId, browser);
    this.state(clientId, { browserId, state: 'connecting', message: `Connecting to ${host.username}@${host.host}:${host.port}…` });
    this.connect(browserId, browser, host, replaces).then(
      (home) => this.state(clientId, { browserId, state: 'connected', message: home, home }),
      // Closed while connecting (the tab's Cancel, files:close) says so as the other cancels do.
      (error: unknown) => this.state(clientId, { browserId, ...failedState(error instanceof Cancelled ? new AppError('cancelled', 'Cancelled.') : error) }),
    );
    return null;
  }

  /** Hears every files:state the windows hear (in-process callers wait on it: tests, the bench); returns the unsubscribe. */
  onState(listener: StateListener): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  private state(clientId: string, event: FilesStateEvent): void {
    this.deps.hub.emit(clientId, 'files:state', event);
    for (const listener of this.stateListeners) listener(clientId, event);
  }

  private async connect(browserId: string, browser: Browser, host: StoredHost, replaces: string | undefined): Promise<string> {
    const { clientId, hostId, lease } = browser;
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
        if (!this.drop(browserId, browser)) return;
        this.deps.hub.emit(clientId, 'files:closed', { browserId, lost, message });
      };
      const attach = (on: SshConnection, channel: SFTPWrapper) => {
        browser.sftp = channel;
        tuneForReads(channel);
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
      return home;
    } catch (error) {
      this.drop(browserId, browser);
      lease.release();
      throw error;
    }
  }

  /** Forgets the browser and frees its id, once, and only if `browser` is the one under that id. */
  private drop(browserId: string, browser: Browser): boolean {
    if (this.browsers.get(browserId) !== browser) return false;
    this.browsers.delete(browserId);
    this.ids.release(browserId);
    return true;
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
        this.state(clientId, { browserId, state: 'connecting', code: 'connection-lost', message: `${said} Reconnecting…` });
      },
      back: (connection) => {
        if (!live()) return;
        openSftp(connection, hostName).then(
          ({ sftp, home }) => {
            if (!live()) return void sftp.end();
            attach(connection, sftp);
            this.state(clientId, { browserId, state: 'connected', message: home, home });
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
    this.drop(browserId, b);
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
