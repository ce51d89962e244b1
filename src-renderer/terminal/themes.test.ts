import { describe, expect, it } from 'vitest';
import { terminalThemeIds } from '../../src-shared/terminal-settings';
import { resolveTheme, themeLabel, themes, type SchemeId } from './themes';

const ansi = ['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white'] as const;
const keys = [...ansi, ...ansi.map((c) => `bright${c[0]!.toUpperCase()}${c.slice(1)}`), 'background', 'foreground', 'cursor', 'cursorAccent', 'selectionBackground'];

/** WCAG relative luminance of #rrggbb. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
};

describe('terminal themes', () => {
  it('gives every scheme all 16 ANSI colours, background, foreground, cursor and selection as #rrggbb', () => {
    for (const [id, theme] of Object.entries(themes)) {
      expect(Object.keys(theme.colors).sort(), id).toEqual([...keys].sort());
      for (const [key, colour] of Object.entries(theme.colors)) expect(colour, `${id}.${key}`).toMatch(/^#[0-9a-f]{6}$/);
    }
  });

  it('uses the published palettes of the well-known schemes', () => {
    expect(themes['solarized-dark'].colors).toMatchObject({ background: '#002b36', foreground: '#839496', black: '#073642', brightBlack: '#002b36', yellow: '#b58900', brightRed: '#cb4b16', brightMagenta: '#6c71c4', white: '#eee8d5', brightWhite: '#fdf6e3' });
    expect(themes['solarized-light'].colors).toMatchObject({ background: '#fdf6e3', foreground: '#657b83', blue: '#268bd2', cyan: '#2aa198', green: '#859900' });
    expect(themes.dracula.colors).toMatchObject({ background: '#282a36', foreground: '#f8f8f2', selectionBackground: '#44475a', red: '#ff5555', green: '#50fa7b', yellow: '#f1fa8c', blue: '#bd93f9', magenta: '#ff79c6', cyan: '#8be9fd', brightBlack: '#6272a4' });
    expect(themes.nord.colors).toMatchObject({ background: '#2e3440', foreground: '#d8dee9', black: '#3b4252', red: '#bf616a', green: '#a3be8c', yellow: '#ebcb8b', blue: '#81a1c1', magenta: '#b48ead', cyan: '#88c0d0', brightCyan: '#8fbcbb', brightWhite: '#eceff4' });
    expect(themes['gruvbox-dark'].colors).toMatchObject({ background: '#282828', foreground: '#ebdbb2', red: '#cc241d', brightRed: '#fb4934', yellow: '#d79921', brightYellow: '#fabd2f', blue: '#458588', brightBlue: '#83a598', brightBlack: '#928374' });
  });

  it('marks a scheme dark exactly when its background is darker than its text, and keeps the text readable', () => {
    for (const [id, { dark, colors }] of Object.entries(themes)) {
      expect(luminance(colors.background) < luminance(colors.foreground), id).toBe(dark);
      expect(contrast(colors.background, colors.foreground), id).toBeGreaterThan(4);
      expect(contrast(colors.background, colors.cursor), id).toBeGreaterThan(2.5);
    }
  });

  it('follows the app theme for "system", and names every choice', () => {
    expect(resolveTheme('system', true)).toBe(themes.dark);
    expect(resolveTheme('system', false)).toBe(themes.light);
    expect(resolveTheme('nord', false)).toBe(themes.nord);
    for (const id of terminalThemeIds) expect(themeLabel(id)).not.toBe('');
    expect(Object.keys(themes).sort()).toEqual(terminalThemeIds.filter((id): id is SchemeId => id !== 'system').sort());
  });
});
