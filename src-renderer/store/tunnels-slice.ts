import type { StateCreator } from 'zustand';
import type { TunnelView } from '../../src-shared/contract';
import { forwardKey } from '../../src-shared/ids';
import type { Store } from './store';

export const tunnelKey = (t: { hostId: string; forwardId: string }) => forwardKey(t.hostId, t.forwardId);

/** Every saved forward with its live state; main pushes an update whenever a running one's figures change. */
export interface TunnelsSlice {
  tunnels: Record<string, TunnelView>;
  /** The sidebar shows its Tunnels tab (instead of Hosts). */
  tunnelsOpen: boolean;
  /** The Tunnels tab shows only this host's forwards (opened from a host's context menu); null: every host. */
  tunnelsHost: string | null;
  setTunnels(views: TunnelView[]): void;
  applyTunnel(view: TunnelView): void;
  dropTunnel(ids: { hostId: string; forwardId: string }): void;
  /** Shows or leaves the Tunnels tab; with a host, shows only that host's forwards. */
  setTunnelsOpen(open: boolean, hostId?: string | null): void;
}

export const createTunnelsSlice: StateCreator<Store, [], [], TunnelsSlice> = (set) => ({
  tunnels: {},
  tunnelsOpen: false,
  tunnelsHost: null,
  setTunnels: (views) => set({ tunnels: Object.fromEntries(views.map((v) => [tunnelKey(v), v])) }),
  applyTunnel: (view) => set((s) => ({ tunnels: { ...s.tunnels, [tunnelKey(view)]: view } })),
  dropTunnel: (ids) =>
    set((s) => {
      const { [tunnelKey(ids)]: _gone, ...rest } = s.tunnels;
      return { tunnels: rest };
    }),
  setTunnelsOpen: (tunnelsOpen, hostId = null) => set({ tunnelsOpen, tunnelsHost: tunnelsOpen ? hostId : null }),
});
