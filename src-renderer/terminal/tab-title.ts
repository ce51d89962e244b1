// What a tab is called, and where a dragged tab lands: pure, so they are tested without a DOM.
import type { Tab } from '../store/sessions-slice';

export interface TabLabel {
  /** The user's name for the tab, or the host's name with its number. */
  name: string;
  /** The remote's own title, shown beside the name (absent once the user renamed the tab). */
  detail?: string;
  /** Both, for tooltips and accessible names. */
  full: string;
}

type Titled = Pick<Tab, 'title' | 'ordinal' | 'customTitle' | 'remoteTitle'>;

export function tabLabel(tab: Titled): TabLabel {
  if (tab.customTitle) return { name: tab.customTitle, full: tab.customTitle };
  const name = tab.ordinal > 1 ? `${tab.title} (${tab.ordinal})` : tab.title;
  if (!tab.remoteTitle || tab.remoteTitle === name) return { name, full: name };
  return { name, detail: tab.remoteTitle, full: `${name} — ${tab.remoteTitle}` };
}

/** A title the remote set with OSC 0/2, made safe to show: no control characters, bounded length; empty means none. */
export function cleanRemoteTitle(raw: string): string | undefined {
  const text = raw.replace(/[\u0000-\u001f\u007f-\u009f]/g, '').trim();
  return text ? text.slice(0, 120) : undefined;
}

/** A name the user typed; empty means "back to the automatic title". */
export function cleanCustomTitle(raw: string): string | undefined {
  const text = raw.trim();
  return text ? text.slice(0, 120) : undefined;
}

/**
 * The index to hand `moveTab` when `dragged` is dropped on `target`, in the
 * target's left half (`after` false) or right half (`after` true). Null when
 * nothing would move.
 */
export function dropIndex(order: readonly string[], dragged: string, target: string, after: boolean): number | null {
  const from = order.indexOf(dragged);
  const to = order.indexOf(target);
  if (from < 0 || to < 0 || dragged === target) return null;
  // Index in the list without the dragged tab.
  const rest = order.filter((id) => id !== dragged);
  const index = rest.indexOf(target) + (after ? 1 : 0);
  return index === from ? null : index;
}
