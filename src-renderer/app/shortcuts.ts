// Warren's own keys, wherever the focus is. Listening in the capture phase on
// the window runs before xterm's textarea sees the key, and preventDefault
// stops the keypress/input that would follow, so nothing reaches the shell.
// (The terminal also swallows the same keys: see terminal/create-terminal.)
import { useStore } from '../store/store';
import { tabShortcut } from '../terminal/tab-shortcuts';
import { runTabShortcut } from '../terminal/tab-actions';

export function startShortcuts(): () => void {
  const onKeyDown = (event: KeyboardEvent) => {
    const shortcut = tabShortcut(event);
    if (!shortcut) return;
    event.preventDefault();
    event.stopPropagation();
    // Behind a modal dialog the tabs stay as they are.
    if (useStore.getState().dialog || useStore.getState().prompts.length > 0) return;
    runTabShortcut(shortcut);
  };
  window.addEventListener('keydown', onKeyDown, true);
  return () => window.removeEventListener('keydown', onKeyDown, true);
}
