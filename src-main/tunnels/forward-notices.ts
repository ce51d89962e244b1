// Which desktop notices a change of forward states deserves: one when a
// forward that was on stops by itself (its connection dropped, its listener
// died), one when such a forward comes back. Switching a forward on or off by
// hand, or a forward that never got going, says nothing: the user is looking.
import type { TunnelState, TunnelView } from '../../src-shared/contract';
import { forwardKey } from '../../src-shared/ids';

export interface Notice {
  title: string;
  body: string;
}

interface Seen {
  state: TunnelState;
  /** It dropped while on and has not come back or been switched off since. */
  down: boolean;
}

/** What the decider remembers between changes; start from `noForwardsSeen`. */
export type ForwardsSeen = ReadonlyMap<string, Seen>;
export const noForwardsSeen: ForwardsSeen = new Map();

/** `prev`: what was seen before; `next`: every forward now, with its host's name. */
export function forwardNotices(prev: ForwardsSeen, next: readonly (TunnelView & { hostName: string })[]): { notices: Notice[]; seen: ForwardsSeen } {
  const notices: Notice[] = [];
  const seen = new Map<string, Seen>();
  for (const t of next) {
    const key = forwardKey(t.hostId, t.forwardId);
    const before = prev.get(key);
    let down = before?.down ?? false;
    if (before?.state === 'on' && t.state === 'error') {
      down = true;
      notices.push({ title: `Tunnel ${t.name} dropped`, body: `${t.hostName}: ${t.lastError ?? 'it stopped.'}` });
    } else if (down && t.state === 'on') {
      down = false;
      notices.push({ title: `Tunnel ${t.name} is back`, body: `${t.hostName}: on again${t.boundPort ? ` on port ${t.boundPort}` : ''}.` });
    } else if (t.state === 'off') {
      down = false;
    }
    seen.set(key, { state: t.state, down });
  }
  return { notices, seen };
}
