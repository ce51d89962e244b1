import { describe, expect, it } from 'vitest';
import type { FileEntry } from '../../src-shared/contract';
import { fileIconKind } from './file-icon';

const icon = (name: string, kind: FileEntry['kind'] = 'file', targetKind?: FileEntry['targetKind']) => fileIconKind({ name, kind, targetKind });

describe('fileIconKind', () => {
  it('folders, links to folders and the parent entry get folder icons', () => {
    expect(icon('src', 'dir')).toBe('folder');
    expect(icon('archive.zip', 'dir')).toBe('folder');
    expect(icon('www', 'symlink', 'dir')).toBe('folder');
    expect(icon('..', 'dir')).toBe('folder-up');
  });

  it('links to files show as links, and broken links say so', () => {
    expect(icon('current.log', 'symlink', 'file')).toBe('link');
    expect(icon('gone', 'symlink', 'missing')).toBe('link-broken');
  });

  it('picks by extension, ignoring case', () => {
    expect(icon('notes.TXT')).toBe('file-text');
    expect(icon('main.tsx')).toBe('file-code');
    expect(icon('backup.tar.gz')).toBe('file-archive');
    expect(icon('photo.JPeG')).toBe('file-image');
    expect(icon('song.flac')).toBe('file-audio');
    expect(icon('clip.mkv')).toBe('file-video');
    expect(icon('server.pem')).toBe('file-key');
  });

  it('knows some names without an extension, and treats dotfiles as configuration', () => {
    expect(icon('Makefile')).toBe('file-code');
    expect(icon('README')).toBe('file-text');
    expect(icon('authorized_keys')).toBe('file-key');
    expect(icon('.bashrc')).toBe('file-code');
    expect(icon('.config.png')).toBe('file-image');
  });

  it('anything else is a plain file', () => {
    expect(icon('data.bin')).toBe('file');
    expect(icon('noext')).toBe('file');
    expect(icon('trailing.')).toBe('file');
    expect(icon('socket', 'other')).toBe('file');
  });
});
