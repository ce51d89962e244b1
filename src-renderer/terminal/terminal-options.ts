// Settings (and whether the app is dark or light) as xterm.js options. Pure, so
// creation and every later change apply exactly the same thing.
import type { ITerminalOptions } from '@xterm/xterm';
import type { TerminalSettings } from '../../src-shared/terminal-settings';
import { resolveTheme } from './themes';

export type AppliedOptions = Required<Pick<ITerminalOptions, 'theme' | 'fontFamily' | 'fontSize' | 'cursorStyle' | 'cursorInactiveStyle' | 'cursorBlink' | 'scrollback'>>;

const GENERIC_FAMILIES = /(^|,)\s*(monospace|ui-monospace)\s*$/i;

export function terminalOptions(settings: TerminalSettings, appDark: boolean): AppliedOptions {
  return {
    theme: { ...resolveTheme(settings.theme, appDark).colors },
    // A font that is not installed falls back to the browser's default, which is
    // proportional; ending with `monospace` keeps the columns straight.
    fontFamily: GENERIC_FAMILIES.test(settings.fontFamily) ? settings.fontFamily : `${settings.fontFamily}, monospace`,
    fontSize: settings.fontSize,
    cursorStyle: settings.cursorStyle,
    // An unfocused terminal shows the same shape, outlined, as most terminals do.
    cursorInactiveStyle: settings.cursorStyle === 'block' ? 'outline' : settings.cursorStyle,
    cursorBlink: settings.cursorBlink,
    scrollback: settings.scrollback,
  };
}

/** Whether going from `before` to `after` changes the size of a cell, so the terminal must refit. */
export function changesCellSize(before: AppliedOptions, after: AppliedOptions): boolean {
  return before.fontFamily !== after.fontFamily || before.fontSize !== after.fontSize;
}
