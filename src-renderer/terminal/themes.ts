// Terminal colour schemes. The well-known ones use their authors' published
// terminal palettes (Solarized's xresources, Dracula's, Nord's and Gruvbox's
// own terminal ports), so output looks as it does in the user's other terminals.
import type { ITheme } from '@xterm/xterm';
import type { TerminalThemeId } from '../../src-shared/terminal-settings';

type Ansi16 = Required<
  Pick<
    ITheme,
    'black' | 'red' | 'green' | 'yellow' | 'blue' | 'magenta' | 'cyan' | 'white' | 'brightBlack' | 'brightRed' | 'brightGreen' | 'brightYellow' | 'brightBlue' | 'brightMagenta' | 'brightCyan' | 'brightWhite'
  >
>;
export type TerminalColors = Ansi16 & Required<Pick<ITheme, 'background' | 'foreground' | 'cursor' | 'cursorAccent' | 'selectionBackground'>>;

export interface TerminalTheme {
  label: string;
  /** Dark background: the app's own chrome around it need not change, but tests and the dialog say so. */
  dark: boolean;
  colors: TerminalColors;
}

export type SchemeId = Exclude<TerminalThemeId, 'system'>;

// Solarized: one palette for both; only the four base tones swap places.
const solarizedAnsi: Ansi16 = {
  black: '#073642',
  red: '#dc322f',
  green: '#859900',
  yellow: '#b58900',
  blue: '#268bd2',
  magenta: '#d33682',
  cyan: '#2aa198',
  white: '#eee8d5',
  brightBlack: '#002b36',
  brightRed: '#cb4b16',
  brightGreen: '#586e75',
  brightYellow: '#657b83',
  brightBlue: '#839496',
  brightMagenta: '#6c71c4',
  brightCyan: '#93a1a1',
  brightWhite: '#fdf6e3',
};

export const themes: Readonly<Record<SchemeId, TerminalTheme>> = {
  dark: {
    label: 'Dark',
    dark: true,
    colors: {
      background: '#15171c',
      foreground: '#d8dee9',
      cursor: '#f0c674',
      cursorAccent: '#15171c',
      selectionBackground: '#3a4455',
      black: '#282a2e',
      red: '#cc6666',
      green: '#b5bd68',
      yellow: '#f0c674',
      blue: '#81a2be',
      magenta: '#b294bb',
      cyan: '#8abeb7',
      white: '#c5c8c6',
      brightBlack: '#707880',
      brightRed: '#d54e53',
      brightGreen: '#b9ca4a',
      brightYellow: '#e7c547',
      brightBlue: '#7aa6da',
      brightMagenta: '#c397d8',
      brightCyan: '#70c0b1',
      brightWhite: '#eaeaea',
    },
  },
  light: {
    label: 'Light',
    dark: false,
    colors: {
      background: '#fafafa',
      foreground: '#383a42',
      cursor: '#526fff',
      cursorAccent: '#fafafa',
      selectionBackground: '#cfd8ea',
      black: '#383a42',
      red: '#e45649',
      green: '#50a14f',
      yellow: '#c18401',
      blue: '#4078f2',
      magenta: '#a626a4',
      cyan: '#0184bc',
      white: '#a0a1a7',
      brightBlack: '#696c77',
      brightRed: '#ca1243',
      brightGreen: '#3f8a3e',
      brightYellow: '#986801',
      brightBlue: '#2f5fd0',
      brightMagenta: '#8a1f88',
      brightCyan: '#0a6f93',
      brightWhite: '#ffffff',
    },
  },
  'solarized-dark': {
    label: 'Solarized Dark',
    dark: true,
    colors: { ...solarizedAnsi, background: '#002b36', foreground: '#839496', cursor: '#93a1a1', cursorAccent: '#002b36', selectionBackground: '#073642' },
  },
  'solarized-light': {
    label: 'Solarized Light',
    dark: false,
    colors: { ...solarizedAnsi, background: '#fdf6e3', foreground: '#657b83', cursor: '#586e75', cursorAccent: '#fdf6e3', selectionBackground: '#eee8d5' },
  },
  dracula: {
    label: 'Dracula',
    dark: true,
    colors: {
      background: '#282a36',
      foreground: '#f8f8f2',
      cursor: '#f8f8f2',
      cursorAccent: '#282a36',
      selectionBackground: '#44475a',
      black: '#21222c',
      red: '#ff5555',
      green: '#50fa7b',
      yellow: '#f1fa8c',
      blue: '#bd93f9',
      magenta: '#ff79c6',
      cyan: '#8be9fd',
      white: '#f8f8f2',
      brightBlack: '#6272a4',
      brightRed: '#ff6e6e',
      brightGreen: '#69ff94',
      brightYellow: '#ffffa5',
      brightBlue: '#d6acff',
      brightMagenta: '#ff92df',
      brightCyan: '#a4ffff',
      brightWhite: '#ffffff',
    },
  },
  nord: {
    label: 'Nord',
    dark: true,
    colors: {
      background: '#2e3440',
      foreground: '#d8dee9',
      cursor: '#d8dee9',
      cursorAccent: '#2e3440',
      selectionBackground: '#4c566a',
      black: '#3b4252',
      red: '#bf616a',
      green: '#a3be8c',
      yellow: '#ebcb8b',
      blue: '#81a1c1',
      magenta: '#b48ead',
      cyan: '#88c0d0',
      white: '#e5e9f0',
      brightBlack: '#4c566a',
      brightRed: '#bf616a',
      brightGreen: '#a3be8c',
      brightYellow: '#ebcb8b',
      brightBlue: '#81a1c1',
      brightMagenta: '#b48ead',
      brightCyan: '#8fbcbb',
      brightWhite: '#eceff4',
    },
  },
  'gruvbox-dark': {
    label: 'Gruvbox Dark',
    dark: true,
    colors: {
      background: '#282828',
      foreground: '#ebdbb2',
      cursor: '#ebdbb2',
      cursorAccent: '#282828',
      selectionBackground: '#504945',
      black: '#282828',
      red: '#cc241d',
      green: '#98971a',
      yellow: '#d79921',
      blue: '#458588',
      magenta: '#b16286',
      cyan: '#689d6a',
      white: '#a89984',
      brightBlack: '#928374',
      brightRed: '#fb4934',
      brightGreen: '#b8bb26',
      brightYellow: '#fabd2f',
      brightBlue: '#83a598',
      brightMagenta: '#d3869b',
      brightCyan: '#8ec07c',
      brightWhite: '#ebdbb2',
    },
  },
};

/** The scheme a setting means: 'system' follows the app's theme (Settings → App theme) between Dark and Light. */
export function resolveTheme(id: TerminalThemeId, appDark: boolean): TerminalTheme {
  if (id === 'system') return appDark ? themes.dark : themes.light;
  return themes[id];
}

/** Label for the Settings list, in the order the contract lists the ids. */
export function themeLabel(id: TerminalThemeId): string {
  return id === 'system' ? 'Match the app (Dark / Light)' : themes[id].label;
}
