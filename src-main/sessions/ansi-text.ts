// Terminal output as a readable text log: escape sequences dropped, lines
// rebuilt the way a shell user saw them. Streaming: output arrives in chunks
// that may split an escape sequence or a UTF-8 character anywhere, so all
// state (the decoder's partial character, the parser's state, the line being
// built) carries over from one push() to the next.
//
// What happens to the cursor controls, and why:
// - CRLF and LF end a line. A lone CR moves back to the start of the screen
//   row, and what follows overwrites it, as on screen: a progress bar
//   (`10%\r55%\r100%\n`) is logged as its last state, `100%`. Given the
//   terminal's width, a line that wraps is followed row by row, so readline's
//   "first character of the next row, CR, rewrite" at the margin comes out as
//   the one long command that was typed.
// - Backspace moves one column left; what follows overwrites. Together with
//   the few line-editing CSIs honoured below (erase in line, cursor
//   left/right/column, delete/insert/erase characters) a line edited with
//   readline is logged as it was entered, not as the keystrokes typed.
// - Trailing spaces are trimmed from each line: a shell erases with `\b \b`,
//   which would otherwise leave blanks behind. The raw format keeps every byte.
// - Every other escape (colours, cursor up/down, screen clears, OSC titles,
//   DCS/SOS/PM/APC strings, charset designations) is dropped. This is a line
//   log, not a screen: full-screen programs (vim, top) come out as fragments.
// - One code point is one column (wide characters are not measured); that
//   only matters when a line is edited across them. Readline moves down a
//   wrapped line with LF, so editing the middle of a long wrapped command can
//   log it in pieces.
import { StringDecoder } from 'node:string_decoder';

type State = 'ground' | 'esc' | 'escInter' | 'csi' | 'osc' | 'oscEsc' | 'str' | 'strEsc';

/** A line that never ends (a binary dumped to the screen) is written out at this length. */
const MAX_LINE = 64 * 1024;

const ESC = 0x1b;
const BEL = 0x07;
const CAN = 0x18;
const SUB = 0x1a;

export class AnsiTextStripper {
  private readonly decoder = new StringDecoder('utf8');
  private state: State = 'ground';
  private params = '';
  /** The line being built, one cell per column; a line that wraps on screen is one line here. */
  private line: string[] = [];
  /** Screen width: `\r`, erases and cursor moves act on the screen row the cursor is in. */
  private cols: number;
  /** Where the cursor's screen row starts in `line`, and the cursor's column in it (== cols: wrap pending). */
  private rowStart = 0;
  private x = 0;

  constructor(cols = Number.POSITIVE_INFINITY) {
    this.cols = Math.max(1, cols);
  }

  /** The terminal was resized: later output wraps at the new width. */
  setColumns(cols: number): void {
    const at = this.rowStart + Math.min(this.x, this.cols);
    this.cols = Math.max(1, cols);
    this.rowStart = Math.floor(at / this.cols) * this.cols;
    this.x = at - this.rowStart;
  }

