import { describe, expect, it } from 'vitest';
import { forgetShellFolder, parseOsc7, rememberShellFolder, reportedShellFolder } from './osc7';

describe('parseOsc7', () => {
  it('reads the path of file://host/path, percent-decoded', () => {
    expect(parseOsc7('file://web-1/home/me/my%20src')).toBe('/home/me/my src');
    expect(parseOsc7('file:///tmp')).toBe('/tmp');
    expect(parseOsc7('kitty-shell-cwd://box/srv/ü')).toBe('/srv/ü');
  });

  it('ignores what is not a folder report', () => {
    expect(parseOsc7('http://example.com/x')).toBeNull();
    expect(parseOsc7('file://host')).toBeNull();
    expect(parseOsc7('file://host/bad%zz')).toBeNull();
    expect(parseOsc7('file://host/a%00b')).toBeNull();
  });
});

describe('shell folders', () => {
  it('keeps the last report of each session until it is forgotten', () => {
    rememberShellFolder('s1', 'file://h/one');
    rememberShellFolder('s1', 'file://h/two');
    rememberShellFolder('s1', 'not a report');
    expect(reportedShellFolder('s1')).toBe('/two');
    expect(reportedShellFolder('s2')).toBeNull();
    forgetShellFolder('s1');
    expect(reportedShellFolder('s1')).toBeNull();
  });
});
