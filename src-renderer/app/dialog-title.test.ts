import { describe, expect, it } from 'vitest';
import { dialogTitle } from './dialog-title';

describe('dialogTitle', () => {
  it('names each dialog as its content does', () => {
    expect(dialogTitle({ kind: 'host-form', host: null, folderId: null })).toBe('New host');
    expect(dialogTitle({ kind: 'confirm', title: 'Delete web-01?', body: '', confirmLabel: 'Delete', onConfirm: () => undefined })).toBe('Delete web-01?');
    expect(dialogTitle({ kind: 'settings' })).toBe('Settings');
    expect(dialogTitle({ kind: 'keys' })).toBe('SSH keys');
    expect(dialogTitle({ kind: 'import' })).toBe('Import from ssh config');
  });
});
