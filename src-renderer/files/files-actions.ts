// Opening and closing file browsers, and starting transfers between panes.
import type { FilesStateEvent, HostView } from '../../src-shared/contract';
import { newOpenId } from '../../src-shared/ids';
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

/** The folder a browser shows first when it is not the login folder (Open files here), until it connects. */
const startFolders = new Map<string, string>();

/** Connects the tab's browser; files:state brings the outcome, the remote folder to show lands in tab.message. */
export async function connectFiles(tabId: string, startAt?: string): Promise<void> {
  const store = useStore.getState();
  const tab = store.tabs.find((t) => t.tabId === tabId);
  const host = store.tree.hosts.find((h) => h.id === tab?.hostId);
  if (!tab || !host) return;
  // The tab holds the id before main hears of it (contract/lifecycle.ts): every state finds it.
  const browserId = newOpenId('b');
  // A reconnect: the earlier browser's paused transfers continue on this one.
  const replaces = tab.sessionId ?? undefined;
  if (startAt) startFolders.set(browserId, startAt);
  store.updateTab(tabId, { sessionId: browserId, state: 'connecting', message: `Connecting to ${host.username}@${host.host}:${host.port}…`, code: undefined, hostKeyChange: undefined });
  const result = await warren().files.open({ browserId, hostId: host.id, ...(replaces ? { replaces } : {}) });
  // Refused before anything connected: no state event follows.
  if (result.ok) return;
  startFolders.delete(browserId);
  if (useStore.getState().tabs.some((t) => t.tabId === tabId && t.sessionId === browserId)) useStore.getState().updateTab(tabId, { state: 'failed', message: result.error.message, code: result.error.code });
}

function applyFilesState(event: FilesStateEvent): void {
  const { browserId } = event;
  const tab = useStore.getState().tabs.find((t) => t.sessionId === browserId);
  const start = startFolders.get(browserId);
  if (event.state !== 'connecting') startFolders.delete(browserId);
  // Its tab was closed or reconnected meanwhile: the browser has no one to show it.
  if (!tab) return void (event.state === 'connected' && warren().files.close({ browserId }));
  if (event.state === 'connected') useStore.getState().updateTab(tab.tabId, { state: 'connected', message: start ?? event.home ?? event.message, code: undefined, hostKeyChange: undefined });
  else if (event.code === 'cancelled') useStore.getState().updateTab(tab.tabId, { state: 'closed', message: 'Cancelled.', code: undefined });
  else useStore.getState().updateTab(tab.tabId, { state: event.state, message: event.message, code: event.code, hostKeyChange: event.hostKeyChange });
}

export function startFilesRouting(): () => void {
  const offClosed = warren().on('files:closed', ({ browserId, message, lost }) => {
    const tab = useStore.getState().tabs.find((t) => t.sessionId === browserId);
    if (tab) useStore.getState().updateTab(tab.tabId, { state: 'closed', message, code: lost ? 'connection-lost' : undefined });
  });
  // Connecting, connected or failed; and through a drop (Reconnect automatically): the tab says so, then lists again.
  const offState = warren().on('files:state', applyFilesState);
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
