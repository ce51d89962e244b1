import type { StateCreator } from 'zustand';
import type { TunnelView } from '../../src-shared/contract';
import { forwardKey } from '../../src-shared/ids';
import type { Store } from './store';

export const tunnelKey = (t: { hostId: string; forwardId: string }) => forwardKey(t.hostId, t.forwardId);

/** Every saved forward with its live state; main pushes updates about twice a second while one runs. */
export interface TunnelsSlice {
  tunnels: Record<string, TunnelView>;
  tunnelsOpen: boolean;
  setTunnels(views: TunnelView[]): void;
  applyTunnel(view: TunnelView): void;
  dropTunnel(ids: { hostId: string; forwardId: string }): void;
  setTunnelsOpen(open: boolean): void;
}

export const createTunnelsSlice: StateCreator<Store, [], [], TunnelsSlice> = (set) => ({
  tunnels: {},
  tunnelsOpen: false,
  setTunnels: (views) => set({ tunnels: Object.fromEntries(views.map((v) => [tunnelKey(v), v])) }),
  applyTunnel: (view) => set((s) => ({ tunnels: { ...s.tunnels, [tunnelKey(view)]: view } })),
  dropTunnel: (ids) =>
    set((s) => {
      const { [tunnelKey(ids)]: _gone, ...rest } = s.tunnels;
      return { tunnels: rest };
    }),
  setTunnelsOpen: (tunnelsOpen) => set({ tunnelsOpen }),
});
