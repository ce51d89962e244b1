// Where typed or pasted input goes: the terminal it was typed in, or every
// terminal in the broadcast set while broadcast is on and that terminal is in
// it. Snippets and the keyboard both come through here, so they reach exactly
// the same panes.
import { warren } from '../api/warren';
import { useStore } from '../store/store';
import type { Store } from '../store/store';
import type { Tab } from '../store/sessions-slice';

/** The terminals broadcast input goes to now (connected or not), or none when broadcast is off. */
export function broadcastSet(s: Pick<Store, 'tabs' | 'activeTabId' | 'broadcast' | 'broadcastPicks'>): Tab[] {
  const terminals = s.tabs.filter((t) => t.kind === 'terminal');
  switch (s.broadcast) {
    case 'off':
      return [];
    case 'all':
      return terminals;
    case 'tab': {
      const groupId = terminals.find((t) => t.tabId === s.activeTabId)?.groupId;
      return terminals.filter((t) => t.groupId === groupId);
    }
    case 'selected':
      return terminals.filter((t) => s.broadcastPicks.includes(t.tabId));
  }
}

/** The sessions input typed into `fromTabId` goes to: the broadcast set if that pane is in it, else the pane alone. */
export function inputTargets(fromTabId: string | null = useStore.getState().activeTabId): string[] {
  const s = useStore.getState();
  const from = s.tabs.find((t) => t.tabId === fromTabId);
  if (from?.kind !== 'terminal') return [];
  const set = broadcastSet(s);
  const reach = set.some((t) => t.tabId === from.tabId) ? set : [from];
  return reach.filter((t) => t.state === 'connected' && t.sessionId).map((t) => t.sessionId!);
}

/**
 * Answers xterm.js writes on its own (cursor position, device attributes,
 * focus and mouse reports): they belong to the terminal that was asked, never
 * to the broadcast set. (Shift+F3 sends what a cursor report looks like and
 * so stays in its own pane while broadcasting.)
 */
const TERMINAL_REPORT = /^(?:\x1b\[\d+;\d+R|\x1b\[[?>=]?[\d;]*c|\x1b\[\??\d*n|\x1b\[[IO]|\x1b\[M[\s\S]{3}|\x1b\[<\d+;\d+;\d+[Mm]|\x1b\[[\d;]*t|\x1b\[\??[\d;]*\$y|\x1b\][\s\S]*(?:\x07|\x1b\\)|\x1bP[\s\S]*\x1b\\)$/;

export function isTerminalReport(data: string): boolean {
  return TERMINAL_REPORT.test(data);
}

/** Input a terminal pane produced (keys, paste, reports): its own session, plus the broadcast set for what the user typed. */
export function sendInput(fromTabId: string, sessionId: string, data: string): void {
  const targets = isTerminalReport(data) ? [sessionId] : inputTargets(fromTabId);
  // A pane still connecting types nowhere else either; its own session gets what it sent.
  for (const target of targets.length > 0 ? targets : [sessionId]) void warren().session.write({ sessionId: target, data });
}

/** Sends text as if typed into the focused terminal (and the broadcast set). Returns how many terminals got it. */
export function typeIntoTerminals(data: string): number {
  const targets = inputTargets();
  for (const sessionId of targets) void warren().session.write({ sessionId, data });
  return targets.length;
}
