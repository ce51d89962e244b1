import { describe, expect, it } from 'vitest';
import type { FileEntry } from '../../src-shared/contract';
import { baseNameRange, crumbs, deletePrompt, formatMode, formatSize, isDirLike, joinPath, nextSort, onlyFiles, paneKeyCommand, parentPath, visibleEntries } from './file-pane-model';

const entry = (name: string, kind: FileEntry['kind'] = 'file', extra: Partial<FileEntry> = {}): FileEntry => ({
  name,
  path: `/d/${name}`,
  kind,
  size: 0,
  mtimeMs: 0,
  mode: 0o644,
  uid: 0,
  gid: 0,
  ...extra,
});
const names = (list: FileEntry[]) => list.map((e) => e.name);
const defaults = { showHidden: false, filter: '', sortKey: 'name' as const, descending: false };

describe('paths', () => {
  it('joinPath adds exactly one slash', () => {
    expect(joinPath('/a', 'b')).toBe('/a/b');
    expect(joinPath('/', 'b')).toBe('/b');
    expect(joinPath('/a/', 'b')).toBe('/a/b');
  });

  it('parentPath goes up one level and stops at the root', () => {
    expect(parentPath('/a/b')).toBe('/a');
    expect(parentPath('/a/b/')).toBe('/a');
    expect(parentPath('/a')).toBe('/');
    expect(parentPath('/')).toBe('/');
    expect(parentPath('')).toBe('/');
  });

  it('crumbs lists the root and every ancestor, ignoring doubled and trailing slashes', () => {
    expect(crumbs('/')).toEqual([{ name: '/', path: '/' }]);
    expect(crumbs('/home//u/')).toEqual([
      { name: '/', path: '/' },
      { name: 'home', path: '/home' },
      { name: 'u', path: '/home/u' },
    ]);
  });
});

describe('visibleEntries', () => {
  const listing = [entry('b.txt'), entry('.hidden'), entry('Zeta', 'dir'), entry('alpha', 'dir'), entry('link', 'symlink', { targetKind: 'dir' }), entry('A.txt')];

  it('puts folders (and links to folders) first, then sorts by name ignoring case', () => {
    expect(names(visibleEntries(listing, defaults))).toEqual(['alpha', 'link', 'Zeta', 'A.txt', 'b.txt']);
  });

  it('sorts numbers in names by value', () => {
    expect(names(visibleEntries([entry('f10'), entry('f9'), entry('f100')], defaults))).toEqual(['f9', 'f10', 'f100']);
  });

  it('hides dotfiles unless asked, and filters by a trimmed, case-insensitive substring', () => {
    expect(names(visibleEntries(listing, { ...defaults, showHidden: true }))).toContain('.hidden');
    expect(names(visibleEntries(listing, { ...defaults, filter: '  TXT ' }))).toEqual(['A.txt', 'b.txt']);
    expect(names(visibleEntries(listing, { ...defaults, filter: 'hid' }))).toEqual([]);
  });

  it('sorts by size and by time, descending flips the order but folders stay first', () => {
    const files = [entry('big', 'file', { size: 900, mtimeMs: 1 }), entry('small', 'file', { size: 10, mtimeMs: 3 }), entry('mid', 'file', { size: 50, mtimeMs: 2 }), entry('dir', 'dir', { size: 4096 })];
    expect(names(visibleEntries(files, { ...defaults, sortKey: 'size' }))).toEqual(['dir', 'small', 'mid', 'big']);
    expect(names(visibleEntries(files, { ...defaults, sortKey: 'size', descending: true }))).toEqual(['dir', 'big', 'mid', 'small']);
    expect(names(visibleEntries(files, { ...defaults, sortKey: 'mtime' }))).toEqual(['dir', 'big', 'mid', 'small']);
  });

  it('breaks ties by the exact name, so names equal but for case keep a stable order', () => {
    const tied = [entry('b', 'file', { size: 1 }), entry('a', 'file', { size: 1 })];
    expect(names(visibleEntries(tied, { ...defaults, sortKey: 'size' }))).toEqual(['a', 'b']);
    expect(names(visibleEntries([entry('readme'), entry('README')], defaults))).toEqual(['README', 'readme']);
  });

  it('leaves the listing it was given alone', () => {
    const copy = [...listing];
    visibleEntries(listing, defaults);
    expect(listing).toEqual(copy);
  });
});