  /** The text of the lines completed by `bytes`, each ending in `\n`. */
  push(bytes: Uint8Array): string {
    return this.feed(this.decoder.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)));
  }

  /** Whatever is left: an unfinished character (as U+FFFD) and the last, unterminated line. */
  end(): string {
    const out = this.feed(this.decoder.end());
    this.state = 'ground';
    return out + (this.line.length > 0 ? this.commit() : '');
  }

  private feed(text: string): string {
    let out = '';
    for (const ch of text) {
      const c = ch.codePointAt(0)!;
      switch (this.state) {
        case 'ground':
          out += this.ground(ch, c);
          break;
        case 'esc':
          out += this.escape(ch, c);
          break;
        case 'escInter':
          // ESC ( B, ESC # 8, ESC % G…: intermediates, then one final byte.
          if (c >= 0x30 && c <= 0x7e) this.state = 'ground';
          else if (c === ESC) this.state = 'esc';
          else if (c === CAN || c === SUB) this.state = 'ground';
          break;
        case 'csi':
          if (c >= 0x40 && c <= 0x7e) {
            this.state = 'ground';
            out += this.csi(ch, this.params);
          } else if (c >= 0x20 && c <= 0x3f) {
            if (this.params.length < 64) this.params += ch;
          } else if (c === ESC) this.state = 'esc';
          else if (c === CAN || c === SUB) this.state = 'ground';
          // Other C0 controls inside a CSI act as usual, as in a VT parser.
          else if (c < 0x20) out += this.ground(ch, c);
          break;
        case 'osc':
          if (c === BEL || c === 0x9c || c === CAN || c === SUB) this.state = 'ground';
          else if (c === ESC) this.state = 'oscEsc';
          break;
        case 'str':
          if (c === 0x9c || c === CAN || c === SUB) this.state = 'ground';
          else if (c === ESC) this.state = 'strEsc';
          break;
        case 'oscEsc':
        case 'strEsc':
          // ESC \ is the string terminator; any other ESC x ends the string and starts a new sequence.
          if (ch === '\\') this.state = 'ground';
          else {
            this.state = 'esc';
            out += this.escape(ch, c);
          }
          break;
      }
    }
    return out;
  }

  private ground(ch: string, c: number): string {
    if (c >= 0x20 && c !== 0x7f && (c < 0x80 || c > 0x9f)) {
      this.put(ch);
      return this.line.length >= MAX_LINE ? this.commit() : '';
    }
    switch (c) {
      case 0x0a: // LF (and so CRLF)
      case 0x0b: // VT and FF move down a line like LF
      case 0x0c:
        return this.commit();
      case 0x0d:
        this.x = 0;
        return '';
      case 0x08:
        this.x = Math.max(0, Math.min(this.x, this.cols) - 1);
        return '';
      case 0x09:
        this.tab();
        return '';
      case ESC:
        this.state = 'esc';
        return '';
      case 0x9b: // C1 CSI
        this.params = '';
        this.state = 'csi';
        return '';
      case 0x9d: // C1 OSC
        this.state = 'osc';
        return '';
      case 0x90: // C1 DCS, SOS, PM, APC
      case 0x98:
      case 0x9e:
      case 0x9f:
        this.state = 'str';
        return '';
      default:
        return ''; // BEL, NUL, SO/SI, DEL, other C1: nothing to log
    }
  }

  private escape(ch: string, c: number): string {
    this.state = 'ground';
    if (ch === '[') {
      this.params = '';
      this.state = 'csi';
    } else if (ch === ']') this.state = 'osc';
    else if (ch === 'P' || ch === 'X' || ch === '^' || ch === '_') this.state = 'str';
    else if (c >= 0x20 && c <= 0x2f) this.state = 'escInter';
    else if (c === ESC) this.state = 'esc';
    else if (c < 0x20) return this.ground(ch, c);
    // Anything else is a two-byte sequence (ESC 7, ESC =, ESC M…): dropped.
    return '';
  }

  /** The few CSIs that change what a line says; everything else is dropped. */
  private csi(final: string, params: string): string {
    if (/[<=>?]/.test(params)) return ''; // private modes (?25l, >c…) never edit the line
    const n = Number.parseInt(params.split(';')[0] || '0', 10) || 0;
    const count = Math.min(MAX_LINE, Math.max(1, n));
    const lastCol = Math.min(this.cols, MAX_LINE) - 1;
    const at = this.rowStart + Math.min(this.x, lastCol);
    const rowEnd = this.rowStart + this.cols;
    switch (final) {
      case 'K':
        if (n === 0) this.blank(at, rowEnd);
        else if (n === 1) this.blank(this.rowStart, at + 1);
        else if (n === 2) this.blank(this.rowStart, rowEnd);
        break;
      case 'X':
        this.blank(at, Math.min(at + count, rowEnd));
        break;
      case 'D':
        this.x = Math.max(0, Math.min(this.x, lastCol) - count);
        break;
      case 'C':
        this.x = Math.min(lastCol, this.x + count);
        break;
      case 'G':
        this.x = Math.min(lastCol, count - 1);
        break;
      case 'A':
        // Up within a wrapped line (readline editing a long command); above it is already written.
        this.rowStart = Math.max(0, this.rowStart - count * (Number.isFinite(this.cols) ? this.cols : 0));
        break;
      case 'P':
        // Delete: the rest of the row moves left, a blank comes in at its end.
        if (at < this.line.length) {
          this.line.splice(at, Math.min(count, rowEnd - at));
          if (rowEnd - count < this.line.length) this.line.splice(rowEnd - count, 0, ...Array<string>(count).fill(' '));
        }
        break;
      case '@':
        // Insert blanks: the rest of the row moves right, what passes its end is lost.
        if (at < this.line.length) {
          this.line.splice(at, 0, ...Array<string>(Math.min(count, rowEnd - at)).fill(' '));
          if (rowEnd < this.line.length) this.line.splice(rowEnd, Math.min(count, rowEnd - at));
        }
        break;
    }
    return '';
  }

  /** Cells [from, to) erased: cut off at the end of the line, spaces before other text. */
  private blank(from: number, to: number): void {
    if (to >= this.line.length) this.line.length = Math.min(this.line.length, from);
    else for (let i = from; i < to; i++) if (i < this.line.length) this.line[i] = ' ';
  }

  private put(ch: string): void {
    // The terminal wraps only when a character comes after the last column (xterm's pending wrap).
    if (this.x >= this.cols) {
      this.rowStart += this.cols;
      this.x = 0;
    }
    const at = this.rowStart + this.x;
    while (this.line.length < at) this.line.push(' ');
    this.line[at] = ch;
    this.x += 1;
  }

  private tab(): void {
    const at = this.rowStart + this.x;
    const stop = Math.min((Math.floor(this.x / 8) + 1) * 8, Math.min(this.cols, MAX_LINE) - 1);
    // Kept as a tab when it ends the text (the usual case); over text it only moves, as on screen.
    if (at >= this.line.length && stop > this.x) {
      this.put('\t');
      for (let i = this.x; i < stop; i++) this.put('');
    } else this.x = Math.max(this.x, stop);
  }

  private commit(): string {
    const text = this.line.join('').replace(/ +$/, '');
    this.line = [];
    this.rowStart = 0;
    this.x = 0;
    return `${text}\n`;
  }
}
