import { describe, expect, it } from 'vitest';
import { AnsiTextStripper } from './ansi-text';

const bytes = (text: string) => new TextEncoder().encode(text);

/** The log of `input` fed in one chunk. */
function strip(input: string | Uint8Array): string {
  const s = new AnsiTextStripper();
  return s.push(typeof input === 'string' ? bytes(input) : input) + s.end();
}

/** The log of `input` fed in the given pieces. */
function stripInPieces(input: Uint8Array, cuts: number[]): string {
  const s = new AnsiTextStripper();
  let out = '';
  let from = 0;
  for (const cut of [...cuts, input.length]) {
    out += s.push(input.subarray(from, cut));
    from = cut;
  }
  return out + s.end();
}

describe('AnsiTextStripper: escapes', () => {
  it('drops SGR colours and keeps the text', () => {
    expect(strip('\x1b[1;31mred\x1b[0m and plain\r\n')).toBe('red and plain\n');
    expect(strip('\x1b[38;2;255;0;0mtrue\x1b[48:5:21mcolour\x1b[m\n')).toBe('truecolour\n');
  });

  it('drops OSC strings ended by BEL or by ST, and a title never reaches the log', () => {
    expect(strip('\x1b]0;user@host: ~\x07$ ls\n')).toBe('$ ls\n');
    expect(strip('\x1b]2;title\x1b\\after\n')).toBe('after\n');
    expect(strip('\x1b]8;;https://example.com\x1b\\link\x1b]8;;\x1b\\\n')).toBe('link\n');
  });

  it('drops DCS, SOS, PM and APC strings up to ST, including a BEL or ESC-less bytes inside', () => {
    expect(strip('a\x1bP1$r0m\x1b\\b\n')).toBe('ab\n');
    expect(strip('a\x1bXsos \x07 text\x1b\\b\n')).toBe('ab\n');
    expect(strip('a\x1b^pm\x1b\\b\x1b_apc\x1b\\c\n')).toBe('abc\n');
    expect(strip('a\x1bPtmux;\x1b\x1b[31m\x1b\\b\n')).toBe('ab\n');
  });

  it('drops two-byte escapes and charset designations', () => {
    expect(strip('\x1b7a\x1b8b\x1b=c\x1b>d\x1bMe\x1bcf\n')).toBe('abcdef\n');
    expect(strip('\x1b(Bq\x1b)0r\x1b#8s\x1b%Gt\x1b(0u\x1b(B\n')).toBe('qrstu\n');
  });

  it('drops private-mode CSIs and cursor moves between lines', () => {
    expect(strip('\x1b[?2004h\x1b[?25l$ \x1b[?25h\x1b[2J\x1b[H\x1b[3Ax\n')).toBe('$ x\n');
  });

  it('understands 8-bit C1 introducers (CSI, OSC) sent as code points', () => {
    expect(strip('\u009b31mred\u009b0m \u009d0;t\u0007ok\n')).toBe('red ok\n');
  });

  it('CAN and SUB cancel a sequence, and what follows is text', () => {
    expect(strip('\x1b[31\x18x\x1b]0;t\x1ay\n')).toBe('xy\n');
  });

  it('drops BEL, NUL, DEL and other controls from the text', () => {
    expect(strip('a\x07b\x00c\x7fd\x0e\x0fe\n')).toBe('abcde\n');
  });
});

describe('AnsiTextStripper: lines as the user saw them', () => {
  it('turns CRLF into LF and keeps empty lines', () => {
    expect(strip('one\r\n\r\ntwo\r\n')).toBe('one\n\ntwo\n');
  });

  it('a lone CR returns to the start of the line: a progress bar is logged as its last state', () => {
    expect(strip('  0%\r 50%\r100%\r\ndone\n')).toBe('100%\ndone\n');
    expect(strip('downloading 10/10\rok\n')).toBe('okwnloading 10/10\n');
    expect(strip('downloading 10/10\r\x1b[Kok\n')).toBe('ok\n');
  });

  it('backspace moves left and the next character overwrites; the blanks of `\\b \\b` are trimmed', () => {
    expect(strip('$ lx\b \bs\r\n')).toBe('$ ls\n');
    expect(strip('$ ls -l\b \b\b \b\r\n')).toBe('$ ls\n');
    expect(strip('\b\b\bx\n')).toBe('x\n');
  });

  it('honours the line-editing CSIs readline sends: erase, move, delete and insert characters', () => {
    // Typed "lsx", erased x with CSI K.
    expect(strip('$ lsx\b\x1b[K\r\n')).toBe('$ ls\n');
    // Moved left two, deleted one character (CSI P), moved to the end.
    expect(strip('$ echo abxc\x1b[2D\x1b[P\x1b[C\r\n')).toBe('$ echo abc\n');
    // Inserted a blank and wrote into it (CSI @).
    expect(strip('$ eho\x1b[2D\x1b[@c\r\n')).toBe('$ echo\n');
    // Cursor to column 3 (CSI G), erase to the start (1K) and whole line (2K).
    expect(strip('abcdef\x1b[3GX\n')).toBe('abXdef\n');
    expect(strip('abcdef\x1b[3G\x1b[1Kz\n')).toBe('  zdef\n');
    expect(strip('abcdef\x1b[2Kxyz\n')).toBe('      xyz\n');
    expect(strip('abcdef\x1b[2G\x1b[2Xq\n')).toBe('aq def\n');
  });

  it('keeps tabs, and a line with no end comes out at end()', () => {
    expect(strip('a\tb\nuser@host:~$ ')).toBe('a\tb\nuser@host:~$\n');
  });

  it('writes out a line that never ends at 64 KiB instead of holding it', () => {
    const s = new AnsiTextStripper();
    const out = s.push(bytes('x'.repeat(70 * 1024)));
    expect(out).toBe('x'.repeat(64 * 1024) + '\n');
    expect(s.end()).toBe('x'.repeat(6 * 1024) + '\n');
  });

  it('a huge cursor move does not make a huge line', () => {
    expect(strip('a\x1b[999999999Cb\n').length).toBeLessThanOrEqual(64 * 1024 + 4);
  });
});

