// What every kind of forward shares: the counters, the event listeners, and
// the set of live connections that close() has to cut.
import type { ForwardEvent, ForwardStats } from './forward-spec';

export class ForwardCore {
  private nextId = 1;
  private readonly listeners = new Set<(e: ForwardEvent) => void>();
  /** Connections not yet closed (pending or carrying data), by id: how to cut each. */
  private readonly live = new Map<number, { cut: () => void; open: boolean }>();
  private readonly counts: Omit<ForwardStats, 'boundPort'> = { open: 0, total: 0, bytesIn: 0, bytesOut: 0, failed: 0, lastError: null };
  boundPort: number | null = null;
  /** Set once close() has begun or the forward died: new connections are turned away. */
  stopped = false;

  stats(): ForwardStats {
    return { ...this.counts, boundPort: this.boundPort };
  }

  onEvent(listener: (e: ForwardEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: ForwardEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // A listener's bug must not take the tunnel down with it.
      }
    }
  }

  /** A new incoming connection; `cut` ends it at once, whatever stage it is in. */
  begin(cut: () => void): number {
    const id = this.nextId++;
    this.counts.total++;
    this.live.set(id, { cut, open: false });
    return id;
  }

  /** The connection reached its destination; `cut` now ends both of its halves. */
  opened(id: number, from: string, to: string, cut: () => void): void {
    const entry = this.live.get(id);
    if (!entry) return;
    entry.cut = cut;
    entry.open = true;
    this.counts.open++;
    this.emit({ type: 'connection-opened', id, from, to });
  }

  bytes(direction: 'in' | 'out', n: number): void {
    if (direction === 'in') this.counts.bytesIn += n;
    else this.counts.bytesOut += n;
  }

  closed(id: number, bytesIn: number, bytesOut: number): void {
    const entry = this.live.get(id);
    if (!entry?.open) return;
    this.live.delete(id);
    this.counts.open--;
    this.emit({ type: 'connection-closed', id, bytesIn, bytesOut });
  }

  /** A connection that never got through; `message` is a sentence for the user. */
  failed(id: number, from: string, to: string | null, message: string): void {
    if (!this.live.delete(id)) return;
    this.counts.failed++;
    this.counts.lastError = message;
    this.emit({ type: 'connection-failed', id, from, to, message });
  }

  /** A problem that belongs to no one connection (e.g. accept() failing). */
  note(message: string): void {
    this.counts.lastError = message;
  }

  /** A connection dropped before it was anything worth reporting (e.g. a port probe). */
  forget(id: number): void {
    this.live.delete(id);
  }

  /** Cuts every live connection; each reports its own end through closed() or forget(). */
  cutAll(): void {
    for (const entry of [...this.live.values()]) entry.cut();
  }
}

/** Per-connection byte counts that also feed the forward's totals. */
export function connectionCounter(core: ForwardCore): { in: number; out: number; add(direction: 'in' | 'out', n: number): void } {
  const counter = {
    in: 0,
    out: 0,
    add(direction: 'in' | 'out', n: number) {
      counter[direction] += n;
      core.bytes(direction, n);
    },
  };
  return counter;
}
