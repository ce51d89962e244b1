import { describe, expect, it } from 'vitest';
import { settingsKey } from './settings-keys';

const key = (key: string, mods: { ctrl?: boolean; shift?: boolean; alt?: boolean; meta?: boolean; code?: string; type?: string } = {}) => ({
  type: mods.type ?? 'keydown',
  key,
  code: mods.code ?? '',
  ctrlKey: mods.ctrl ?? true,
  shiftKey: mods.shift ?? false,
  altKey: mods.alt ?? false,
  metaKey: mods.meta ?? false,
});

describe('settingsKey', () => {
  it('zooms in on Ctrl+= and on Ctrl++ with or without Shift, and on the keypad', () => {
    expect(settingsKey(key('=', { code: 'Equal' }))).toEqual({ kind: 'zoom', by: 1 });
    expect(settingsKey(key('+', { shift: true, code: 'Equal' }))).toEqual({ kind: 'zoom', by: 1 });
    expect(settingsKey(key('+', { code: 'BracketRight' }))).toEqual({ kind: 'zoom', by: 1 });
    expect(settingsKey(key('+', { code: 'NumpadAdd' }))).toEqual({ kind: 'zoom', by: 1 });
  });

  it('zooms out on Ctrl+- and resets on Ctrl+0, also where 0 needs Shift', () => {
    expect(settingsKey(key('-', { code: 'Minus' }))).toEqual({ kind: 'zoom', by: -1 });
    expect(settingsKey(key('-', { code: 'NumpadSubtract' }))).toEqual({ kind: 'zoom', by: -1 });
    expect(settingsKey(key('0', { code: 'Digit0' }))).toEqual({ kind: 'zoom', by: 0 });
    expect(settingsKey(key('à', { code: 'Digit0' }))).toEqual({ kind: 'zoom', by: 0 });
  });

  it('matches the keypress and keyup too, so the terminal swallows every event of the chord', () => {
    expect(settingsKey(key('=', { type: 'keypress' }))).toEqual({ kind: 'zoom', by: 1 });
    expect(settingsKey(key('=', { type: 'keyup' }))).toEqual({ kind: 'zoom', by: 1 });
  });

  it('opens Settings on Ctrl+,', () => {
    expect(settingsKey(key(',', { code: 'Comma' }))).toEqual({ kind: 'open' });
  });

  it('leaves the shell its own keys', () => {
    expect(settingsKey(key('=', { ctrl: false }))).toBeNull();
    expect(settingsKey(key('_', { shift: true, code: 'Minus' }))).toBeNull();
    expect(settingsKey(key('0', { alt: true }))).toBeNull();
    expect(settingsKey(key('=', { meta: true }))).toBeNull();
    expect(settingsKey(key('c'))).toBeNull();
  });
});
