// The buttons beside the tab strip that act on the focused terminal: split,
// broadcast, snippets, recording. Each feature adds its own button here.
import { useStore } from '../store/store';

export function TerminalToolbar() {
  const focused = useStore((s) => s.tabs.find((t) => t.tabId === s.activeTabId));
  if (focused?.kind !== 'terminal') return null;
  return (
    <div className="terminal-toolbar" role="toolbar" aria-label="Terminal">
    </div>
  );
}
