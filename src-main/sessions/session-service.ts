// Opens, drives and closes terminal sessions on behalf of clients (windows or
// bridge connections). A client that goes away takes its sessions with it.
import { randomUUID } from 'node:crypto';
import type { Hub } from '../ipc/hub';
import type { HostsService } from '../hosts/hosts-service';
import type { StoredHost } from '../hosts/hosts-model';
import { AppError } from '../errors/app-error';
import type { LogRegistry } from '../connections/log-registry';
import type { Prompter } from '../prompts/prompter';
import type { ConnectionPool } from '../connections/connection-pool';
import type { SessionRecordings } from './session-recordings';
import type { SshConnection } from '../connections/ssh-connection';
import { TerminalSession, type SessionHandle, type SessionStateUpdate } from './terminal-session';
import { sessionRequest } from './session-request';
import { OpenIds } from '../connections/open-ids';

export interface SessionServiceDeps {
  hub: Hub;
  hosts: HostsService;
  prompter: Prompter;
  /** The hosts' shared connections: a second terminal to a connected host opens only a channel. */
  pool: ConnectionPool;
  /** A terminal to the host is up (forwards that start with the connection go on). */
  onConnected?: (clientId: string, hostId: string) => void;
  logs?: LogRegistry;
  /** Session logs: gets every session's output, starts hosts set to record at connect. */
  recordings?: SessionRecordings;
  /** Reconnect automatically (Settings): a terminal stays through a drop and gets a new shell on the pool's next login. */
  followDrops?: () => boolean;
  /** The ids in use by terminals and Files tabs (one set, shared with the file browsers). */
  ids?: OpenIds;
}

interface Owned {
  clientId: string;
  session: SessionHandle;
}

export class SessionService {
  private readonly sessions = new Map<string, Owned>();

  private readonly hub: Hub;
  private readonly hosts: HostsService;
  private readonly ids: OpenIds;

  constructor(private readonly deps: SessionServiceDeps) {
    this.hub = deps.hub;
    this.hosts = deps.hosts;
    this.ids = deps.ids ?? new OpenIds();
    deps.hub.onClientGone((clientId) => {
      for (const [id, owned] of this.sessions) if (owned.clientId === clientId) this.close(id);
    });
  }

  /**
   * Answers at once with the session's id (the caller's, or a new one for
   * in-process callers); session:state events tell the rest (contract/lifecycle.ts).
   * Refuses an id already in use.
   */
  open(clientId: string, hostId: string, cols: number, rows: number, sessionId: string = randomUUID()): { sessionId: string } {
    return this.openHost(clientId, sessionId, this.hosts.get(hostId), cols, rows);
  }

  /** Quick connect: a host built from an address (see connections/unsaved-host), never saved; it has no forwards to start. */
  openUnsaved(clientId: string, host: StoredHost, cols: number, rows: number, sessionId: string = randomUUID()): { sessionId: string } {
    return this.openHost(clientId, sessionId, host, cols, rows, { unsaved: true });
  }

  private openHost(clientId: string, sessionId: string, host: StoredHost, cols: number, rows: number, how: { unsaved?: boolean } = {}): { sessionId: string } {
    const hostId = host.id;
    this.ids.claim(sessionId);
    const recordings = this.deps.recordings;
    recordings?.opened(sessionId, clientId, host.name, cols);
    let connectedBefore = false;
    const sink = {
      data: (data: Uint8Array) => {
        recordings?.output(sessionId, data);
        this.hub.emit(clientId, 'session:data', { sessionId, data });
      },
      state: (event: SessionStateUpdate) => {
        this.hub.emit(clientId, 'session:state', { sessionId, ...event });
        if (event.state === 'connected' && !how.unsaved) this.deps.onConnected?.(clientId, hostId);
        // A shell after a reconnect goes on in the same recording.
        if (event.state === 'connected' && !connectedBefore && host.recordSessions && host.recordSessions !== 'off') recordings?.autoStart(sessionId, host.recordSessions);
        if (event.state === 'connected') connectedBefore = true;
        if (event.state === 'failed' || event.state === 'closed') {
          this.forget(sessionId, session);
          recordings?.ended(sessionId); // closes the file with the session
        }
      },
    };
    // The id goes back at once; the connection proceeds and reports through
    // session:state, so the tab can show progress and offer cancel.
    const lease = this.deps.pool.lease(host, this.deps.prompter.askFor(clientId, sessionId));
    const followDrops = this.deps.followDrops?.() ?? false;
    const session = new TerminalSession({ lease, endpoint: { host: host.host, port: host.port, username: host.username }, cols, rows, followDrops, request: sessionRequest(host) }, sink);
    this.deps.logs?.register(sessionId, clientId, session.log);
    this.sessions.set(sessionId, { clientId, session });
    setImmediate(() => session.start());
    return { sessionId };
  }

  write(clientId: string, sessionId: string, data: string): void {
    this.owned(clientId, sessionId).write(data);
  }

  resize(clientId: string, sessionId: string, cols: number, rows: number): void {
    this.owned(clientId, sessionId).resize(cols, rows);
    this.deps.recordings?.resized(sessionId, cols);
  }

  ack(clientId: string, sessionId: string, bytes: number, rate?: number): void {
    const owned = this.sessions.get(sessionId);
    // Late acks for a session that just ended are normal, not an error.
    if (owned?.clientId === clientId) owned.session.ack(bytes, rate);
  }

  closeFor(clientId: string, sessionId: string): void {
    const owned = this.sessions.get(sessionId);
    if (owned && owned.clientId === clientId) this.close(sessionId);
  }

  closeAll(): void {
    for (const id of [...this.sessions.keys()]) this.close(id);
  }

  get openCount(): number {
    return this.sessions.size;
  }

  private close(sessionId: string): void {
    const owned = this.sessions.get(sessionId);
    if (owned) this.forget(sessionId, owned.session);
    this.deps.prompter.cancelSession(sessionId);
    owned?.session.close();
  }

  /** Frees the id once, and only for the session that holds it (a late state must not free a reused id). */
  private forget(sessionId: string, session: SessionHandle): void {
    if (this.sessions.get(sessionId)?.session !== session) return;
    this.sessions.delete(sessionId);
    this.ids.release(sessionId);
  }

  /** The SSH connection of a connected terminal this client owns (Open files here asks it where the shell is). */
  connectionOf(clientId: string, sessionId: string): SshConnection {
    const session = this.owned(clientId, sessionId);
    if (!(session instanceof TerminalSession) || session.state !== 'connected') throw new AppError('not-connected', 'This terminal is not connected. Reconnect it first.');
    return session.sshConnection;
  }

  private owned(clientId: string, sessionId: string): SessionHandle {
    const owned = this.sessions.get(sessionId);
    if (!owned || owned.clientId !== clientId) {
      throw new AppError('session-gone', 'This terminal is no longer connected. Open the host again.');
    }
    return owned.session;
  }
}
