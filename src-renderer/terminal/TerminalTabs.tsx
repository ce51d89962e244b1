import type { CSSProperties, ReactNode } from 'react';
import { useStore } from '../store/store';
import { TerminalPane } from './TerminalPane';
import { FilesView } from '../files/FilesView';
import { TabItem } from './TabItem';
import { SplitDivider } from './SplitDivider';
import { BroadcastBanner } from './BroadcastBanner';
import { openingOrder, type Tab, type TabGroup } from '../store/sessions-slice';
import { dividers, paneIds, paneRects, type Box } from '../store/pane-layout';

/**
 * Panels stay in the order their panes opened, whatever the strip's order or
 * the splits: a moved tab or a new split must not move a terminal in the DOM
 * (React would detach and reinsert it, and xterm's canvas with it). Each
 * pane is placed over its share of the area instead.
 */
function byOpening(tabs: readonly Tab[]): Tab[] {
  return [...tabs].sort((a, b) => openingOrder(a.tabId) - openingOrder(b.tabId));
}

function placement(box: Box | undefined): CSSProperties | undefined {
  if (!box) return undefined;
  const pct = (n: number) => `${n * 100}%`;
  return { left: pct(box.x), top: pct(box.y), width: pct(box.w), height: pct(box.h) };
}

/** `toolbar`: the buttons beside the strip (app/TerminalToolbar). */
export function TerminalTabs({ toolbar }: { toolbar?: ReactNode }) {
  const tabs = useStore((s) => s.tabs);
  const groups = useStore((s) => s.groups);
  const activeTabId = useStore((s) => s.activeTabId);
  if (groups.length === 0) {
    return (
      <div className="empty-tabs">
        <p>Double-click a host, or select it and press Enter, to open a terminal. Its “Files” button opens a file browser.</p>
      </div>
    );
  }
  const activeGroup = groups.find((g) => g.focusedTabId === activeTabId);
  const boxes = new Map<string, { group: TabGroup; box: Box }>();
  for (const group of groups) for (const { paneId, ...box } of paneRects(group.layout)) boxes.set(paneId, { group, box });
  return (
    <div className="tabs">
      <div className="tab-strip">
        <div className="tab-bar" role="tablist" aria-label="Terminals">
          {groups.map((group) => {
            const tab = tabs.find((t) => t.tabId === group.focusedTabId);
            const first = tabs.find((t) => t.tabId === paneIds(group.layout)[0]);
            return tab && first && <TabItem key={group.groupId} group={group} tab={tab} first={first} active={group === activeGroup} />;
          })}
        </div>
        {toolbar}
      </div>
      <BroadcastBanner />
      <div className="tab-panels">
        {byOpening(tabs).map((tab) => {
          const place = boxes.get(tab.tabId);
          const visible = !!place && place.group === activeGroup;
          const split = !!place && !('pane' in place.group.layout);
          return tab.kind === 'files' ? (
            <FilesView key={tab.tabId} tab={tab} active={visible} />
          ) : (
            <TerminalPane key={tab.tabId} tab={tab} visible={visible} focused={tab.tabId === activeTabId} split={split} style={placement(place?.box)} />
          );
        })}
        {activeGroup && dividers(activeGroup.layout).map((divider) => <SplitDivider key={divider.path} groupId={activeGroup.groupId} divider={divider} />)}
      </div>
    </div>
  );
}
