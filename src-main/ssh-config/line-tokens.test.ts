import { describe, expect, it } from 'vitest';
import { argvSplit, splitConfigLine, strdelim } from './line-tokens';

describe('strdelim', () => {
  it('splits on blanks or one "=", like misc.c', () => {
    expect(strdelim('Port 22')).toEqual({ token: 'Port', rest: '22' });
    expect(strdelim('Port=22')).toEqual({ token: 'Port', rest: '22' });
    expect(strdelim('Port = 22')).toEqual({ token: 'Port', rest: '22' });
    expect(strdelim('Port =22')).toEqual({ token: 'Port', rest: '22' });
    expect(strdelim('Port==22')).toEqual({ token: 'Port', rest: '=22' });
    expect(strdelim('Port')).toEqual({ token: 'Port', rest: null });
  });

  it('takes a quoted part to the next quote, and gives up on an unclosed one', () => {
    expect(strdelim('"Host" a')).toEqual({ token: 'Host', rest: 'a' });
    expect(strdelim('ab"c d"e f')).toEqual({ token: 'abc d', rest: 'e f' });
    expect(strdelim('"Host a')).toEqual({ token: null, rest: null });
  });
});

describe('argvSplit', () => {
  it('handles both quotes, mid-word quotes and escapes', () => {
    expect(argvSplit(`a "b c" 'd e' f"g h"i`)).toEqual(['a', 'b c', 'd e', 'fg hi']);
    expect(argvSplit(String.raw`bob\ smith a\"b c\\d e\x`)).toEqual(['bob smith', 'a"b', 'c\\d', 'e\\x']);
    expect(argvSplit('"" x')).toEqual(['', 'x']);
  });

  it('stops at a word that starts with #, not at a # inside a word', () => {
    expect(argvSplit('good#3 # comment "unclosed')).toEqual(['good#3']);
  });

  it('returns null for an unclosed quote', () => {
    expect(argvSplit('"abc')).toBeNull();
    expect(argvSplit("a 'b")).toBeNull();
  });
});

describe('splitConfigLine', () => {
  it('lowercases the keyword and keeps the raw rest', () => {
    expect(splitConfigLine('  ProxyCommand = ssh -W "%h:%p" b # c\r')).toEqual({
      kind: 'ok',
      keyword: 'proxycommand',
      rest: 'ssh -W "%h:%p" b # c',
      args: ['ssh', '-W', '%h:%p', 'b'],
    });
  });

  it('skips blank lines and comments', () => {
    for (const line of ['', '   ', '\t\r', '# Host x', '   #x', '"Host x']) expect(splitConfigLine(line)).toEqual({ kind: 'blank' });
  });

  it('reports a keyword without a value and unclosed quotes', () => {
    expect(splitConfigLine('User')).toMatchObject({ kind: 'error', keyword: 'user' });
    expect(splitConfigLine('User   \t')).toMatchObject({ kind: 'error', reason: 'no argument after keyword "user"' });
    expect(splitConfigLine('=value')).toMatchObject({ kind: 'error', keyword: 'value' });
    expect(splitConfigLine('HostName "x')).toMatchObject({ kind: 'error', reason: 'invalid quotes' });
  });

  it('does not take a form feed for a blank at the start of a line', () => {
    expect(splitConfigLine('\fHost x')).toMatchObject({ kind: 'ok', keyword: '\fhost' });
  });
});
