// Reconnecting lost tabs by themselves, when the setting is on: after 1, 2,
// 4, 8, 16 and 30 s, then it stops and leaves the Reconnect button. Only a
// lost link counts: a shell that exited, a tab the user closed, a refused
// password or a changed host key are never retried.
import { isRetryable } from '../../src-shared/errors';
import { reconnectDelay, RECONNECT_BACKOFF_MS } from '../../src-shared/retry';
import { useStore } from '../store/store';
import type { Tab } from '../store/sessions-slice';
import { connectTab } from './tab-actions';


const attempts = new Map<string, number>();
const timers = new Map<string, ReturnType<typeof setTimeout>>();

function schedule(tab: Tab): void {
  if (!useStore.getState().autoReconnect || timers.has(tab.tabId)) return;
  const n = attempts.get(tab.tabId) ?? 0;
  const delay = reconnectDelay(n);
  if (delay === null) {
    attempts.delete(tab.tabId);
    useStore.getState().updateTab(tab.tabId, { reconnectAt: undefined, message: `${tab.message ?? ''} Gave up reconnecting after ${RECONNECT_BACKOFF_MS.length} attempts.`.trim() });
    return;
  }
  attempts.set(tab.tabId, n + 1);
  useStore.getState().updateTab(tab.tabId, { reconnectAt: Date.now() + delay, reconnectAttempt: n + 1 });
  timers.set(
    tab.tabId,
    setTimeout(() => {
      timers.delete(tab.tabId);
      useStore.getState().updateTab(tab.tabId, { reconnectAt: undefined });
      void connectTab(tab.tabId);
    }, delay),
  );
}

/** Stops a pending automatic reconnect (the user cancelled it, or acted first). */
export function cancelAutoReconnect(tabId: string): void {
  clearTimeout(timers.get(tabId));
  timers.delete(tabId);
  attempts.delete(tabId);
  if (useStore.getState().tabs.some((t) => t.tabId === tabId)) useStore.getState().updateTab(tabId, { reconnectAt: undefined, reconnectAttempt: undefined });
}

export function startAutoReconnect(): () => void {
  return useStore.subscribe((state, previous) => {
    for (const tab of state.tabs) {
      const before = previous.tabs.find((t) => t.tabId === tab.tabId);
      if (before && before.state === tab.state && before.sessionId === tab.sessionId) continue;
      if (tab.state === 'connected') {
        attempts.delete(tab.tabId);
        if (tab.reconnectAttempt) useStore.getState().updateTab(tab.tabId, { reconnectAttempt: undefined });
      } else if (tab.state === 'closed' && tab.code === 'connection-lost') schedule(tab);
      else if (tab.state === 'failed' && attempts.has(tab.tabId) && isRetryable(tab.code)) schedule(tab);
      else if (tab.state === 'failed' || tab.state === 'closed') attempts.delete(tab.tabId);
    }
    for (const tabId of timers.keys()) if (!state.tabs.some((t) => t.tabId === tabId)) cancelAutoReconnect(tabId);
  });
}
