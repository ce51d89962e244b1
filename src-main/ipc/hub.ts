// Routes events to the client (window or bridge connection) that owns the
// thing they are about, and tells services when a client goes away so that
// whatever it opened is closed.
import type { EventName, Events } from '../../src-shared/contract';

export interface Client {
  id: string;
  send<E extends EventName>(name: E, payload: Events[E]): void;
}

export class Hub {
  private readonly clients = new Map<string, Client>();
  private readonly goneListeners = new Set<(clientId: string) => void>();
  private readonly connectedListeners = new Set<(clientId: string) => void>();

  connect(client: Client): () => void {
    this.clients.set(client.id, client);
    for (const listener of this.connectedListeners) listener(client.id);
    return () => {
      if (!this.clients.delete(client.id)) return;
      for (const listener of this.goneListeners) listener(client.id);
    };
  }

  emit<E extends EventName>(clientId: string, name: E, payload: Events[E]): void {
    this.clients.get(clientId)?.send(name, payload);
  }

  /** For things every window shows alike (tunnels belong to the app, not to a window). */
  broadcast<E extends EventName>(name: E, payload: Events[E]): void {
    for (const client of this.clients.values()) client.send(name, payload);
  }

  has(clientId: string): boolean {
    return this.clients.has(clientId);
  }

  /** Some connected window, if any (the oldest). */
  anyClient(): string | undefined {
    return this.clients.keys().next().value;
  }

  onClientConnected(listener: (clientId: string) => void): () => void {
    this.connectedListeners.add(listener);
    return () => this.connectedListeners.delete(listener);
  }

  onClientGone(listener: (clientId: string) => void): () => void {
    this.goneListeners.add(listener);
    return () => this.goneListeners.delete(listener);
  }
}
