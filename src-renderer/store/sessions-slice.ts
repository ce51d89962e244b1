import type { StateCreator } from 'zustand';
import type { HostKeyChange, HostView, SessionStateEvent } from '../../src-shared/contract';
import type { Store } from './store';

/** A terminal tab. Its bytes never enter the store: see terminal/output-router. */
export interface Tab {
  /** Stable for the tab's life; the session id changes when it reconnects. */
  tabId: string;
  kind: 'terminal' | 'files';
  hostId: string;
  title: string;
  sessionId: string | null;
  state: SessionStateEvent['state'];
  message?: string | undefined;
  code?: string | undefined;
  hostKeyChange?: HostKeyChange | undefined;
  /** When an automatic reconnect will start (ms since the epoch), and which attempt it is. */
  reconnectAt?: number | undefined;
  reconnectAttempt?: number | undefined;
}

export interface SessionsSlice {
  tabs: Tab[];
  activeTabId: string | null;
  addTab(host: HostView, kind?: Tab['kind']): string;
  updateTab(tabId: string, patch: Partial<Tab>): void;
  applySessionState(event: SessionStateEvent): void;
  removeTab(tabId: string): void;
  activateTab(tabId: string): void;
}

let tabCounter = 0;

export const createSessionsSlice: StateCreator<Store, [], [], SessionsSlice> = (set) => ({
  tabs: [],
  activeTabId: null,
  addTab(host, kind = 'terminal') {
    const tabId = `tab-${++tabCounter}`;
    const title = kind === 'files' ? `${host.name} — files` : host.name;
    set((s) => ({
      tabs: [...s.tabs, { tabId, kind, hostId: host.id, title, sessionId: null, state: 'connecting', message: `Connecting to ${host.username}@${host.host}:${host.port}…` }],
      activeTabId: tabId,
    }));
    return tabId;
  },
  updateTab(tabId, patch) {
    set((s) => ({ tabs: s.tabs.map((t) => (t.tabId === tabId ? { ...t, ...patch } : t)) }));
  },
  applySessionState(event) {
    set((s) => ({
      tabs: s.tabs.map((t) =>
        t.sessionId === event.sessionId ? { ...t, state: event.state, message: event.message, code: event.code, hostKeyChange: event.hostKeyChange } : t,
      ),
    }));
  },
  removeTab(tabId) {
    set((s) => {
      const index = s.tabs.findIndex((t) => t.tabId === tabId);
      const tabs = s.tabs.filter((t) => t.tabId !== tabId);
      const activeTabId = s.activeTabId === tabId ? (tabs[Math.min(index, tabs.length - 1)]?.tabId ?? null) : s.activeTabId;
      return { tabs, activeTabId };
    });
  },
  activateTab(tabId) {
    set({ activeTabId: tabId });
  },
});