describe('AnsiTextStripper: streaming', () => {
  const sample = bytes(
    '\x1b]0;me@box: ~\x07\x1b[?2004h\x1b[01;32mme@box\x1b[00m:\x1b[01;34m~\x1b[00m$ ' +
      'printf \x1b[K\b\b\b\b\b\b\bprintf "é 日本 🦊"\r\n' +
      'é 日本 🦊\r\n' +
      '\x1b[1;31mred\x1b[0m and plain\r\n' +
      ' 10%\r100%\r\n' +
      '\x1bP+q544e\x1b\\\x1b(B\x1b)0\x1b=\u009b1mC1\u009b0m\r\n' +
      '\x1b]8;;file:///x\x1b\\link\x1b]8;;\x1b\\\r\n',
  );
  const whole = strip(sample);

  it('gives the expected log in one piece', () => {
    expect(whole).toBe('me@box:~$ printf "é 日本 🦊"\né 日本 🦊\nred and plain\n100%\nC1\nlink\n');
  });

  it('gives the same log whatever byte the output is split at', () => {
    for (let cut = 0; cut <= sample.length; cut++) expect(stripInPieces(sample, [cut]), `split at ${cut}`).toBe(whole);
  });

  it('gives the same log fed one byte at a time, and split at every pair of offsets', () => {
    expect(stripInPieces(sample, Array.from({ length: sample.length }, (_, i) => i))).toBe(whole);
    for (let a = 0; a < sample.length; a += 3) for (let b = a; b <= sample.length; b += 7) expect(stripInPieces(sample, [a, b]), `split at ${a}, ${b}`).toBe(whole);
  });

  it('decodes UTF-8 split across chunks, and an unfinished character at the end becomes U+FFFD', () => {
    const fox = bytes('🦊');
    const s = new AnsiTextStripper();
    expect(s.push(fox.subarray(0, 2))).toBe('');
    expect(s.push(fox.subarray(2))).toBe('');
    expect(s.push(bytes('\n'))).toBe('🦊\n');
    expect(s.push(fox.subarray(0, 3))).toBe('');
    expect(s.end()).toBe('\uFFFD\n');
  });

  it('shows invalid UTF-8 as U+FFFD rather than dropping the line', () => {
    expect(strip(new Uint8Array([0x61, 0xff, 0x62, 0x0a]))).toBe('a\uFFFDb\n');
  });
});

describe('AnsiTextStripper: lines that wrap on screen', () => {
  /** What bash's readline sent for a typed command longer than the 80-column terminal (recorded from the test sshd). */
  const wrapped = `root@warren-test:/root# printf '\\033[1;31mred\\033[0m and plain\\n'; printf 'caf\\30\r03\\251 \\346\\227\\245\\n'; ls -d /\r\n`;

  it('follows readline across the margin: the command is logged whole', () => {
    const s = new AnsiTextStripper(80);
    expect(s.push(bytes(wrapped)) + s.end()).toBe(`root@warren-test:/root# printf '\\033[1;31mred\\033[0m and plain\\n'; printf 'caf\\303\\251 \\346\\227\\245\\n'; ls -d /\n`);
  });

  it('a CR returns to the start of the screen row, not of the whole line', () => {
    const s = new AnsiTextStripper(4);
    expect(s.push(bytes('abcdefgh\rXY\r\n'))).toBe('abcdXYgh\n');
  });

  it('exactly a row of text then CRLF stays one line (the wrap was only pending)', () => {
    const s = new AnsiTextStripper(4);
    expect(s.push(bytes('abcd\r\nef\r\n'))).toBe('abcd\nef\n');
  });

  it('erase in line acts on the cursor row, and CSI A moves up within a wrapped line', () => {
    const s = new AnsiTextStripper(4);
    expect(s.push(bytes('abcdefgh\x1b[A\r\x1b[KWX\x1b[B\r\n'))).toBe('WX  efgh\n');
  });

  it('a resize changes where later output wraps', () => {
    const s = new AnsiTextStripper(4);
    s.push(bytes('ab'));
    s.setColumns(6);
    expect(s.push(bytes('cdefgh\rZ\r\n'))).toBe('abcdefZh\n');
  });
});
