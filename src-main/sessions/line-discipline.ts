// What the local terminal does for `ssh -T` (RequestTTY no, or a
// RemoteCommand without a pty): with no remote pty to echo and edit, the
// line is edited here, in cooked mode, and only Enter sends it. Without this
// a user types blind and a Backspace reaches the command as a raw byte.
//
// It follows a POSIX terminal's canonical mode with echoctl: Backspace, Ctrl+U
// (line) and Ctrl+W (word) erase; Enter sends the line with a newline;
// Ctrl+D sends what is typed, or ends input on an empty line; Ctrl+C drops the
// line and interrupts. Cursor keys and other escape sequences have no meaning
// in a line being typed and are left out rather than echoed as garbage.

/** What one piece of typed input comes to. */
export interface CookedInput {
  /** To draw in the terminal, as the local tty's echo. */
  echo: string;
  /** To send to the remote command: whole lines (or a Ctrl+D flush). */
  send: string;
  /** Ctrl+D on an empty line: end the command's input. */
  eof: boolean;
  /** Ctrl+C: the command should be interrupted. */
  interrupt: boolean;
}

const ERASE = '\b \b';

export class LineDiscipline {
  private line: string[] = [];
  /** A CR was the last thing seen: an LF right after it is the same Enter (pasted CR LF). */
  private afterCr = false;
  /** Inside an escape sequence that started in an earlier piece. */
  private escape: 'none' | 'start' | 'csi' | 'ss3' = 'none';

  feed(data: string): CookedInput {
    const out: CookedInput = { echo: '', send: '', eof: false, interrupt: false };
    for (const ch of data) {
      const wasAfterCr = this.afterCr;
      this.afterCr = false;
      if (this.skipEscape(ch)) continue;
      switch (ch) {
        case '\r':
          this.afterCr = true;
          this.enter(out);
          break;
        case '\n':
          if (!wasAfterCr) this.enter(out);
          break;
        case '\x7f':
        case '\b':
          if (this.line.length > 0) out.echo += ERASE.repeat(cells(this.line.pop()!));
          break;
        case '\x15':
          out.echo += this.line.map((c) => ERASE.repeat(cells(c))).join('');
          this.line = [];
          break;
        case '\x17':
          out.echo += this.eraseWord();
          break;
        case '\x04':
          if (this.line.length === 0) out.eof = true;
          else {
            out.send += this.line.join('');
            this.line = [];
          }
          break;
        case '\x03':
          out.echo += '^C\r\n';
          this.line = [];
          out.interrupt = true;
          break;
        default:
          this.type(ch, out);
      }
    }
    return out;
  }

  private enter(out: CookedInput): void {
    out.echo += '\r\n';
    out.send += `${this.line.join('')}\n`;
    this.line = [];
  }

  private type(ch: string, out: CookedInput): void {
    const code = ch.codePointAt(0)!;
    this.line.push(ch);
    // Other control characters are kept in the line and shown as ^X, as echoctl does.
    out.echo += code < 0x20 && ch !== '\t' ? `^${String.fromCharCode(code + 64)}` : ch;
  }

  private eraseWord(): string {
    let echo = '';
    const pop = () => (echo += ERASE.repeat(cells(this.line.pop()!)));
    while (this.line.length > 0 && /\s/.test(this.line[this.line.length - 1]!)) pop();
    while (this.line.length > 0 && !/\s/.test(this.line[this.line.length - 1]!)) pop();
    return echo;
  }

  /** True while `ch` belongs to an escape sequence (ESC [ … final, ESC O x, ESC x). */
  private skipEscape(ch: string): boolean {
    const code = ch.codePointAt(0)!;
    switch (this.escape) {
      case 'none':
        if (ch !== '\x1b') return false;
        this.escape = 'start';
        return true;
      case 'start':
        this.escape = ch === '[' ? 'csi' : ch === 'O' ? 'ss3' : 'none';
        return true;
      case 'csi':
        if (code >= 0x40 && code <= 0x7e) this.escape = 'none';
        return true;
      case 'ss3':
        this.escape = 'none';
        return true;
    }
  }
}

/** Cells a typed character takes, so erasing it moves back as far: ^X takes two, East Asian wide characters two. */
function cells(ch: string): number {
  const code = ch.codePointAt(0)!;
  if (code < 0x20 && ch !== '\t') return 2;
  if (isWide(code)) return 2;
  return 1;
}

function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x1f300 && code <= 0x1faff) ||
    (code >= 0x20000 && code <= 0x3fffd)
  );
}
