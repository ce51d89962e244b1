// Why a terminal ended right after login, in the server's own words when it
// gave any: `nologin` and a ForceCommand print a line and exit, and that line
// (with the exit status) is the reason the user needs, not "the shell closed".

/** Ended within this long of the shell starting, before any keystroke: "right after login". */
export const RIGHT_AFTER_LOGIN_MS = 10_000;

/** The last printable line a shell wrote; keeps only a bounded tail. */
export class OutputTail {
  private buffer = '';

  add(text: string): void {
    this.buffer = (this.buffer + text).slice(-MAX_TAIL);
  }

  /** The last non-empty line, without colours or cursor movement, or null. */
  text(): string | null {
    const plain = this.buffer
      .replace(/\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/g, '') // OSC (window titles)
      .replace(/\x1b\[[0-?]*[ -/]*[@-~]/g, '') // CSI (colours, cursor)
      .replace(/\x1b[@-_]/g, '')
      .replace(/[\x00-\x08\x0b-\x1f\x7f]/g, (c) => (c === '\r' ? '\n' : ''));
    const line = plain.split('\n').map((l) => l.trim()).filter(Boolean).at(-1);
    if (!line) return null;
    return line.length > MAX_QUOTE ? `${line.slice(0, MAX_QUOTE)}…` : line;
  }
}

const MAX_TAIL = 2048;
const MAX_QUOTE = 200;

export interface SessionEnd {
  code: number | null;
  signal: string | null;
  /** The last line the server printed, if any. */
  said: string | null;
  /** The connection's reason, when it closed without the shell reporting an exit. */
  lost: string | null;
}

export function endedMessage(end: SessionEnd): string {
  if (end.lost !== null) return end.said ? `The connection closed right after login. The server's last output was ${quoted(end.said)} ${end.lost}` : end.lost;
  const status = end.signal ? ` (ended by signal ${end.signal})` : end.code !== null ? ` (exit status ${end.code})` : '';
  return (
    `The server ended the session right after login${status}. ${end.said ? `It said: ${quoted(end.said)}` : 'It gave no message.'}` +
    " If this is unexpected, ask the server's administrator: the account may not allow logins (nologin), or the server may force a command (ForceCommand)."
  );
}

/** `"text"`, closing the sentence unless the quote already does. */
function quoted(text: string): string {
  return /[.!?]$/.test(text) ? `"${text}"` : `"${text}".`;
}
