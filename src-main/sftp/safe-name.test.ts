import { describe, expect, it } from 'vitest';
import { safeEntryName } from './safe-name';

describe('safeEntryName', () => {
  it('refuses names that are not one plain name anywhere', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      expect(safeEntryName('', platform)).toBe('is empty');
      expect(safeEntryName('.', platform)).toMatch(/the folder itself/);
      expect(safeEntryName('..', platform)).toMatch(/parent folder/);
      expect(safeEntryName('../evil', platform)).toMatch(/"\/"/);
      expect(safeEntryName('a/b', platform)).toMatch(/"\/"/);
      expect(safeEntryName('nul\0byte', platform)).toMatch(/NUL/);
    }
  });

  it('accepts odd but plain names', () => {
    for (const ok of ['..hidden', '...x', 'a b', '-rf', '[x]', 'ü', '.bashrc', 'CONTRACT.txt', 'console', 'com10', 'LPT'])
      expect(safeEntryName(ok, 'win32'), ok).toBeNull();
    for (const ok of ['back\\slash', 'con', 'NUL.txt', 'a:b', 'trailing.', 'trailing ', '*?<>|"', 'tab\there'])
      expect(safeEntryName(ok, 'linux'), ok).toBeNull();
  });

  it('on Windows refuses separators, forbidden characters, trailing dots and spaces, and device names', () => {
    expect(safeEntryName('a\\b', 'win32')).toMatch(/"\\"/);
    expect(safeEntryName('..\\evil', 'win32')).toMatch(/"\\"/);
    for (const bad of ['a:b', 'file:stream', 'a*b', 'q?', 'a<b', 'a>b', 'a|b', 'a"b', 'tab\there'])
      expect(safeEntryName(bad, 'win32'), bad).toMatch(/does not allow/);
    for (const bad of ['trailing.', 'trailing ', '...']) expect(safeEntryName(bad, 'win32'), bad).toMatch(/dot or a space/);
    for (const bad of ['CON', 'con', 'Nul', 'nul.txt', 'COM1', 'com9.log', 'LPT1', 'aux.tar.gz', 'PRN', 'COM¹', 'CONIN$', 'con .txt'])
      expect(safeEntryName(bad, 'win32'), bad).toMatch(/reserved by Windows/);
  });
});
