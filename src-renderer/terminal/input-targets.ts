// Where typed or pasted input goes: the focused terminal, or every terminal
// in the broadcast set while broadcast is on. Snippets and the keyboard both
// come through here, so they reach exactly the same panes.
import { warren } from '../api/warren';
import { useStore } from '../store/store';

/** The session ids that input from the focused terminal goes to, focused first. */
export function inputTargets(): string[] {
  const { tabs, activeTabId } = useStore.getState();
  const focused = tabs.find((t) => t.tabId === activeTabId);
  if (focused?.kind !== 'terminal' || focused.state !== 'connected' || !focused.sessionId) return [];
  return [focused.sessionId];
}

/** Sends text as if typed into the focused terminal (and the broadcast set). Returns how many terminals got it. */
export function typeIntoTerminals(data: string): number {
  const targets = inputTargets();
  for (const sessionId of targets) void warren().session.write({ sessionId, data });
  return targets.length;
}
