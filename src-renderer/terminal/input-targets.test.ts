import { describe, expect, it } from 'vitest';
import { broadcastSet, isTerminalReport } from './input-targets';
import type { Tab } from '../store/sessions-slice';

const pane = (tabId: string, groupId: string, kind: Tab['kind'] = 'terminal'): Tab => ({ tabId, groupId, kind, hostId: 'h', title: 'h', ordinal: 1, sessionId: `s-${tabId}`, state: 'connected' });
const tabs = [pane('tab-1', 'g1'), pane('tab-2', 'g1'), pane('tab-3', 'g2'), pane('tab-4', 'g3', 'files')];
const ids = (list: Tab[]) => list.map((t) => t.tabId);

describe('broadcast set', () => {
  it('is empty when off, the focused tab’s panes, the picked panes, or every terminal (never a files tab)', () => {
    const base = { tabs, activeTabId: 'tab-2', broadcastPicks: ['tab-1', 'tab-3', 'gone'] };
    expect(ids(broadcastSet({ ...base, broadcast: 'off' }))).toEqual([]);
    expect(ids(broadcastSet({ ...base, broadcast: 'tab' }))).toEqual(['tab-1', 'tab-2']);
    expect(ids(broadcastSet({ ...base, broadcast: 'selected' }))).toEqual(['tab-1', 'tab-3']);
    expect(ids(broadcastSet({ ...base, broadcast: 'all' }))).toEqual(['tab-1', 'tab-2', 'tab-3']);
  });
});

describe('terminal reports', () => {
  it('tells what xterm.js answers on its own from what the user typed', () => {
    for (const report of ['\x1b[12;40R', '\x1b[?1;2c', '\x1b[>0;276;0c', '\x1b[0n', '\x1b[I', '\x1b[O', '\x1b[M !!', '\x1b[<0;10;5M', '\x1b]11;rgb:1515/1717/1c1c\x1b\\', '\x1b[?2004;2$y'])
      expect(isTerminalReport(report), JSON.stringify(report)).toBe(true);
    for (const typed of ['ls\r', 'a', '\x1b[A', '\x1bOA', '\x1b[1;5C', '\x1b[3~', '\x03', '\x1b', '\x1b[200~pasted\x1b[201~', 'echo \x1b[12;40R'])
      expect(isTerminalReport(typed), JSON.stringify(typed)).toBe(false);
  });
});
