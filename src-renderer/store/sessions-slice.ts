import type { StateCreator } from 'zustand';
import type { HostKeyChange, HostView, SessionStateEvent } from '../../src-shared/contract';
import type { Store } from './store';
import { neighbour, paneIds, removePane, splitPane, type PaneLayout, type SplitDirection } from './pane-layout';

/**
 * One session's view: a terminal pane or a files browser. A tab in the strip
 * is a TabGroup of one or more of these (split panes); most code deals with
 * Tabs and never needs to know whether it shares its tab. Its bytes never
 * enter the store: see terminal/output-router.
 */
export interface Tab {
  /** Stable for the pane's life; the session id changes when it reconnects. */
  tabId: string;
  /** The strip tab this pane belongs to. */
  groupId: string;
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
  /** Quick connect: `user@host:port` of a host that is not saved (hostId then names no saved host). */
  address?: string | undefined;
  sessionId: string | null;
  state: SessionStateEvent['state'];
  message?: string | undefined;
  code?: string | undefined;
  hostKeyChange?: HostKeyChange | undefined;
  /** When an automatic reconnect will start (ms since the epoch), and which attempt it is. */
  reconnectAt?: number | undefined;
  reconnectAttempt?: number | undefined;
}

/** A tab in the strip: how its panes share the area, and which one has the focus. */
export interface TabGroup {
  groupId: string;
  layout: PaneLayout;
  focusedTabId: string;
}

export interface SessionsSlice {
  /** Every pane, in the order they opened. */
  tabs: Tab[];
  /** The strip, in the order it shows them. */
  groups: TabGroup[];
  /** The focused pane of the tab on show. */
  activeTabId: string | null;
  /** Adds a tab at the end, or right after the tab holding `afterTabId` (a duplicate sits beside its original). */
  addTab(host: TabHost, kind?: Tab['kind'], afterTabId?: string): string;
  /** A new pane beside `tabId` in its tab, to the same host; it takes the focus. */
  splitTab(tabId: string, split: SplitDirection): string | null;
  updateTab(tabId: string, patch: Partial<Tab>): void;
  applySessionState(event: SessionStateEvent): void;
  /** Takes the pane away; its tab goes when it was the last pane. */
  removeTab(tabId: string): void;
  /** Shows the pane's tab and focuses the pane. */
  activateTab(tabId: string): void;
  /** Moves a strip tab to `index` (clamped). */
  moveGroup(groupId: string, index: number): void;
  setLayout(groupId: string, layout: PaneLayout): void;
}

let tabCounter = 0;
let groupCounter = 0;

/** The order panes opened in: their DOM order, which must never change (see TerminalTabs). */
export function openingOrder(tabId: string): number {
  return Number(tabId.slice(4));
}

/** The strip tab holding a pane. */
export function groupOf(s: Pick<SessionsSlice, 'groups' | 'tabs'>, tabId: string): TabGroup | undefined {
  const groupId = s.tabs.find((t) => t.tabId === tabId)?.groupId;
  return s.groups.find((g) => g.groupId === groupId);
}

/** The smallest number ≥ 1 that no open tab of this kind to this host uses. */
export function freeOrdinal(tabs: readonly Tab[], hostId: string, kind: Tab['kind']): number {
  const used = new Set(tabs.filter((t) => t.hostId === hostId && t.kind === kind).map((t) => t.ordinal));
  let n = 1;
  while (used.has(n)) n++;
  return n;
}

/** What a tab needs of its host: a saved one, or the stand-in for a quick-connect address. */
export type TabHost = Pick<HostView, 'id' | 'name' | 'username' | 'host' | 'port'>;

function newTab(tabs: readonly Tab[], host: TabHost, kind: Tab['kind'], groupId: string): Tab {
  const tabId = `tab-${++tabCounter}`;
  const title = kind === 'files' ? `${host.name} — files` : host.name;
  return { tabId, groupId, kind, hostId: host.id, title, ordinal: freeOrdinal(tabs, host.id, kind), sessionId: null, state: 'connecting', message: `Connecting to ${host.username}@${host.host}:${host.port}…` };
}

