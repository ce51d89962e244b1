import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testServices } from '../../test-support/services';
import { createRouter } from '../ipc/router';
import { defaultTerminalSettings, FONT_SIZE, storedTerminalSettings, zoomedFontSize } from '../../src-shared/terminal-settings';
import { SETTINGS_SCHEMA_VERSION } from './settings-schema';

const ctx = { clientId: 'w1' };
const tempDir = () => mkdtempSync(path.join(os.tmpdir(), 'warren-terminal-settings-'));
const settingsPath = (dir: string) => path.join(dir, 'settings.json');
const onDisk = (dir: string) => JSON.parse(readFileSync(settingsPath(dir), 'utf8')) as Record<string, unknown>;
const router = (dir: string) => createRouter(testServices({}, dir).services.handlers);
/** `settings:get`'s terminal part, as a restarted app would read it. */
const terminalOf = async (dir: string) => {
  const reply = await router(dir).call('settings:get', {}, ctx);
  if (!reply.ok) throw new Error(reply.error.message);
  return (reply.value as { terminal: unknown }).terminal;
};

describe('terminal settings in the settings file', () => {
  it('reads a file from before terminal settings existed as the defaults, without a notice or a rewrite', async () => {
    const dir = tempDir();
    const old = { schemaVersion: SETTINGS_SCHEMA_VERSION, app: { autoReconnect: false } };
    writeFileSync(settingsPath(dir), JSON.stringify(old));
    const { services } = testServices({}, dir);
    expect((await services.handlers['app:info']({}, ctx)).notices).toEqual([]);
    expect(await services.handlers['settings:get']({}, ctx)).toMatchObject({ autoReconnect: false, terminal: defaultTerminalSettings });
    expect((await services.handlers['settings:get']({}, ctx)).terminal).toEqual(defaultTerminalSettings);
    expect(onDisk(dir)).toEqual(old);
  });

  it('fills the fields a file lacks with their defaults and keeps the ones it has', async () => {
    const dir = tempDir();
    writeFileSync(settingsPath(dir), JSON.stringify({ schemaVersion: SETTINGS_SCHEMA_VERSION, app: { autoReconnect: true, terminal: { fontSize: 18, theme: 'nord' } } }));
    expect(await terminalOf(dir)).toEqual({ ...defaultTerminalSettings, fontSize: 18, theme: 'nord' });
  });

  it('merges a partial terminal change into the stored settings, which a restart reads back', async () => {
    const dir = tempDir();
    await router(dir).call('settings:set', { terminal: { theme: 'dracula', fontSize: 20 } }, ctx);
    await router(dir).call('settings:set', { terminal: { cursorStyle: 'bar' }, autoReconnect: false }, ctx);
    const terminal = { ...defaultTerminalSettings, theme: 'dracula', fontSize: 20, cursorStyle: 'bar' };
    expect(await terminalOf(dir)).toEqual(terminal);
    expect(await router(dir).call('settings:get', {}, ctx)).toMatchObject({ ok: true, value: { autoReconnect: false } });
    expect(onDisk(dir)).toMatchObject({ app: { autoReconnect: false, terminal } });
  });

  it.each([
    ['a font size above 32', { fontSize: 33 }],
    ['a font size below 8', { fontSize: 7 }],
    ['a fractional font size', { fontSize: 12.5 }],
    ['a scrollback above 200,000 lines', { scrollback: 200_001 }],
    ['a negative scrollback', { scrollback: -1 }],
    ['an unknown theme', { theme: 'neon' }],
    ['an unknown cursor style', { cursorStyle: 'beam' }],
    ['an unknown bell', { bell: 'loud' }],
    ['a font family with a line break', { fontFamily: 'Mono\nx' }],
    ['a font family that closes a CSS rule', { fontFamily: 'Mono; } body { color: red' }],
    ['an empty font family', { fontFamily: '   ' }],
    ['a very long font family', { fontFamily: 'M'.repeat(201) }],
    ['a field Warren does not know', { ligatures: true }],
  ])('refuses %s and changes nothing', async (_what, terminal) => {
    const dir = tempDir();
    const reply = await router(dir).call('settings:set', { terminal }, ctx);
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await terminalOf(dir)).toEqual(defaultTerminalSettings);
  });

  it('accepts the limits themselves', async () => {
    const dir = tempDir();
    for (const terminal of [{ fontSize: 8 }, { fontSize: 32, scrollback: 0 }, { scrollback: 200_000, fontFamily: 'Fira Code, monospace' }]) {
      expect(await router(dir).call('settings:set', { terminal }, ctx), JSON.stringify(terminal)).toMatchObject({ ok: true, value: { terminal } });
    }
  });
});


describe('terminal settings', () => {
  it('zooms one point at a time within 8–32, and resets to the default size', () => {
    expect(zoomedFontSize(14, 1)).toBe(15);
    expect(zoomedFontSize(14, -1)).toBe(13);
    expect(zoomedFontSize(FONT_SIZE.max, 1)).toBe(32);
    expect(zoomedFontSize(FONT_SIZE.min, -1)).toBe(8);
    expect(zoomedFontSize(27, 0)).toBe(defaultTerminalSettings.fontSize);
  });

  it('reads a missing value as the defaults, and a stored default object is never shared', () => {
    const a = storedTerminalSettings.parse(undefined);
    expect(a).toEqual(defaultTerminalSettings);
    a.fontSize = 30;
    expect(storedTerminalSettings.parse(undefined).fontSize).toBe(defaultTerminalSettings.fontSize);
  });
});
