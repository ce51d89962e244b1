import { describe, expect, it } from 'vitest';
import { LineDiscipline } from './line-discipline';

describe('LineDiscipline (a session without a pty, edited as a cooked tty would)', () => {
  it('echoes what is typed and sends it only on Enter, with a newline', () => {
    const line = new LineDiscipline();
    expect(line.feed('ls -l')).toEqual({ echo: 'ls -l', send: '', eof: false, interrupt: false });
    expect(line.feed('\r')).toEqual({ echo: '\r\n', send: 'ls -l\n', eof: false, interrupt: false });
  });

  it('Backspace, Ctrl+W and Ctrl+U erase on screen and in the line', () => {
    const line = new LineDiscipline();
    expect(line.feed('echo helpp\x7f\x7flo').echo).toBe('echo helpp\b \b\b \blo');
    expect(line.feed(' world  \x17').echo).toBe(' world  ' + '\b \b'.repeat(7));
    expect(line.feed('\r').send).toBe('echo hello \n');
    line.feed('rm -rf x');
    expect(line.feed('\x15').echo).toBe('\b \b'.repeat(8));
    expect(line.feed('\r').send).toBe('\n');
  });

  it('a Backspace on an empty line does nothing; wide characters and ^X erase two cells', () => {
    const line = new LineDiscipline();
    expect(line.feed('\x7f').echo).toBe('');
    expect(line.feed('日\x01').echo).toBe('日^A');
    expect(line.feed('\x7f\x7f').echo).toBe('\b \b'.repeat(4));
  });

  it('a pasted block sends each line once, CR LF and LF alike', () => {
    const line = new LineDiscipline();
    expect(line.feed('one\r\ntwo\nthree\rfour')).toMatchObject({ send: 'one\ntwo\nthree\n', echo: 'one\r\ntwo\r\nthree\r\nfour' });
    // The LF of a CR LF split across two pieces is still the same Enter.
    line.feed('\r');
    expect(line.feed('\nfive\r').send).toBe('five\n');
  });

  it('Ctrl+D flushes a typed line without a newline, and on an empty line ends the input', () => {
    const line = new LineDiscipline();
    line.feed('abc');
    expect(line.feed('\x04')).toMatchObject({ send: 'abc', eof: false });
    expect(line.feed('\x04')).toMatchObject({ send: '', eof: true });
  });

  it('Ctrl+C drops the line and interrupts', () => {
    const line = new LineDiscipline();
    line.feed('sleep 100');
    expect(line.feed('\x03')).toEqual({ echo: '^C\r\n', send: '', eof: false, interrupt: true });
    expect(line.feed('\r').send).toBe('\n');
  });

  it('cursor keys and bracketed-paste marks are left out, even when split across pieces', () => {
    const line = new LineDiscipline();
    expect(line.feed('a\x1b[A\x1bOBb\x1b[200~c\x1b[201~').echo).toBe('abc');
    expect(line.feed('\x1b').echo).toBe('');
    expect(line.feed('[1;5').echo).toBe('');
    expect(line.feed('Dd\r')).toMatchObject({ echo: 'd\r\n', send: 'abcd\n' });
  });
});