export const createSessionsSlice: StateCreator<Store, [], [], SessionsSlice> = (set, get) => ({
  tabs: [],
  groups: [],
  activeTabId: null,
  addTab(host, kind = 'terminal', afterTabId) {
    const groupId = `group-${++groupCounter}`;
    const tab = newTab(get().tabs, host, kind, groupId);
    set((s) => {
      const group: TabGroup = { groupId, layout: { pane: tab.tabId }, focusedTabId: tab.tabId };
      const afterGroup = afterTabId ? groupOf(s, afterTabId) : undefined;
      const after = afterGroup ? s.groups.indexOf(afterGroup) : -1;
      const groups = after < 0 ? [...s.groups, group] : [...s.groups.slice(0, after + 1), group, ...s.groups.slice(after + 1)];
      return { tabs: [...s.tabs, tab], groups, activeTabId: tab.tabId };
    });
    return tab.tabId;
  },
  splitTab(tabId, split) {
    const s = get();
    const from = s.tabs.find((t) => t.tabId === tabId);
    const group = groupOf(s, tabId);
    const host = s.tree.hosts.find((h) => h.id === from?.hostId);
    if (!from || !group || !host || from.kind !== 'terminal') return null;
    const tab = newTab(s.tabs, host, 'terminal', group.groupId);
    set((now) => ({
      tabs: [...now.tabs, tab],
      groups: now.groups.map((g) => (g.groupId === group.groupId ? { ...g, layout: splitPane(g.layout, tabId, split, tab.tabId), focusedTabId: tab.tabId } : g)),
      activeTabId: tab.tabId,
    }));
    return tab.tabId;
  },
  updateTab(tabId, patch) {
    set((s) => ({ tabs: s.tabs.map((t) => (t.tabId === tabId ? { ...t, ...patch } : t)) }));
  },
  applySessionState(event) {
    set((s) => ({
      tabs: s.tabs.map((t) =>
        t.sessionId === event.sessionId
          ? {
              ...t,
              state: event.state,
              message: event.message,
              code: event.code,
              hostKeyChange: event.hostKeyChange,
              // Main's own reconnect after a drop: the tab counts down to it.
              reconnectAt: event.reconnect ? Date.now() + event.reconnect.inMs : undefined,
              reconnectAttempt: event.reconnect ? event.reconnect.attempt : t.reconnectAttempt,
            }
          : t,
      ),
    }));
  },
  removeTab(tabId) {
    set((s) => {
      const group = groupOf(s, tabId);
      const tabs = s.tabs.filter((t) => t.tabId !== tabId);
      if (!group) return { tabs };
      const layout = removePane(group.layout, tabId);
      if (!layout) {
        // The last pane: the tab goes, and the one that took its place in the strip shows.
        const index = s.groups.indexOf(group);
        const groups = s.groups.filter((g) => g !== group);
        const wasShowing = s.activeTabId !== null && paneIds(group.layout).includes(s.activeTabId);
        if (!wasShowing) return { tabs, groups };
        return { tabs, groups, activeTabId: groups[Math.min(index, groups.length - 1)]?.focusedTabId ?? null };
      }
      // The pane that took the space gets the focus: a neighbour, else the first.
      const next = group.focusedTabId === tabId ? (['left', 'up', 'right', 'down'] as const).map((d) => neighbour(group.layout, tabId, d)).find((id) => id && paneIds(layout).includes(id)) ?? paneIds(layout)[0]! : group.focusedTabId;
      const groups = s.groups.map((g) => (g === group ? { ...g, layout, focusedTabId: next } : g));
      return { tabs, groups, activeTabId: s.activeTabId === tabId ? next : s.activeTabId };
    });
  },
  activateTab(tabId) {
    set((s) => {
      const group = groupOf(s, tabId);
      if (!group) return {};
      return { activeTabId: tabId, groups: group.focusedTabId === tabId ? s.groups : s.groups.map((g) => (g === group ? { ...g, focusedTabId: tabId } : g)) };
    });
  },
  moveGroup(groupId, index) {
    set((s) => {
      const group = s.groups.find((g) => g.groupId === groupId);
      if (!group) return {};
      const rest = s.groups.filter((g) => g !== group);
      const at = Math.max(0, Math.min(index, rest.length));
      return { groups: [...rest.slice(0, at), group, ...rest.slice(at)] };
    });
  },
  setLayout(groupId, layout) {
    set((s) => ({ groups: s.groups.map((g) => (g.groupId === groupId ? { ...g, layout } : g)) }));
  },
});
