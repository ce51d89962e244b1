import { useStore } from '../store/store';
import { TerminalPane } from './TerminalPane';
import { FilesView } from '../files/FilesView';
import { closeTab } from './tab-actions';
import { showConnectionLog } from '../app/log-actions';

const stateMark: Record<string, string> = { connecting: '…', connected: '●', failed: '!', closed: '○' };

export function TerminalTabs() {
  const tabs = useStore((s) => s.tabs);
  const activeTabId = useStore((s) => s.activeTabId);
  const activateTab = useStore((s) => s.activateTab);
  if (tabs.length === 0) {
    return (
      <div className="empty-tabs">
        <p>Double-click a host, or select it and press Enter, to open a terminal. Its “Files” button opens a file browser.</p>
      </div>
    );
  }
  return (
    <div className="tabs">
      <div className="tab-bar" role="tablist" aria-label="Terminals">
        {tabs.map((tab) => (
          <div
            key={tab.tabId}
            role="tab"
            tabIndex={tab.tabId === activeTabId ? 0 : -1}
            aria-selected={tab.tabId === activeTabId}
            className={`tab tab-${tab.state}`}
            onClick={() => activateTab(tab.tabId)}
            onAuxClick={(e) => e.button === 1 && closeTab(tab.tabId)}
          >
            <span className="tab-mark" aria-label={tab.state}>{stateMark[tab.state]}</span>
            <span className="tab-title">{tab.title}</span>
            {tab.sessionId && (
              <button
                className="tab-log"
                aria-label={`Connection log of ${tab.title}`}
                title="Connection log"
                onClick={(e) => {
                  e.stopPropagation();
                  showConnectionLog(`Connection log: ${tab.title}`, tab.sessionId!);
                }}
              >
                ≡
              </button>
            )}
            <button
              className="tab-close"
              aria-label={`Close ${tab.title}`}
              onClick={(e) => {
                e.stopPropagation();
                closeTab(tab.tabId);
              }}
            >
              ✕
            </button>
          </div>
        ))}
      </div>
      <div className="tab-panels">
        {tabs.map((tab) =>
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
