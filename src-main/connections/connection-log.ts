// What happened on one connection, for the user to read when something goes
// wrong: addresses, hops, negotiated algorithms, the host-key decision, the
// authentication methods, forwards, keepalive and why it ended. Only facts
// the code writes here go in: never a password, passphrase or key.
export interface LogLine {
  /** ms since the epoch. */
  at: number;
  text: string;
}

const MAX_LINES = 500;

export class ConnectionLog {
  private readonly lines: LogLine[] = [];

  constructor(
    private readonly prefix = '',
    private readonly sink?: ConnectionLog,
  ) {}

  add(text: string): void {
    if (this.sink) return this.sink.add(`${this.prefix}${text}`);
    this.lines.push({ at: Date.now(), text });
    // A connection up for weeks must not grow without bound; the start matters most, then the end.
    if (this.lines.length > MAX_LINES) this.lines.splice(50, 1);
  }

  /** A view that writes into this log with a prefix (a jump host's lines in its target's log). */
  child(prefix: string): ConnectionLog {
    return new ConnectionLog(prefix, this);
  }

  entries(): LogLine[] {
    return this.sink ? this.sink.entries() : [...this.lines];
  }
}
