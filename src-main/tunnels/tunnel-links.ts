// Each host's forwards hold one lease on the host's SSH connection (shared
// with its terminals and file browsers, so no terminal is needed and none is
// asked for a second login): taken by the first forward switched on, released
// when the last one goes off. When it drops under forwards that want it, the
// pool logs in again (once for every user of the host, on the shared backoff
// schedule) and the forwards come back on the new connection; a verdict that
// retrying cannot change (a refused key, a changed host key, a cancelled
// prompt) ends the attempts.
import type { HostsService } from '../hosts/hosts-service';
import type { StoredHost } from '../hosts/hosts-model';
import type { Prompter } from '../prompts/prompter';
import type { ConnectionLease, ConnectionPool } from '../connections/connection-pool';
import type { LogRegistry } from '../connections/log-registry';
import type { SshConnection } from '../connections/ssh-connection';
import type { ForwardEntry } from './forward-entry';

interface Link {
  /** Set once built; null while the host's key file and options are being read. */
  connection: SshConnection | null;
  lease: ConnectionLease;
  /** One per host, shared by forwards switched on at the same time. */
  ready: Promise<SshConnection>;
  via: string;
  closed: boolean;
  /** Settles `ready` once the pool has logged in again after a drop. */
  reconnected?: { resolve(c: SshConnection): void; reject(e: unknown): void } | null;
}

/** What the links need from whoever owns the forwards. */
export interface LinkOwner {
  /** The host's connection dropped: stop its forwards; true when some want it back. */
  dropped(hostId: string): boolean;
  /** Forwards still waiting for the host's connection to come back; none ends the attempts. */
  waiting(hostId: string): ForwardEntry[];
  /** An attempt failed and another is scheduled. */
  retrying(waiting: ForwardEntry[], message: string): void;
  /** The connection is back: start the forwards that waited for it. */
  reconnected(host: StoredHost, waiting: ForwardEntry[]): Promise<void>;
  /** No more attempts: show why on every forward that wanted the host. */
  gaveUp(hostId: string, message: string): void;
}

export interface TunnelLinksDeps {
  hosts: HostsService;
  prompter: Prompter;
  pool: ConnectionPool;
  logs?: LogRegistry | undefined;
}

export class TunnelLinks {
  private readonly links = new Map<string, Link>();
  /** The window that last switched a host's forward on: asked for passwords and host keys. */
  private readonly askers = new Map<string, string>();
  private disposed = false;

  constructor(
    private readonly deps: TunnelLinksDeps,
    private readonly owner: LinkOwner,
  ) {}

  /** Prompts for the host's connection go to this window from now on. */
  askIn(hostId: string, clientId: string): void {
    this.askers.set(hostId, clientId);
  }

  /** The host's tunnel connection, connecting it (and asking the user) if needed. */
  connect(host: StoredHost): Promise<SshConnection> {
    const existing = this.links.get(host.id);
    if (existing) return existing.ready;
    const ask = this.deps.prompter.askFor(this.askers.get(host.id) ?? '', `tunnels-${host.id}`);
    const lease = this.deps.pool.lease(host, ask);
    const created: Link = { connection: null, lease, ready: Promise.resolve(null as never), via: `${host.username}@${host.host}:${host.port}`, closed: false };
    this.deps.logs?.register(`tunnels-${host.id}`, null, lease.log);
    // Switched off (or the app quit) before it was up: the lease's release rejects it with Cancelled.
    created.ready = lease.ready.then((connection) => {
      created.connection = connection;
      this.deps.hosts.markConnected(host.id); // the tree's Recent group
      this.follow(host.id, created);
      return connection;
    });
    created.ready.catch(() => this.links.get(host.id) === created && this.links.delete(host.id));
    this.links.set(host.id, created);
    return created.ready;
  }

  /** Whether the host has a connection, up or on its way. */
  has(hostId: string): boolean {
    return this.links.has(hostId);
  }

  /** The host's connection dropped and the pool is logging in again (its forwards wait, holding nothing). */
  reconnecting(hostId: string): boolean {
    const link = this.links.get(hostId);
    return Boolean(link && (link.reconnected || link.connection?.closed));
  }

  /** The host's connection once built (for its log), else null. */
  connection(hostId: string): SshConnection | null {
    return this.links.get(hostId)?.connection ?? null;
  }

  /** `user@host:port` of the host's connection, as it was when it opened. */
  via(hostId: string): string | undefined {
    return this.links.get(hostId)?.via;
  }

  /** Closes the host's connection (or the attempt); nothing reconnects it. */
  close(hostId: string): void {
    const link = this.links.get(hostId);
    this.links.delete(hostId);
    if (link) closeLink(link);
  }

  /** The host is going away: no further attempt for it (a connection being logged in again is let go). */
  cancelRetry(hostId: string): void {
    if (this.links.get(hostId)?.reconnected) this.close(hostId);
  }

  /** App quit, step one: from here on nothing reconnects. */
  stopRetrying(): void {
    this.disposed = true;
    for (const [hostId, link] of [...this.links]) if (link.reconnected) this.close(hostId);
  }

  /** App quit, step two (once the forwards are closed): every connection goes. */
  closeAll(): void {
    this.stopRetrying();
    for (const link of this.links.values()) closeLink(link);
    this.links.clear();
  }

  /** The connection dropped under running forwards: show it; the pool brings it back and the forwards with it. */
  private follow(hostId: string, link: Link): void {
    const live = () => this.links.get(hostId) === link;
    link.lease.follow({
      lost: (reason, attempt) => {
        if (!live()) return;
        if (attempt > 0) return this.owner.retrying(this.owner.waiting(hostId), `Reconnecting (attempt ${attempt} failed: ${reason})`);
        link.connection = null;
        // Forwards switched on meanwhile wait for the next connection, not the dead one.
        link.ready = new Promise<SshConnection>((resolve, reject) => (link.reconnected = { resolve, reject }));
        link.ready.catch(() => {});
        if (!this.owner.dropped(hostId) || this.disposed) this.close(hostId);
      },
      back: (connection) => {
        if (!live()) return;
        link.connection = connection;
        link.reconnected?.resolve(connection);
        link.reconnected = null;
        this.deps.hosts.markConnected(hostId);
        const waiting = this.owner.waiting(hostId);
        let host: StoredHost;
        try {
          host = this.deps.hosts.get(hostId);
        } catch (error) {
          return this.owner.gaveUp(hostId, (error as Error).message);
        }
        void this.owner.reconnected(host, waiting);
      },
      gaveUp: (error, attempts) => {
        if (!live()) return;
        this.links.delete(hostId);
        link.reconnected?.reject(error);
        closeLink(link);
        this.owner.gaveUp(hostId, attempts === null ? error.message : `The SSH connection was lost and ${attempts} attempts to reconnect failed. Switch the forward on to try again.`);
      },
    });
  }
}

function closeLink(link: Link): void {
  link.closed = true;
  link.lease.release();
}
