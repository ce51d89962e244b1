// An xterm.js terminal with Warren's addons and keys, drawn as the terminal
// settings say (and redrawn when they change). WebGL draws fastest, but throws
// where WebGL2 is missing, so the DOM renderer stays as the fallback.
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { WebglAddon } from '@xterm/addon-webgl';
import { confirmOpenLink } from './links';
import { lazyScrollbarHide } from './lazy-hide-timer';
import { appKey } from '../keys/keymap';
import { currentTerminalOptions, followSettings } from './follow-settings';

export interface TerminalKit {
  term: Terminal;
  fit: FitAddon;
  search: SearchAddon;
  dispose(): void;
}

export function createTerminal(host: HTMLElement, onSearchKey: () => void): TerminalKit {
  const term = new Terminal({ ...currentTerminalOptions(), allowProposedApi: true });
  const fit = new FitAddon();
  const search = new SearchAddon();
  term.loadAddon(fit);
  term.loadAddon(search);
  // Plain links and OSC 8 hyperlinks share one handler: confirm, then open through main.
  term.options.linkHandler = { activate: (_event, uri) => confirmOpenLink(uri) };
  term.loadAddon(new WebLinksAddon((_event, uri) => confirmOpenLink(uri)));
  term.open(host);
  // A flood re-armed the scrollbar's fade timer once per line (lazy-hide-timer.ts).
  lazyScrollbarHide(term);
  try {
    const webgl = new WebglAddon();
    webgl.onContextLoss(() => webgl.dispose());
    term.loadAddon(webgl);
  } catch {
    // No WebGL2 here: the DOM renderer already in place draws instead.
  }
  term.attachCustomKeyEventHandler((event) => {
    // Warren's keys (app/shortcuts runs them) are never sent to the remote.
    if (appKey(event)) return false;
    if (event.type !== 'keydown' || !event.ctrlKey || !event.shiftKey) return true;
    const key = event.key.toLowerCase();
    // Our shortcuts replace the browser's (Ctrl+Shift+V is its own paste, which would paste twice).
    if (key === 'c' || key === 'v' || key === 'f') event.preventDefault();
    if (key === 'c') {
      const selection = term.getSelection();
      if (selection) void navigator.clipboard.writeText(selection);
      return false;
    }
    if (key === 'v') {
      void navigator.clipboard.readText().then((text) => text && term.paste(text));
      return false;
    }
    if (key === 'f') {
      onSearchKey();
      return false;
    }
    return true;
  });
  // Only a terminal on screen can be measured; a hidden one is fitted when it is shown.
  const refit = () => {
    if (host.clientWidth > 0 && host.clientHeight > 0) fit.fit();
  };
  const unfollow = followSettings(term, host, refit);
  return {
    term,
    fit,
    search,
    dispose: () => {
      unfollow();
      term.dispose();
    },
  };
}
