// The buttons beside the tab strip that act on the focused terminal: split,
// broadcast, snippets, recording. It lives in app/ because it gathers several
// features (snippets type into terminals, so terminal/ must not import them);
// App hands it to TerminalTabs.
import { Columns2, Rows2, ScrollText } from 'lucide-react';
import { useStore } from '../store/store';
import type { Tab } from '../store/sessions-slice';
import { splitFocused } from '../terminal/pane-actions';
import { BroadcastButton } from '../terminal/BroadcastButton';
import { RecordButton } from '../terminal/RecordButton';
import { SnippetsButton } from '../snippets/SnippetsButton';
import { SaveHostButton } from '../palette/SaveHostButton';
import { tabLabel } from '../terminal/tab-title';
import { showConnectionLog } from './log-actions';
import { FilesHereButton } from '../files/FilesHereButton';

function LogButton({ tab }: { tab: Tab }) {
  return (
    <button className="toolbar-button" aria-label="Connection log" title="Connection log" onClick={() => showConnectionLog(`Connection log: ${tabLabel(tab).name}`, tab.sessionId!)}>
      <ScrollText size={16} aria-hidden />
    </button>
  );
}

export function TerminalToolbar() {
  const focused = useStore((s) => s.tabs.find((t) => t.tabId === s.activeTabId));
  if (focused?.kind === 'files') {
    // A Files tab's log needs a keyboard route too: the tab's own ≡ is pointer-only.
    return focused.sessionId ? (
      <div className="terminal-toolbar" role="toolbar" aria-label="Files">
        <LogButton tab={focused} />
      </div>
    ) : null;
  }
  if (focused?.kind !== 'terminal') return null;
  return (
    <div className="terminal-toolbar" role="toolbar" aria-label="Terminal">
      <SaveHostButton />
      <button className="toolbar-button" aria-label="Split right" title="Split right (Ctrl+Shift+D)" onClick={() => splitFocused('right')}>
        <Columns2 size={16} aria-hidden />
      </button>
      <button className="toolbar-button" aria-label="Split down" title="Split down (Ctrl+Shift+E)" onClick={() => splitFocused('down')}>
        <Rows2 size={16} aria-hidden />
      </button>
      <BroadcastButton />
      <SnippetsButton />
      <RecordButton />
      <FilesHereButton />
      {/* The keyboard's way to the log: the tab's own ≡ is a pointer shortcut (see TabItem). */}
      {focused.sessionId && <LogButton tab={focused} />}
    </div>
  );
}
