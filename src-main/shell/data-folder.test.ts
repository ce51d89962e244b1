import { chmodSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDataStore } from './data-folder';

const mode = (file: string) => statSync(file).mode & 0o777;

describe.skipIf(process.platform === 'win32')('the data folder', () => {
  it('is created 0700 and the settings file written 0600', () => {
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'warren-data-')), 'Warren');
    const { store } = openDataStore(dir);
    store.set('app', { autoReconnect: false });
    expect(mode(dir)).toBe(0o700);
    expect(mode(store.path)).toBe(0o600);
    expect(path.dirname(store.path)).toBe(dir);
  });

  it('takes back a folder and file an earlier version left readable by others', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'warren-data-'));
    const file = path.join(dir, 'settings.json');
    writeFileSync(file, '{"app":{"autoReconnect":true}}');
    // What conf's and Electron's defaults left behind (mkdtemp itself makes 0700).
    chmodSync(dir, 0o755);
    chmodSync(file, 0o644);
    const { store } = openDataStore(dir);
    expect(mode(dir)).toBe(0o700);
    expect(mode(file)).toBe(0o600);
    expect(store.get('app')).toEqual({ autoReconnect: true });
  });
});
