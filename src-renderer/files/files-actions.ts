// Opening and closing file browsers, and starting transfers between panes.
import type { HostView } from '../../src-shared/contract';
import { value, warren } from '../api/warren';
import { useStore } from '../store/store';
import type { FilesDrag } from './pane-api';
import { startEditRouting } from './edit-actions';

/** Local home folders are fetched once; every browser starts there. */
let localHome: Promise<string> | null = null;
export const getLocalHome = () => (localHome ??= value(warren().local.home({})));

/** @param startAt the remote folder to show first (Open files here); the login folder when absent. */
export function openFilesTab(host: HostView, startAt?: string): string {
  const tabId = useStore.getState().addTab(host, 'files');
  void connectFiles(tabId, startAt);
  return tabId;
}

const newBrowserId = () => `b${crypto.randomUUID().replace(/-/g, '')}`;

/** Connects the tab's browser; the remote home comes back in tab.message. */
export async function connectFiles(tabId: string, startAt?: string): Promise<void> {
  const store = useStore.getState();
  const tab = store.tabs.find((t) => t.tabId === tabId);
  const host = store.tree.hosts.find((h) => h.id === tab?.hostId);
  if (!tab || !host) return;
  const browserId = newBrowserId();
  // A reconnect: the earlier browser's paused transfers continue on this one.
  const replaces = tab.sessionId ?? undefined;
  store.updateTab(tabId, { sessionId: browserId, state: 'connecting', message: `Connecting to ${host.username}@${host.host}:${host.port}…`, code: undefined, hostKeyChange: undefined });
  const result = await warren().files.open({ browserId, hostId: host.id, ...(replaces ? { replaces } : {}) });
  if (!useStore.getState().tabs.some((t) => t.tabId === tabId && t.sessionId === browserId)) {
    if (result.ok) void warren().files.close({ browserId });
    return;
  }
  if (result.ok) useStore.getState().updateTab(tabId, { state: 'connected', message: startAt ?? result.value.home });
  else if (result.error.code === 'cancelled') useStore.getState().updateTab(tabId, { state: 'closed', message: 'Cancelled.' });
  else useStore.getState().updateTab(tabId, { state: 'failed', message: result.error.message, code: result.error.code });
}

export function startFilesRouting(): () => void {
  const offClosed = warren().on('files:closed', ({ browserId, message, lost }) => {
    const tab = useStore.getState().tabs.find((t) => t.sessionId === browserId);
    if (tab) useStore.getState().updateTab(tab.tabId, { state: 'closed', message, code: lost ? 'connection-lost' : undefined });
  });
  // Main carries the browser through a drop (Reconnect automatically): the tab says so, then lists again.
  const offState = warren().on('files:state', ({ browserId, state, message }) => {
    const tab = useStore.getState().tabs.find((t) => t.sessionId === browserId);
    if (tab) useStore.getState().updateTab(tab.tabId, { state, message, code: state === 'connecting' ? 'connection-lost' : undefined });
  });
  const offTransfer = warren().on('transfer:update', (view) => useStore.getState().applyTransfer(view));
  const offEdits = startEditRouting();
  return () => {
    offClosed();
    offState();
    offTransfer();
    offEdits();
  };
}

export async function startTransfer(browserId: string, drag: FilesDrag, targetDir: string): Promise<void> {
  const direction = drag.side === 'local' ? 'upload' : 'download';
  const result = await warren().transfer.start({ browserId, direction, sources: drag.paths, targetDir });
  if (!result.ok) useStore.getState().addNotices([result.error.message]);
}
