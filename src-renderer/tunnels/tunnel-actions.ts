// Loading, saving and switching forwards; main's tunnel events keep the store current.
import type { ForwardInput } from '../../src-shared/contract';
import { value, warren } from '../api/warren';
import { useStore } from '../store/store';
import { tunnelKey } from '../store/tunnels-slice';

export function startTunnelRouting(): () => void {
  const offUpdate = warren().on('tunnel:update', (view) => useStore.getState().applyTunnel(view));
  const offRemoved = warren().on('tunnel:removed', (ids) => useStore.getState().dropTunnel(ids));
  void value(warren().tunnels.list({})).then(
    (views) => useStore.getState().setTunnels(views),
    (error: Error) => useStore.getState().addNotices([`Warren could not load the saved forwards: ${error.message}`]),
  );
  return () => {
    offUpdate();
    offRemoved();
  };
}

/** Errors land on the forward's row (main sends its state), so only unexpected ones become notices. */
export async function toggleTunnel(hostId: string, forwardId: string, on: boolean): Promise<void> {
  const result = await warren().tunnels.toggle({ hostId, forwardId, on });
  if (!result.ok && result.error.code !== 'cancelled') {
    const known = useStore.getState().tunnels[tunnelKey({ hostId, forwardId })]?.lastError;
    if (!known) useStore.getState().addNotices([result.error.message]);
  }
}

export async function saveTunnel(input: { hostId: string; forwardId?: string; name: string; autoStart: boolean; startAtLaunch: boolean; spec: ForwardInput }): Promise<void> {
  const view = await value(warren().tunnels.save(input));
  useStore.getState().applyTunnel(view);
}

export async function removeTunnel(hostId: string, forwardId: string): Promise<void> {
  await value(warren().tunnels.remove({ hostId, forwardId }));
  useStore.getState().dropTunnel({ hostId, forwardId });
}
