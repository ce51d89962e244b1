// One terminal kept in step with the terminal settings and the app's theme
// (itself following the OS when set to System), live: colours, font, cursor and scrollback are applied as they
// change; copy-on-select, right-click paste and the bell read the settings at
// the moment they act.
import type { Terminal } from '@xterm/xterm';
import { useStore } from '../store/store';
import { bellFor } from './bell';
import { changesCellSize, terminalOptions, type AppliedOptions } from './terminal-options';
import { currentAppTheme } from '../theme/theme-sync';

/** Copy once a drag-selection settles, not at every cell the pointer crosses. */
const COPY_DELAY_MS = 60;

/** The options for a terminal created now. */
export function currentTerminalOptions(): AppliedOptions {
  const state = useStore.getState();
  return terminalOptions(state.terminalSettings, currentAppTheme(state) === 'dark');
}

/**
 * Follows the settings until the returned function is called. `refit` runs
 * when a cell changes size (font or size), so the grid, and through the
 * terminal's onResize the remote PTY, follow.
 */
export function followSettings(term: Terminal, element: HTMLElement, refit: () => void): () => void {
  const settings = () => useStore.getState().terminalSettings;
  let applied = currentTerminalOptions();
  let stopped = false;
  // The padding around the grid takes the theme's background too, so a light theme has no dark frame.
  const paintFrame = () => (element.style.backgroundColor = applied.theme.background ?? '');
  paintFrame();

  const unsubscribe = useStore.subscribe((state, prev) => {
    if (state.terminalSettings === prev.terminalSettings && currentAppTheme(state) === currentAppTheme(prev)) return;
    const next = terminalOptions(state.terminalSettings, currentAppTheme(state) === 'dark');
    const changed: Partial<AppliedOptions> = {};
    for (const key of Object.keys(next) as Array<keyof AppliedOptions>) {
      if (JSON.stringify(next[key]) !== JSON.stringify(applied[key])) Object.assign(changed, { [key]: next[key] });
    }
    if (Object.keys(changed).length === 0) return;
    const refitNeeded = changesCellSize(applied, next);
    applied = next;
    term.options = changed;
    paintFrame();
    if (refitNeeded) {
      refit();
      // xterm measures the new cell at its next frame in some renderers; fit again then.
      requestAnimationFrame(() => stopped || refit());
    }
  });

  let copyTimer: ReturnType<typeof setTimeout> | null = null;
  const selection = term.onSelectionChange(() => {
    if (!settings().copyOnSelect) return;
    if (copyTimer) clearTimeout(copyTimer);
    copyTimer = setTimeout(() => {
      copyTimer = null;
      const text = term.getSelection();
      if (text) void navigator.clipboard.writeText(text).catch(() => undefined);
    }, COPY_DELAY_MS);
  });

  // With the option off the browser's (Electron's) own menu stays, with its Copy and Paste.
  const onContextMenu = (event: MouseEvent) => {
    if (!settings().rightClickPaste) return;
    event.preventDefault();
    void navigator.clipboard
      .readText()
      .then((text) => {
        if (text) term.paste(text);
        term.focus();
      })
      .catch(() => undefined);
  };
  element.addEventListener('contextmenu', onContextMenu);

  const bell = term.onBell(bellFor(element, () => settings().bell));

  return () => {
    stopped = true;
    unsubscribe();
    selection.dispose();
    bell.dispose();
    element.removeEventListener('contextmenu', onContextMenu);
    if (copyTimer) clearTimeout(copyTimer);
  };
}
