import { describe, expect, it } from 'vitest';
import { pickPurposes } from '../../src-shared/contract';
import { chosenPath, pickDialogOptions, savedPath } from './pick-path';

describe('Browse… dialogs', () => {
  it('pick files for keys and imports (hidden files shown, starting in ~/.ssh), a folder for downloads', () => {
    expect(pickDialogOptions('key-file', '/home/u')).toMatchObject({ defaultPath: '/home/u/.ssh', properties: expect.arrayContaining(['openFile', 'showHiddenFiles']) });
    expect(pickDialogOptions('import-file', '/home/u')).toMatchObject({ defaultPath: '/home/u/.ssh/config', properties: expect.arrayContaining(['openFile']) });
    expect(pickDialogOptions('download-folder', '/home/u').properties).toContain('openDirectory');
    for (const purpose of pickPurposes) expect(pickDialogOptions(purpose, '/h').title.length).toBeGreaterThan(0);
  });

  it('Save… asks with a Save dialog that confirms before replacing a file, starting beside ~/.ssh/config', () => {
    expect(pickDialogOptions('ssh-config-save', '/home/u')).toMatchObject({ kind: 'save', defaultPath: '/home/u/.ssh/warren.conf', properties: expect.arrayContaining(['showOverwriteConfirmation']) });
    expect(savedPath({ canceled: false, filePath: '/home/u/x.conf' })).toBe('/home/u/x.conf');
    expect(savedPath({ canceled: true, filePath: '/home/u/x.conf' })).toBeNull();
    expect(savedPath({ canceled: false, filePath: '' })).toBeNull();
  });

  it('answer one path, or null when cancelled', () => {
    expect(chosenPath({ canceled: false, filePaths: ['/a', '/b'] })).toBe('/a');
    expect(chosenPath({ canceled: true, filePaths: ['/a'] })).toBeNull();
    expect(chosenPath({ canceled: false, filePaths: [] })).toBeNull();
  });
});
