import { describe, expect, it } from 'vitest';
import type { TunnelState, TunnelView } from '../../src-shared/contract';
import { sampleTunnelView } from '../../src-shared/testing/sample-tunnel-view';
import { forwardNotices, noForwardsSeen, type ForwardsSeen } from './forward-notices';

function view(state: TunnelState, lastError: string | null = null, forwardId = 'f1'): TunnelView & { hostName: string } {
  return { ...sampleTunnelView({ forwardId, name: forwardId === 'f1' ? 'web' : 'other', state, lastError, boundPort: state === 'on' ? 8080 : null }), hostName: 'db box' };
}

/** Feeds states one after the other, as the manager's updates arrive; returns every notice. */
function run(...steps: (TunnelView & { hostName: string })[][]) {
  let seen: ForwardsSeen = noForwardsSeen;
  const all = [];
  for (const step of steps) {
    const out = forwardNotices(seen, step);
    seen = out.seen;
    all.push(...out.notices);
  }
  return all;
}

const lost = 'The SSH connection was lost; reconnecting…';

describe('forwardNotices', () => {
  it('tells once when a forward that was on drops, and once when it comes back', () => {
    const notices = run([view('on')], [view('error', lost)], [view('error', 'Reconnecting in 2 s…')], [view('connecting', lost)], [view('on')]);
    expect(notices).toEqual([
      { title: 'Tunnel web dropped', body: `db box: ${lost}` },
      { title: 'Tunnel web is back', body: 'db box: on again on port 8080.' },
    ]);
  });

  it('says nothing when the user switches a forward on or off, or when it fails to start', () => {
    expect(run([view('off')], [view('connecting')], [view('on')], [view('off')], [view('connecting')], [view('error', 'Port 8080 is in use.')], [view('connecting')], [view('on')])).toEqual([]);
  });

  it('says nothing about states it finds at launch, and forgets a drop the user switched off', () => {
    expect(run([view('error', lost)], [view('on')])).toEqual([]);
    expect(run([view('on')], [view('error', lost)], [view('off')], [view('connecting')], [view('on')]).map((n) => n.title)).toEqual(['Tunnel web dropped']);
  });

  it('tells about each forward of a host that drops together', () => {
    const notices = run([view('on'), view('on', null, 'f2')], [view('error', lost), view('error', lost, 'f2')]);
    expect(notices.map((n) => n.title)).toEqual(['Tunnel web dropped', 'Tunnel other dropped']);
  });
});
