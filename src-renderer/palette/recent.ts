// Which saved hosts the palette lists as Recent: main saves when each host last
// connected (and the tree reloads on hosts:connected), so the tree has it.
import type { HostView } from '../../src-shared/contract';

export const RECENT_LIMIT = 5;

/** Host ids, most recently connected first; hosts never connected are left out. */
export function recentHostIds(hosts: ReadonlyArray<Pick<HostView, 'id' | 'lastConnectedAt'>>, limit = RECENT_LIMIT): string[] {
  return hosts
    .filter((h) => h.lastConnectedAt !== null)
    .sort((a, b) => b.lastConnectedAt! - a.lastConnectedAt!)
    .slice(0, limit)
    .map((h) => h.id);
}
