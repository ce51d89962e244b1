// Turning broadcast input on and off, and its key.
import { useStore } from '../store/store';
import type { BroadcastMode } from '../store/broadcast-slice';
import type { KeyLike } from './tab-shortcuts';

export const broadcastModes: ReadonlyArray<{ mode: BroadcastMode; label: string }> = [
  { mode: 'off', label: 'Off' },
  { mode: 'tab', label: 'All panes in this tab' },
  { mode: 'selected', label: 'Selected terminals' },
  { mode: 'all', label: 'All terminals' },
];

/** Ctrl+Shift+B: off if on, else back to the last way it was on. */
export function toggleBroadcast(): void {
  const { broadcast, lastBroadcast, setBroadcast } = useStore.getState();
  setBroadcast(broadcast === 'off' ? lastBroadcast : 'off');
}

export function broadcastKey(e: KeyLike): (() => void) | null {
  if (e.ctrlKey && e.shiftKey && !e.altKey && !e.metaKey && (e.code === 'KeyB' || e.key.toLowerCase() === 'b')) return toggleBroadcast;
  return null;
}
