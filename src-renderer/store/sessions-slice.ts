import type { StateCreator } from 'zustand';
import type { HostKeyChange, HostView, SessionStateEvent } from '../../src-shared/contract';
import type { Store } from './store';

/** A terminal tab. Its bytes never enter the store: see terminal/output-router. */
export interface Tab {
  /** Stable for the tab's life; the session id changes when it reconnects. */
  tabId: string;
  kind: 'terminal' | 'files';
  hostId: string;
  /** The host's name when the tab opened (plus "— files" for a files tab). */
  title: string;
  /** 1 for the first open tab of this kind to this host, 2 for the next…: "name (2)". Kept when others close, so a title never changes under the user. */
  ordinal: number;
  /** Set by the user (double-click or F2); wins over everything else. */
  customTitle?: string | undefined;
  /** The remote's OSC 0/2 title, shown beside the host. */
  remoteTitle?: string | undefined;
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
  /** In the order the tab strip shows them. */
  tabs: Tab[];
  activeTabId: string | null;
  /** Adds a tab at the end, or right after `afterTabId` (a duplicate sits beside its original). */
  addTab(host: HostView, kind?: Tab['kind'], afterTabId?: string): string;
  updateTab(tabId: string, patch: Partial<Tab>): void;
  applySessionState(event: SessionStateEvent): void;
  removeTab(tabId: string): void;
  activateTab(tabId: string): void;
  /** Moves a tab to `index` in the strip (clamped). */
  moveTab(tabId: string, index: number): void;
}

let tabCounter = 0;

/** The smallest number ≥ 1 that no open tab of this kind to this host uses. */
export function freeOrdinal(tabs: readonly Tab[], hostId: string, kind: Tab['kind']): number {
  const used = new Set(tabs.filter((t) => t.hostId === hostId && t.kind === kind).map((t) => t.ordinal));
  let n = 1;
  while (used.has(n)) n++;
  return n;
}

export const createSessionsSlice: StateCreator<Store, [], [], SessionsSlice> = (set) => ({
  tabs: [],
  activeTabId: null,
  addTab(host, kind = 'terminal', afterTabId) {
    const tabId = `tab-${++tabCounter}`;
    const title = kind === 'files' ? `${host.name} — files` : host.name;
    set((s) => {
      const tab: Tab = { tabId, kind, hostId: host.id, title, ordinal: freeOrdinal(s.tabs, host.id, kind), sessionId: null, state: 'connecting', message: `Connecting to ${host.username}@${host.host}:${host.port}…` };
      const after = afterTabId ? s.tabs.findIndex((t) => t.tabId === afterTabId) : -1;
      const tabs = after < 0 ? [...s.tabs, tab] : [...s.tabs.slice(0, after + 1), tab, ...s.tabs.slice(after + 1)];
      return { tabs, activeTabId: tabId };
    });
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
  moveTab(tabId, index) {
    set((s) => {
      const tab = s.tabs.find((t) => t.tabId === tabId);
      if (!tab) return {};
      const rest = s.tabs.filter((t) => t.tabId !== tabId);
      const at = Math.max(0, Math.min(index, rest.length));
      return { tabs: [...rest.slice(0, at), tab, ...rest.slice(at)] };
    });
  },
});
