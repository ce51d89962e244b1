// "Open files here": a Files tab of the focused terminal's host, at the
// shell's current folder: the one the shell reported (OSC 7), else the one
// the server says its shell is in (see src-main/files/shell-cwd).
import type { KeyLike } from '../terminal/tab-shortcuts';
import { warren } from '../api/warren';
import { useStore } from '../store/store';
import { reportedShellFolder } from '../terminal/osc7';
import { openFilesTab } from './files-actions';

/** The terminal tab Open files here would act on: the focused one, connected. */
export function filesHereTarget() {
  const s = useStore.getState();
  const tab = s.tabs.find((t) => t.tabId === s.activeTabId);
  return tab?.kind === 'terminal' && tab.state === 'connected' && tab.sessionId ? tab : null;
}

export async function openFilesHere(): Promise<void> {
  const tab = filesHereTarget();
  if (!tab?.sessionId) return;
  const store = useStore.getState();
  const host = store.tree.hosts.find((h) => h.id === tab.hostId);
  if (!host) {
    store.addNotices(['Open files here needs a saved host: save this connection first.']);
    return;
  }
  let folder = reportedShellFolder(tab.sessionId);
  if (!folder) {
    const result = await warren().session.cwd({ sessionId: tab.sessionId });
    if (!result.ok) {
      useStore.getState().addNotices([result.error.message]);
      return;
    }
    folder = result.value.path;
  }
  openFilesTab(host, folder);
}

/** Ctrl+Shift+O in a terminal. */
export function filesHereKey(e: KeyLike): (() => void) | null {
  if (e.ctrlKey && e.shiftKey && !e.altKey && !e.metaKey && (e.code === 'KeyO' || e.key.toLowerCase() === 'o') && filesHereTarget()) return () => void openFilesHere();
  return null;
}
