import { describe, expect, it } from 'vitest';
import { defaultDesktopSettings } from '../../src-shared/desktop-settings';
import { applyDesktopSettings, HIDDEN_ARG, quitWhenWindowsClose, startsHidden, type DesktopOs } from './desktop-effects';

/** A stand-in for the OS's registrations: it only remembers what was set. */
function fakeOs(start: { handler: boolean; atLogin: boolean }): DesktopOs & { state: typeof start } {
  const state = { ...start };
  return {
    state,
    isDefaultProtocolClient: () => state.handler,
    setAsDefaultProtocolClient: () => ((state.handler = true), true),
    removeAsDefaultProtocolClient: () => ((state.handler = false), true),
    getLoginItemSettings: () => ({ openAtLogin: state.atLogin }),
    setLoginItemSettings: ({ openAtLogin }) => void (state.atLogin = openAtLogin),
    hasLoginItems: true,
  };
}

describe('desktop settings applied to the OS', () => {
  it('registers for ssh:// links only when the setting is on, and unregisters when it goes off', () => {
    const os = fakeOs({ handler: false, atLogin: false });
    expect(applyDesktopSettings(defaultDesktopSettings, os)).toEqual([]);
    expect(os.state.handler).toBe(false);
    expect(applyDesktopSettings({ ...defaultDesktopSettings, openSshLinks: true }, os)).toEqual(['now opens ssh:// links']);
    expect(os.state.handler).toBe(true);
    expect(applyDesktopSettings({ ...defaultDesktopSettings, openSshLinks: true }, os)).toEqual([]);
    expect(applyDesktopSettings(defaultDesktopSettings, os)).toEqual(['no longer opens ssh:// links']);
    expect(os.state.handler).toBe(false);
  });

  it('follows "Start Warren at login" both ways', () => {
    const os = fakeOs({ handler: false, atLogin: true });
    expect(applyDesktopSettings(defaultDesktopSettings, os)).toEqual(['no longer starts at login']);
    expect(os.state.atLogin).toBe(false);
    applyDesktopSettings({ ...defaultDesktopSettings, startAtLogin: true }, os);
    expect(os.state.atLogin).toBe(true);
  });

  it('leaves login items alone where the OS has none (Linux)', () => {
    const os = { ...fakeOs({ handler: false, atLogin: false }), hasLoginItems: false };
    expect(applyDesktopSettings({ ...defaultDesktopSettings, startAtLogin: true }, os)).toEqual([]);
  });

  it('says when the OS refuses the registration', () => {
    const os = { ...fakeOs({ handler: false, atLogin: false }), setAsDefaultProtocolClient: () => false };
    expect(applyDesktopSettings({ ...defaultDesktopSettings, openSshLinks: true }, os)).toEqual(['could not register for ssh:// links']);
  });

  it('keeps running after the last window closes only with the tray setting and a tray icon (or on macOS)', () => {
    const keep = { ...defaultDesktopSettings, keepInTray: true };
    expect(quitWhenWindowsClose(keep, 'linux', true)).toBe(false);
    expect(quitWhenWindowsClose(keep, 'linux', false)).toBe(true);
    expect(quitWhenWindowsClose(defaultDesktopSettings, 'win32', true)).toBe(true);
    expect(quitWhenWindowsClose(defaultDesktopSettings, 'darwin', false)).toBe(false);
  });

  it('starts without a window only at login and only when it can live in the tray', () => {
    const keep = { ...defaultDesktopSettings, keepInTray: true };
    expect(startsHidden(keep, ['warren', HIDDEN_ARG], false)).toBe(true);
    expect(startsHidden(keep, ['warren'], true)).toBe(true);
    expect(startsHidden(keep, ['warren'], false)).toBe(false);
    expect(startsHidden(defaultDesktopSettings, ['warren', HIDDEN_ARG], true)).toBe(false);
  });
});
