import type { StateCreator } from 'zustand';
import type { Store } from './store';

/** Off, or which terminals typing goes to: the focused tab's panes, the ones the user picked, or every terminal. */
export type BroadcastMode = 'off' | 'tab' | 'selected' | 'all';

export interface BroadcastSlice {
  broadcast: BroadcastMode;
  /** What Ctrl+Shift+B turns back on. */
  lastBroadcast: Exclude<BroadcastMode, 'off'>;
  /** Panes (tab ids) picked for 'selected'. */
  broadcastPicks: string[];
  setBroadcast(mode: BroadcastMode): void;
  toggleBroadcastPick(tabId: string): void;
}

export const createBroadcastSlice: StateCreator<Store, [], [], BroadcastSlice> = (set) => ({
  broadcast: 'off',
  lastBroadcast: 'tab',
  broadcastPicks: [],
  setBroadcast: (mode) =>
    set((s) => ({
      broadcast: mode,
      lastBroadcast: mode === 'off' ? s.lastBroadcast : mode,
      // Picking starts from the terminal the user is in.
      broadcastPicks: mode === 'selected' && s.broadcastPicks.length === 0 && s.activeTabId ? [s.activeTabId] : s.broadcastPicks,
    })),
  toggleBroadcastPick: (tabId) =>
    set((s) => ({ broadcastPicks: s.broadcastPicks.includes(tabId) ? s.broadcastPicks.filter((id) => id !== tabId) : [...s.broadcastPicks, tabId] })),
});