describe('formatting', () => {
  it('formatSize uses binary units with one decimal below ten', () => {
    expect(formatSize(0)).toBe('0 B');
    expect(formatSize(1023)).toBe('1023 B');
    expect(formatSize(1024)).toBe('1.0 KiB');
    expect(formatSize(1536)).toBe('1.5 KiB');
    expect(formatSize(10 * 1024)).toBe('10 KiB');
    expect(formatSize(5 * 1024 ** 3)).toBe('5.0 GiB');
    expect(formatSize(2048 * 1024 ** 4)).toBe('2048 TiB');
  });

  it('formatMode reads like ls -l', () => {
    expect(formatMode(0o755, 'dir')).toBe('drwxr-xr-x');
    expect(formatMode(0o640, 'file')).toBe('-rw-r-----');
    expect(formatMode(0o777, 'symlink')).toBe('lrwxrwxrwx');
    expect(formatMode(0, 'other')).toBe('----------');
  });
});

describe('onlyFiles and isDirLike', () => {
  const listing = [entry('a'), entry('b'), entry('sub', 'dir'), entry('l', 'symlink', { targetKind: 'file' })];
  it('is true only when every path is a regular file of the listing', () => {
    expect(onlyFiles(listing, ['/d/a', '/d/b'])).toBe(true);
    expect(onlyFiles(listing, ['/d/a', '/d/sub'])).toBe(false);
    expect(onlyFiles(listing, ['/d/l'])).toBe(false);
    expect(onlyFiles(listing, ['/d/a', '/d/gone'])).toBe(false);
  });
  it('treats a link to a folder as a folder, a broken link as not', () => {
    expect(isDirLike(entry('x', 'symlink', { targetKind: 'dir' }))).toBe(true);
    expect(isDirLike(entry('x', 'symlink', { targetKind: 'missing' }))).toBe(false);
  });
});

describe('pane commands', () => {
  it('nextSort flips the order of the same column and starts another ascending', () => {
    expect(nextSort({ sortKey: 'name', descending: false }, 'name')).toEqual({ sortKey: 'name', descending: true });
    expect(nextSort({ sortKey: 'name', descending: true }, 'name')).toEqual({ sortKey: 'name', descending: false });
    expect(nextSort({ sortKey: 'name', descending: true }, 'size')).toEqual({ sortKey: 'size', descending: false });
  });

  it('deletePrompt names one item, counts several, and warns when folders go with their contents', () => {
    expect(deletePrompt([entry('a.txt')], 'remote')).toEqual({ title: 'Delete “a.txt”?', body: 'a.txt will be deleted from the server. This cannot be undone.' });
    expect(deletePrompt([entry('a.txt'), entry('sub', 'dir')], 'local')).toEqual({
      title: 'Delete 2 items?',
      body: 'a.txt, sub will be deleted from this computer, folders with everything in them. This cannot be undone.',
    });
  });

  it('paneKeyCommand maps the shortcuts and nothing else', () => {
    const key = (k: string, mods: { ctrlKey?: boolean; metaKey?: boolean } = {}) => paneKeyCommand({ key: k, ctrlKey: false, metaKey: false, ...mods });
    expect(key('F2')).toBe('rename');
    expect(key('Delete')).toBe('delete');
    expect(key('Backspace')).toBe('up');
    expect(key('Enter')).toBe('open');
    expect(key('a', { ctrlKey: true })).toBe('select-all');
    expect(key('a', { metaKey: true })).toBe('select-all');
    expect(key('a')).toBeNull();
    expect(key('ArrowDown')).toBeNull();
    expect(key('F5')).toBe('transfer');
    expect(key('ContextMenu')).toBe('menu');
    expect(paneKeyCommand({ key: 'F10', ctrlKey: false, metaKey: false, shiftKey: true })).toBe('menu');
    expect(key('F10')).toBeNull();
    expect(key(' ', { ctrlKey: true })).toBe('toggle');
    expect(key(' ')).toBeNull();
  });

  it('baseNameRange selects the name before its extension; whole names for folders, dotfiles and names without one', () => {
    const picked = (name: string, folder = false) => name.slice(...baseNameRange(name, folder));
    expect(picked('report.txt')).toBe('report');
    expect(picked('my.notes.md')).toBe('my.notes');
    expect(picked('backup.tar.gz')).toBe('backup');
    expect(picked('.bashrc')).toBe('.bashrc');
    expect(picked('.config.json')).toBe('.config');
    expect(picked('Makefile')).toBe('Makefile');
    expect(picked('odd.')).toBe('odd.');
    expect(picked('site.d', true)).toBe('site.d');
  });
});
