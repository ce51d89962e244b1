import { useStore } from '../store/store';
import { TerminalPane } from './TerminalPane';
import { FilesView } from '../files/FilesView';
import { TabItem } from './TabItem';
import { TerminalToolbar } from './TerminalToolbar';
import type { Tab } from '../store/sessions-slice';

/**
 * Panels stay in the order their tabs opened, whatever the strip's order: a
 * reordered tab must not move its terminal in the DOM (React would detach and
 * reinsert it, and xterm's canvas with it).
 */
function byOpening(tabs: readonly Tab[]): Tab[] {
  return [...tabs].sort((a, b) => Number(a.tabId.slice(4)) - Number(b.tabId.slice(4)));
}

export function TerminalTabs() {
  const tabs = useStore((s) => s.tabs);
  const activeTabId = useStore((s) => s.activeTabId);
  if (tabs.length === 0) {
    return (
      <div className="empty-tabs">
        <p>Double-click a host, or select it and press Enter, to open a terminal. Its “Files” button opens a file browser.</p>
      </div>
    );
  }
  return (
    <div className="tabs">
      <div className="tab-strip">
        <div className="tab-bar" role="tablist" aria-label="Terminals">
          {tabs.map((tab) => (
            <TabItem key={tab.tabId} tab={tab} active={tab.tabId === activeTabId} />
          ))}
        </div>
        <TerminalToolbar />
      </div>
      <div className="tab-panels">
        {byOpening(tabs).map((tab) =>
          tab.kind === 'files' ? (
            <FilesView key={tab.tabId} tab={tab} active={tab.tabId === activeTabId} />
          ) : (
            <TerminalPane key={tab.tabId} tab={tab} active={tab.tabId === activeTabId} />
          ),
        )}
      </div>
    </div>
  );
}
