import { useState, type DragEvent } from 'react';
import { useStore } from '../store/store';
import type { Tab } from '../store/sessions-slice';
import { closeTab, renameTab } from './tab-actions';
import { dropIndex, tabLabel } from './tab-title';
import { showConnectionLog } from '../app/log-actions';

const stateMark: Record<string, string> = { connecting: '…', connected: '●', failed: '!', closed: '○' };

/** What a dragged tab carries: its id, under a type no other drag has. */
const TAB_DRAG = 'application/x-warren-tab';

function onDrop(e: DragEvent<HTMLElement>, target: string): void {
  const dragged = e.dataTransfer.getData(TAB_DRAG);
  if (!dragged) return;
  e.preventDefault();
  const box = e.currentTarget.getBoundingClientRect();
  const { tabs, moveTab } = useStore.getState();
  const index = dropIndex(
    tabs.map((t) => t.tabId),
    dragged,
    target,
    e.clientX > box.left + box.width / 2,
  );
  if (index !== null) moveTab(dragged, index);
}

/** One tab in the strip: click to show, double-click or F2 to rename, drag to reorder, middle-click to close. */
export function TabItem({ tab, active }: { tab: Tab; active: boolean }) {
  const activateTab = useStore((s) => s.activateTab);
  const [renaming, setRenaming] = useState(false);
  const label = tabLabel(tab);
  const finish = (name: string | null, tabElement: HTMLElement | null) => {
    setRenaming(false);
    if (name !== null) renameTab(tab.tabId, name);
    tabElement?.focus();
  };
  return (
    <div
      role="tab"
      tabIndex={active ? 0 : -1}
      aria-selected={active}
      className={`tab tab-${tab.state}`}
      title={label.full}
      data-tab-id={tab.tabId}
      draggable={!renaming}
      onClick={() => activateTab(tab.tabId)}
      onDoubleClick={() => setRenaming(true)}
      onKeyDown={(e) => {
        if (e.key === 'F2' && !renaming) {
          e.preventDefault();
          setRenaming(true);
        }
      }}
      onAuxClick={(e) => e.button === 1 && closeTab(tab.tabId)}
      onDragStart={(e) => {
        e.dataTransfer.setData(TAB_DRAG, tab.tabId);
        e.dataTransfer.effectAllowed = 'move';
      }}
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes(TAB_DRAG)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'move';
      }}
      onDrop={(e) => onDrop(e, tab.tabId)}
    >
      <span className="tab-mark" aria-label={tab.state}>{stateMark[tab.state]}</span>
      {renaming ? (
        <input
          className="tab-rename"
          aria-label="Tab name"
          autoFocus
          defaultValue={label.name}
          placeholder={tab.title}
          size={Math.max(8, label.name.length + 2)}
          onFocus={(e) => e.currentTarget.select()}
          onClick={(e) => e.stopPropagation()}
          onDoubleClick={(e) => e.stopPropagation()}
          onKeyDown={(e) => {
            e.stopPropagation();
            const tabElement = e.currentTarget.closest<HTMLElement>('[role="tab"]');
            if (e.key === 'Enter') finish(e.currentTarget.value, tabElement);
            else if (e.key === 'Escape') finish(null, tabElement);
          }}
          onBlur={(e) => renaming && finish(e.currentTarget.value, null)}
        />
      ) : (
        <>
          <span className="tab-title">{label.name}</span>
          {label.detail && <span className="tab-detail">{label.detail}</span>}
        </>
      )}
      {tab.sessionId && (
        <button
          className="tab-log"
          aria-label={`Connection log of ${label.name}`}
          title="Connection log"
          onClick={(e) => {
            e.stopPropagation();
            showConnectionLog(`Connection log: ${label.name}`, tab.sessionId!);
          }}
        >
          ≡
        </button>
      )}
      <button
        className="tab-close"
        aria-label={`Close ${label.name}`}
        title="Close (Ctrl+Shift+W)"
        onClick={(e) => {
          e.stopPropagation();
          closeTab(tab.tabId);
        }}
      >
        ✕
      </button>
    </div>
  );
}
