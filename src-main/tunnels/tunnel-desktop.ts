// What the Electron shell needs of tunnels around the window: the tray menu
// (as data, with a subscription so the shell rebuilds it only when it
// changed), switching a forward from the tray, and the desktop notices for
// forwards that drop or come back. Plain Node: the shell only wires it.
import type { HostsService } from '../hosts/hosts-service';
import { forwardKey } from '../../src-shared/ids';
import type { TunnelManager } from './tunnel-manager';
import { trayMenu, type TrayModel } from './tray-menu';
import { forwardNotices, noForwardsSeen, type ForwardsSeen, type Notice } from './forward-notices';

export interface TunnelDesktop {
  trayModel(): TrayModel;
  /** Called with the new model whenever it differs from the last one (counters alone never change it). */
  onTrayChange(listener: (model: TrayModel) => void): () => void;
  /**
   * A tray item was clicked. `clientId`: the window that should answer any
   * prompt (host key, password); with none, the prompter hands the question to
   * whichever window opens (the shell opens one).
   */
  toggle(hostId: string, forwardId: string, on: boolean, clientId?: string): Promise<void>;
  /** Notices to show as desktop notifications; only while `notifyEnabled()` says so. */
  onNotice(listener: (notice: Notice) => void): () => void;
}

export function tunnelDesktop(deps: { tunnels: TunnelManager; hosts: HostsService; notifyEnabled(): boolean }): TunnelDesktop {
  const { tunnels, hosts } = deps;
  const model = () => trayMenu(hosts.list().hosts, tunnels.list());
  const noticeListeners = new Set<(notice: Notice) => void>();
  // Kept up to date even while notices are off, so switching them on never reports an old drop.
  let seen: ForwardsSeen = noForwardsSeen;
  const observe = () => {
    const names = new Map(hosts.list().hosts.map((h) => [h.id, h.name]));
    const out = forwardNotices(
      seen,
      tunnels.list().map((t) => ({ ...t, hostName: names.get(t.hostId) ?? '?' })),
    );
    seen = out.seen;
    if (!deps.notifyEnabled()) return;
    for (const notice of out.notices) for (const listener of noticeListeners) listener(notice);
  };
  observe();
  tunnels.onChange((change) => {
    // Counter ticks cannot change a state: skip the work while traffic flows.
    if (change.type === 'update' && seen.get(forwardKey(change.view.hostId, change.view.forwardId))?.state === change.view.state) return;
    observe();
  });

  return {
    trayModel: model,
    onTrayChange(listener) {
      let last = JSON.stringify(model());
      return tunnels.onChange(() => {
        const next = model();
        const text = JSON.stringify(next);
        if (text === last) return;
        last = text;
        listener(next);
      });
    },
    async toggle(hostId, forwardId, on, clientId = '') {
      // The item's label shows why it failed; the shell has nothing more to say.
      await tunnels.toggle(clientId, hostId, forwardId, on).catch(() => {});
    },
    onNotice(listener) {
      noticeListeners.add(listener);
      return () => noticeListeners.delete(listener);
    },
  };
}
