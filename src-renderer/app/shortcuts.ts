// Warren's own keys, wherever the focus is. Listening in the capture phase on
// the window runs before xterm's textarea sees the key, and preventDefault
// stops the keypress/input that would follow, so nothing reaches the shell.
// (The terminal also swallows every bound key: see terminal/create-terminal.)
import { useStore } from '../store/store';
import { appKey, bindKeys } from '../keys/keymap';
import { tabShortcut } from '../terminal/tab-shortcuts';
import { runTabShortcut } from '../terminal/tab-actions';
import { bindSettingsKeys } from '../settings/settings-keys';
import { paneKey } from '../terminal/pane-actions';
import { broadcastKey } from '../terminal/broadcast-actions';
import { snippetKey } from '../snippets/snippet-actions';
import { paletteKey } from '../palette/palette-actions';
import { filesHereKey } from '../files/files-here';

/** Each feature's keys; see keys/keymap. */
function bindAll(): Array<() => void> {
  return [
    bindKeys((event) => {
      const shortcut = tabShortcut(event);
      return shortcut ? () => runTabShortcut(shortcut) : null;
    }),
    ...bindSettingsKeys(),
    bindKeys(paneKey),
    bindKeys(broadcastKey),
    bindKeys(snippetKey),
    bindKeys(paletteKey),
    bindKeys(filesHereKey),
  ];
}

export function startShortcuts(): () => void {
  const unbind = bindAll();
  const onKeyDown = (event: KeyboardEvent) => {
    const key = appKey(event);
    if (!key) return;
    event.preventDefault();
    event.stopPropagation();
    // Behind a modal dialog the tabs stay as they are.
    const { dialog, prompts } = useStore.getState();
    if ((dialog || prompts.length > 0) && !key.inDialogs) return;
    key.run();
  };
  window.addEventListener('keydown', onKeyDown, true);
  return () => {
    window.removeEventListener('keydown', onKeyDown, true);
    for (const off of unbind) off();
  };
}
