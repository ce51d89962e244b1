import { describe, expect, it } from 'vitest';
import type { FileEntry } from '../../src-shared/contract';
import { paneMenuItems, transferLabel } from './pane-menu-model';

const entry = (name: string, kind: FileEntry['kind'] = 'file'): FileEntry => ({ name, path: `/d/${name}`, kind, size: 0, mtimeMs: 0, mode: 0o644, uid: 0, gid: 0 });
const labels = (items: ReturnType<typeof paneMenuItems>) => items.map((i) => i.label);
const enabled = (items: ReturnType<typeof paneMenuItems>) => items.filter((i) => !i.disabled).map((i) => i.label);

describe('paneMenuItems', () => {
  it('the empty area offers what applies to the folder itself', () => {
    expect(labels(paneMenuItems('remote', [], true))).toEqual(['New folder', 'Copy path', 'Refresh']);
  });

  it('one remote file: Download, Edit locally, then the file operations including Permissions', () => {
    expect(labels(paneMenuItems('remote', [entry('a.txt')], true))).toEqual(['Download', 'Edit locally', 'Rename…', 'Delete…', 'Permissions…', 'Properties', 'Copy path', 'New folder']);
  });

  it('Edit locally is for one remote file or a link to one; not folders, broken links or this computer', () => {
    const edits = (side: 'local' | 'remote', ...targets: FileEntry[]) => paneMenuItems(side, targets, true).some((i) => i.action === 'edit');
    expect(edits('remote', { ...entry('l', 'symlink'), targetKind: 'file' })).toBe(true);
    expect(edits('remote', { ...entry('l', 'symlink'), targetKind: 'missing' })).toBe(false);
    expect(edits('remote', entry('d', 'dir'))).toBe(false);
    expect(edits('remote', entry('a'), entry('b'))).toBe(false);
    expect(edits('local', entry('a'))).toBe(false);
  });

  it('one local folder: Open and Upload; no Permissions on this computer', () => {
    expect(labels(paneMenuItems('local', [entry('src', 'dir')], true))).toEqual(['Open', 'Upload', 'Rename…', 'Delete…', 'Properties', 'Copy path', 'New folder']);
  });

  it('several rows: what needs exactly one is disabled, and paths are plural', () => {
    const items = paneMenuItems('remote', [entry('a'), entry('b', 'dir')], true);
    expect(enabled(items)).toEqual(['Download', 'Delete…', 'Copy paths', 'New folder']);
  });

  it('the transfer is disabled while the other pane has no folder', () => {
    expect(paneMenuItems('local', [entry('a')], false).find((i) => i.action === 'transfer')?.disabled).toBe(true);
    expect(transferLabel('local')).toBe('Upload');
    expect(transferLabel('remote')).toBe('Download');
  });
});
