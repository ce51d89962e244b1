// What a user does with split panes: split the focused terminal, move the
// focus between panes, move a divider, and the keys for them.
import { useStore } from '../store/store';
import { groupOf } from '../store/sessions-slice';
import type { KeyLike } from './tab-shortcuts';
import { neighbour, nudge, type FocusDirection, type SplitDirection } from '../store/pane-layout';
import { connectTab } from './tab-actions';

/** How far Alt+Shift+arrow moves a divider: a twentieth of the tab. */
const NUDGE = 0.05;

/** A new session to the same host in a pane beside the focused terminal. */
export function splitFocused(split: SplitDirection): string | null {
  const { activeTabId, splitTab } = useStore.getState();
  if (!activeTabId) return null;
  const tabId = splitTab(activeTabId, split);
  if (tabId) void connectTab(tabId);
  return tabId;
}

export function focusPane(direction: FocusDirection): void {
  const store = useStore.getState();
  const group = store.activeTabId ? groupOf(store, store.activeTabId) : undefined;
  const to = group && neighbour(group.layout, group.focusedTabId, direction);
  if (to) store.activateTab(to);
}

export function nudgeDivider(direction: FocusDirection): void {
  const store = useStore.getState();
  const group = store.activeTabId ? groupOf(store, store.activeTabId) : undefined;
  const layout = group && nudge(group.layout, group.focusedTabId, direction, NUDGE);
  if (group && layout) store.setLayout(group.groupId, layout);
}

const arrows: Record<string, FocusDirection> = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' };

/**
 * Ctrl+Shift+D splits right, Ctrl+Shift+E splits down; Alt+arrow moves the
 * focus to the pane that way, Alt+Shift+arrow moves the nearest divider.
 * Arrow keys act only when the tab is split, so a single terminal still gets
 * Alt+arrow (word jumps in many shells).
 */
export function paneKey(e: KeyLike): (() => void) | null {
  if (e.metaKey) return null;
  if (e.ctrlKey && e.shiftKey && !e.altKey) {
    if (e.code === 'KeyD' || e.key.toLowerCase() === 'd') return () => void splitFocused('right');
    if (e.code === 'KeyE' || e.key.toLowerCase() === 'e') return () => void splitFocused('down');
  }
  const direction = arrows[e.key];
  if (direction && e.altKey && !e.ctrlKey && isSplit()) return e.shiftKey ? () => nudgeDivider(direction) : () => focusPane(direction);
  return null;
}

function isSplit(): boolean {
  const store = useStore.getState();
  const group = store.activeTabId ? groupOf(store, store.activeTabId) : undefined;
  return !!group && !('pane' in group.layout);
}
