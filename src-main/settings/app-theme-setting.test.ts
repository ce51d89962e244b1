import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testServices } from '../../test-support/services';
import { createRouter } from '../ipc/router';
import { SETTINGS_SCHEMA_VERSION } from './settings-schema';

const ctx = { clientId: 'w1' };
const tempDir = () => mkdtempSync(path.join(os.tmpdir(), 'warren-app-theme-'));
const settingsPath = (dir: string) => path.join(dir, 'settings.json');
const router = (dir: string) => createRouter(testServices({}, dir).services.handlers);

describe('the app theme setting', () => {
  it('reads a file from before the setting existed as System', async () => {
    const dir = tempDir();
    writeFileSync(settingsPath(dir), JSON.stringify({ schemaVersion: SETTINGS_SCHEMA_VERSION, app: { autoReconnect: true } }));
    expect(await router(dir).call('settings:get', {}, ctx)).toMatchObject({ ok: true, value: { appTheme: 'system' } });
  });

  it('stores a choice on disk, leaves the terminal settings alone, and a restart reads it back', async () => {
    const dir = tempDir();
    await router(dir).call('settings:set', { terminal: { theme: 'nord' } }, ctx);
    expect(await router(dir).call('settings:set', { appTheme: 'light' }, ctx)).toMatchObject({ ok: true, value: { appTheme: 'light', terminal: { theme: 'nord' } } });
    expect(JSON.parse(readFileSync(settingsPath(dir), 'utf8'))).toMatchObject({ app: { appTheme: 'light' } });
    expect(await router(dir).call('settings:get', {}, ctx)).toMatchObject({ ok: true, value: { appTheme: 'light' } });
  });

  it('refuses a theme it does not know', async () => {
    const reply = await router(tempDir()).call('settings:set', { appTheme: 'sepia' }, ctx);
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });
});
