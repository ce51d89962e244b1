// Save… of an export on a real file system: 0600, never replacing a file
// unasked, all-or-nothing when asked, and errors that say what happened.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { saveExportedText } from './save-export';

const dir = () => mkdtempSync(path.join(os.tmpdir(), 'warren-save-export-'));

describe('saving an exported ssh config', () => {
  it('writes a new file readable by its owner only', () => {
    const file = path.join(dir(), 'warren.conf');
    saveExportedText(file, 'Host a\n  HostName 10.0.0.1\n', false);
    expect(readFileSync(file, 'utf8')).toBe('Host a\n  HostName 10.0.0.1\n');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('leaves a file that is already there alone unless told to replace it, then replaces it whole at 0600', () => {
    const folder = dir();
    const file = path.join(folder, 'config');
    writeFileSync(file, '# mine\n', { mode: 0o644 });
    expect(() => saveExportedText(file, 'Host a\n', false)).toThrow(expect.objectContaining({ code: 'exists', message: expect.stringContaining('Replace') }));
    expect(readFileSync(file, 'utf8')).toBe('# mine\n');
    saveExportedText(file, 'Host a\n', true);
    expect(readFileSync(file, 'utf8')).toBe('Host a\n');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(folder)).toEqual(['config']); // no temp file left
  });

  it('says what is wrong with the path', () => {
    const folder = dir();
    mkdirSync(path.join(folder, 'sub'));
    expect(() => saveExportedText('relative/warren.conf', 'x', false)).toThrow(expect.objectContaining({ code: 'invalid-path' }));
    expect(() => saveExportedText(path.join(folder, 'sub'), 'x', true)).toThrow(expect.objectContaining({ code: 'is-a-folder', message: expect.stringContaining(path.join(folder, 'sub')) }));
    expect(() => saveExportedText(path.join(folder, 'missing', 'x.conf'), 'x', false)).toThrow(expect.objectContaining({ code: 'not-found', message: expect.stringMatching(/^Could not save the export to .*: that folder does not exist/) }));
    writeFileSync(path.join(folder, 'file'), '');
    expect(() => saveExportedText(path.join(folder, 'file', 'x.conf'), 'x', true)).toThrow(expect.objectContaining({ code: 'not-a-folder' }));
  });
});
