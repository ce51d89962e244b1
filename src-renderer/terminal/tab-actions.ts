// What a user does with terminal tabs: open one for a host, reconnect, close,
// duplicate, rename, and the tab keys (see tab-shortcuts).
import type { HostView } from '../../src-shared/contract';
import { newOpenId } from '../../src-shared/ids';
import { warren } from '../api/warren';
import { useStore } from '../store/store';
import { groupOf } from '../store/sessions-slice';
import { forgetSession } from './output-router';
import { connectFiles } from '../files/files-actions';
import { targetIndex, type TabShortcut } from './tab-shortcuts';
import { cleanCustomTitle } from './tab-title';

/** The size the last terminal was fitted to: a good first guess for a new one. */
export const lastTerminalSize = { cols: 100, rows: 30 };

/** A tab knows its session's id before it asks main to open it (contract/lifecycle.ts), so every state finds its tab. */
export function startSessionStateRouting(): () => void {
  return warren().on('session:state', (event) => useStore.getState().applySessionState(event));
}

export function openHostTab(host: HostView): string {
  const tabId = useStore.getState().addTab(host);
  void connectTab(tabId);
  return tabId;
}

export async function connectTab(tabId: string): Promise<void> {
  const store = useStore.getState();
  const tab = store.tabs.find((t) => t.tabId === tabId);
  if (tab?.kind === 'files') return connectFiles(tabId);
  const host = store.tree.hosts.find((h) => h.id === tab?.hostId);
  // A quick-connect tab has an address instead of a saved host.
  const address = tab?.address;
  if (!tab || (!host && !address)) {
    store.updateTab(tabId, { state: 'failed', message: 'This host no longer exists.', code: 'not-found' });
    return;
  }
  if (tab.sessionId) forgetSession(tab.sessionId);
  // The tab holds the id before main hears of it: its states (and Cancel, and closing the tab) find it from the start.
  const sessionId = newOpenId('s');
  store.updateTab(tabId, { sessionId, state: 'connecting', message: `Connecting to ${host ? `${host.username}@${host.host}:${host.port}` : address}…`, code: undefined, hostKeyChange: undefined, remoteTitle: undefined });
  const result = await (host ? warren().session.open({ sessionId, hostId: host.id, ...lastTerminalSize }) : warren().session['open-address']({ sessionId, address: address!, ...lastTerminalSize }));
  // Refused before anything connected (the host is gone, a bad address): no state event follows.
  if (!result.ok && useStore.getState().tabs.some((t) => t.tabId === tabId && t.sessionId === sessionId)) {
    useStore.getState().updateTab(tabId, { state: 'failed', message: result.error.message, code: result.error.code });
  }
}

export function closeTab(tabId: string): void {
  const tab = useStore.getState().tabs.find((t) => t.tabId === tabId);
  if (tab?.kind === 'files') {
    if (tab.sessionId) void warren().files.close({ browserId: tab.sessionId });
  } else if (tab?.sessionId) {
    void warren().session.close({ sessionId: tab.sessionId });
    forgetSession(tab.sessionId);
  }
  useStore.getState().removeTab(tabId);
}

/** Ends the connect: main answers with the state that ends the tab ('Cancelled.'). */
export function cancelConnect(tabId: string): void {
  const tab = useStore.getState().tabs.find((t) => t.tabId === tabId);
  if (tab?.kind === 'files' && tab.sessionId) void warren().files.close({ browserId: tab.sessionId });
  else if (tab?.sessionId) void warren().session.close({ sessionId: tab.sessionId });
  else useStore.getState().updateTab(tabId, { state: 'closed', message: 'Cancelled.' });
}

/** A new session (or files browser) to the same host, opened right after the tab. */
export function duplicateTab(tabId: string): string | null {
  const store = useStore.getState();
  const tab = store.tabs.find((t) => t.tabId === tabId);
  const host = store.tree.hosts.find((h) => h.id === tab?.hostId);
  if (!tab || !host) return null;
  const copy = store.addTab(host, tab.kind, tabId);
  void connectTab(copy);
  return copy;
}

/** Gives the tab the user's name; an empty name goes back to the automatic title. */
export function renameTab(tabId: string, name: string): void {
  useStore.getState().updateTab(tabId, { customTitle: cleanCustomTitle(name) });
}

/** Closes a strip tab: every pane in it. */
export function closeGroup(groupId: string): void {
  for (const tab of useStore.getState().tabs.filter((t) => t.groupId === groupId)) closeTab(tab.tabId);
}

export function runTabShortcut(shortcut: TabShortcut): void {
  const { groups, activeTabId, activateTab, moveGroup } = useStore.getState();
  if (!activeTabId) return;
  const current = groups.findIndex((g) => g === groupOf(useStore.getState(), activeTabId));
  if (current < 0) return;
  if (shortcut.kind === 'duplicate') void duplicateTab(activeTabId);
  // Like closing a terminal window: the focused pane goes, and the tab with its last pane.
  else if (shortcut.kind === 'close') closeTab(activeTabId);
  else {
    const to = targetIndex(shortcut, current, groups.length);
    if (to === null) return;
    if (shortcut.kind === 'move') moveGroup(groups[current]!.groupId, to);
    else activateTab(groups[to]!.focusedTabId);
  }
}
