import { describe, expect, it } from 'vitest';
import { aboutDetail, appMenuTemplate, debugMenuWanted, type MenuEntry } from './app-menu';

const base = { appName: 'Warren', showAbout: () => undefined, showDataFolder: () => undefined };
const roles = (entries: MenuEntry[]): string[] => entries.flatMap((e) => [...(e.role ? [e.role] : []), ...roles(e.submenu ?? [])]);
const labels = (entries: MenuEntry[]) => entries.map((e) => e.label ?? e.role);

describe('application menu', () => {
  it('on macOS starts with the app menu (About, Hide, Quit) and keeps the native shortcuts', () => {
    const menu = appMenuTemplate({ ...base, platform: 'darwin', debug: false });
    expect(labels(menu)).toEqual(['Warren', 'Edit', 'View', 'Window', 'help']);
    expect(roles(menu[0]!.submenu!)).toEqual(['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit']);
    expect(JSON.stringify(menu)).not.toContain('registerAccelerator');
  });

  it('on Windows and Linux has no app menu, puts About under Help and leaves Ctrl+W, Ctrl+C… to the terminal', () => {
    for (const platform of ['linux', 'win32'] as const) {
      const menu = appMenuTemplate({ ...base, platform, debug: false });
      expect(labels(menu)).toEqual(['Edit', 'View', 'Window', 'help']);
      expect(labels(menu[3]!.submenu!)).toContain('About Warren');
      const edit = menu[0]!.submenu!.filter((e) => e.role);
      expect(roles(edit)).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'delete', 'selectAll']);
      expect(edit.every((e) => e.registerAccelerator === false)).toBe(true);
      expect(menu[2]!.submenu!.every((e) => e.registerAccelerator === false)).toBe(true);
    }
  });

  it('shows DevTools and reload only in a debug build', () => {
    expect(roles(appMenuTemplate({ ...base, platform: 'linux', debug: false }))).not.toContain('toggleDevTools');
    expect(roles(appMenuTemplate({ ...base, platform: 'linux', debug: false }))).not.toContain('reload');
    expect(roles(appMenuTemplate({ ...base, platform: 'darwin', debug: true }))).toContain('toggleDevTools');
  });

  it('wants the debug items when not packaged or with WARREN_DEBUG=1 only', () => {
    expect(debugMenuWanted(false, {})).toBe(true);
    expect(debugMenuWanted(true, {})).toBe(false);
    expect(debugMenuWanted(true, { WARREN_DEBUG: '1' })).toBe(true);
    expect(debugMenuWanted(true, { WARREN_DEBUG: 'yes' })).toBe(false);
  });

  it('About lists the versions a bug report needs', () => {
    expect(aboutDetail('0.1.0', { electron: '45.4.1', chrome: '140.0', node: '22.1.0', v8: '14.0' })).toBe('Version 0.1.0\nElectron 45.4.1\nChromium 140.0\nNode.js 22.1.0\nV8 14.0');
    expect(aboutDetail('0.1.0', {})).toBe('Version 0.1.0');
  });
});
