// Connection logs by the id the renderer knows (a terminal's session id, a
// file browser's id, `tunnels-<hostId>`), kept a while after the connection
// ends so a failure can still be read.
import { AppError } from '../errors/app-error';
import type { ConnectionLog, LogLine } from './connection-log';

const KEEP_ENDED = 50;

export class LogRegistry {
  private readonly logs = new Map<string, { owner: string | null; log: ConnectionLog }>();

  /** `owner`: the window that may read it; null for logs every window may read (tunnels). */
  register(id: string, owner: string | null, log: ConnectionLog): void {
    this.logs.delete(id);
    this.logs.set(id, { owner, log });
    // Oldest first in a Map: drop the oldest beyond the limit.
    while (this.logs.size > KEEP_ENDED) this.logs.delete(this.logs.keys().next().value!);
  }

  read(clientId: string, id: string): LogLine[] {
    const entry = this.logs.get(id);
    if (!entry || (entry.owner !== null && entry.owner !== clientId)) throw new AppError('not-found', 'No log is kept for that connection any more.');
    return entry.log.entries();
  }
}
