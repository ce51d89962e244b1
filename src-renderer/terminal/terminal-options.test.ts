import { describe, expect, it } from 'vitest';
import { defaultTerminalSettings, type TerminalSettings } from '../../src-shared/terminal-settings';
import { changesCellSize, terminalOptions } from './terminal-options';
import { themes } from './themes';

const settings = (patch: Partial<TerminalSettings> = {}): TerminalSettings => ({ ...defaultTerminalSettings, ...patch });

describe('terminalOptions', () => {
  it('maps every setting onto xterm options', () => {
    expect(terminalOptions(settings({ theme: 'dracula', fontSize: 17, cursorStyle: 'bar', cursorBlink: false, scrollback: 123 }), true)).toEqual({
      theme: themes.dracula.colors,
      fontFamily: defaultTerminalSettings.fontFamily,
      fontSize: 17,
      cursorStyle: 'bar',
      cursorInactiveStyle: 'bar',
      cursorBlink: false,
      scrollback: 123,
    });
  });

  it('draws "system" dark or light as the app theme is, and a named scheme whatever the app wears', () => {
    expect(terminalOptions(settings(), true).theme.background).toBe(themes.dark.colors.background);
    expect(terminalOptions(settings(), false).theme.background).toBe(themes.light.colors.background);
    expect(terminalOptions(settings({ theme: 'solarized-light' }), true).theme.background).toBe('#fdf6e3');
  });

  it('ends the font list with monospace once, so a missing font keeps the columns straight', () => {
    expect(terminalOptions(settings({ fontFamily: 'Fira Code' }), true).fontFamily).toBe('Fira Code, monospace');
    expect(terminalOptions(settings({ fontFamily: 'Iosevka, monospace' }), true).fontFamily).toBe('Iosevka, monospace');
    expect(terminalOptions(settings({ fontFamily: 'Hack,ui-monospace' }), true).fontFamily).toBe('Hack,ui-monospace');
  });

  it('outlines an unfocused block cursor and keeps other shapes', () => {
    expect(terminalOptions(settings({ cursorStyle: 'block' }), true).cursorInactiveStyle).toBe('outline');
    expect(terminalOptions(settings({ cursorStyle: 'underline' }), true).cursorInactiveStyle).toBe('underline');
  });

  it('refits only when the cell size can change', () => {
    const base = terminalOptions(settings(), true);
    expect(changesCellSize(base, terminalOptions(settings({ fontSize: 15 }), true))).toBe(true);
    expect(changesCellSize(base, terminalOptions(settings({ fontFamily: 'Hack' }), true))).toBe(true);
    expect(changesCellSize(base, terminalOptions(settings({ theme: 'nord', cursorStyle: 'bar', scrollback: 5 }), false))).toBe(false);
  });
});
