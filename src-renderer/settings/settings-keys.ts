// Ctrl+, opens Settings; Ctrl+= / Ctrl++ / Ctrl+- / Ctrl+0 zoom every terminal
// (and persist the size). Bound through keys/keymap, so the shell never sees them.
import { bindKeys } from '../keys/keymap';
import type { KeyLike } from '../terminal/tab-shortcuts';
import { useStore } from '../store/store';
import { zoomedFontSize } from '../../src-shared/terminal-settings';

export type SettingsKey = { kind: 'open' } | { kind: 'zoom'; by: -1 | 0 | 1 };

export function settingsKey(e: KeyLike): SettingsKey | null {
  if (!e.ctrlKey || e.altKey || e.metaKey) return null;
  // By the character first: Ctrl++ needs Shift on US layouts, not on German ones.
  if (e.key === '=' || e.key === '+' || e.code === 'NumpadAdd') return { kind: 'zoom', by: 1 };
  if (e.shiftKey) return null;
  if (e.key === '-' || e.code === 'NumpadSubtract') return { kind: 'zoom', by: -1 };
  // The physical key too, for layouts where 0 needs Shift (AZERTY).
  if (e.key === '0' || e.code === 'Digit0' || e.code === 'Numpad0') return { kind: 'zoom', by: 0 };
  if (e.key === ',') return { kind: 'open' };
  return null;
}

function run(key: SettingsKey): void {
  const store = useStore.getState();
  if (key.kind === 'open') {
    store.showDialog({ kind: 'settings' });
    return;
  }
  const fontSize = zoomedFontSize(store.terminalSettings.fontSize, key.by);
  if (fontSize !== store.terminalSettings.fontSize) void store.changeTerminalSettings({ fontSize });
}

/** Zoom works behind the Settings dialog too (its preview is the open terminals); opening does not stack dialogs. */
export function bindSettingsKeys(): Array<() => void> {
  const bound = (kind: SettingsKey['kind']) => (event: KeyLike) => {
    const key = settingsKey(event);
    return key?.kind === kind ? () => run(key) : null;
  };
  return [bindKeys(bound('zoom'), { inDialogs: true }), bindKeys(bound('open'))];
}
