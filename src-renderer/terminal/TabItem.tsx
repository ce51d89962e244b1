import { useState, type DragEvent } from 'react';
import { useStore } from '../store/store';
import type { Tab, TabGroup } from '../store/sessions-slice';
import { closeGroup, renameTab } from './tab-actions';
import { paneIds } from '../store/pane-layout';
import { dropIndex, tabLabel } from './tab-title';
import { showConnectionLog } from '../app/log-actions';
import { RecordingMark } from './RecordingMark';

const stateMark: Record<string, string> = { connecting: '…', connected: '●', failed: '!', closed: '○' };

/** What a dragged tab carries: its group's id, under a type no other drag has. */
const TAB_DRAG = 'application/x-warren-tab';

function onDrop(e: DragEvent<HTMLElement>, target: string): void {
  const dragged = e.dataTransfer.getData(TAB_DRAG);
  if (!dragged) return;
  e.preventDefault();
  const box = e.currentTarget.getBoundingClientRect();
  const { groups, moveGroup } = useStore.getState();
  const index = dropIndex(
    groups.map((g) => g.groupId),
    dragged,
    target,
    e.clientX > box.left + box.width / 2,
  );
  if (index !== null) moveGroup(dragged, index);
}

/**
 * One tab in the strip: named after its first pane (so the name stays put as
 * the focus moves), with the focused pane's remote title and state. Click to show,
 * double-click or F2 to rename, drag to reorder, middle-click to close (with
 * all its panes).
 */
export function TabItem({ group, tab, first, active }: { group: TabGroup; tab: Tab; first: Tab; active: boolean }) {
  const panes = paneIds(group.layout).length;
  // The tab shows REC while any of its panes records.
  const recorded = useStore((s) => s.tabs.find((t) => t.groupId === group.groupId && t.sessionId && s.recordings[t.sessionId]?.recording)?.sessionId ?? null);
  const activateTab = useStore((s) => s.activateTab);
  const [renaming, setRenaming] = useState(false);
  const label = tabLabel({ ...first, remoteTitle: tab.remoteTitle });
  const finish = (name: string | null, tabElement: HTMLElement | null) => {
    setRenaming(false);
    if (name !== null) renameTab(first.tabId, name);
    tabElement?.focus();
  };
  return (
    // The tab role sits on the name part only. A tab list may hold nothing but
    // tabs and a tab nothing focusable, so the log and close buttons are pointer
    // shortcuts hidden from assistive tech; the keyboard has Delete on the focused
    // tab (or Ctrl+Shift+W) and the toolbar's Connection log button.
    <div
      role="presentation"
      className={`tab tab-${tab.state}${active ? ' tab-active' : ''}`}
      title={label.full}
      data-tab-id={tab.tabId}
      data-group-id={group.groupId}
      draggable={!renaming}
      onClick={() => activateTab(tab.tabId)}
      onDoubleClick={() => setRenaming(true)}
      onKeyDown={(e) => {
        if (e.key === 'F2' && !renaming) {
          e.preventDefault();
          setRenaming(true);
        } else if (e.key === 'Delete' && !renaming) {
          e.preventDefault();
          closeGroup(group.groupId);
        }
      }}
      onAuxClick={(e) => e.button === 1 && closeGroup(group.groupId)}
      onDragStart={(e) => {
        e.dataTransfer.setData(TAB_DRAG, group.groupId);
        e.dataTransfer.effectAllowed = 'move';
      }}
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes(TAB_DRAG)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'move';
      }}
      onDrop={(e) => onDrop(e, group.groupId)}
    >
      <div role="tab" tabIndex={active ? 0 : -1} aria-selected={active} aria-keyshortcuts="Delete F2" className="tab-main">
        <span className="tab-mark" aria-label={tab.state}>{stateMark[tab.state]}</span>
        {renaming ? (
          <input
            className="tab-rename"
            aria-label="Tab name"
            autoFocus
            defaultValue={label.name}
            placeholder={first.title}
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
        <RecordingMark sessionId={recorded} />
        {panes > 1 && (
          <span className="tab-panes" title={`${panes} panes`} aria-label={`${panes} panes`}>
            ⊞{panes}
          </span>
        )}
      </div>
      {tab.sessionId && (
        <button
          className="tab-log"
          aria-hidden
          tabIndex={-1}
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
        aria-hidden
        tabIndex={-1}
        aria-label={`Close ${label.name}`}
        title={panes > 1 ? `Close the tab and its ${panes} panes` : 'Close (Ctrl+Shift+W)'}
        onClick={(e) => {
          e.stopPropagation();
          closeGroup(group.groupId);
        }}
      >
        ✕
      </button>
    </div>
  );
}
