import * as Tabs from '@radix-ui/react-tabs';
import { Cable, Server } from 'lucide-react';
import { useStore } from '../store/store';
import { Sidebar } from './Sidebar';
import { TunnelsPanel } from '../tunnels/TunnelsPanel';

/**
 * The sidebar's two places, Hosts and Tunnels, as tabs (MobaXterm's sidebar
 * has Sessions | Tools | Sftp tabs; Termius lists Hosts and Port Forwarding
 * side by side in its navigation). Tunnels live here, beside the terminal, so
 * their switches and rates stay in view while the terminal keeps its height.
 * The hosts pane stays mounted (the tree keeps its scroll and selection), and
 * its footer (Settings) shows under both tabs.
 */
export function SidebarTabs() {
  const tunnelsOpen = useStore((s) => s.tunnelsOpen);
  const setTunnelsOpen = useStore((s) => s.setTunnelsOpen);
  const on = useStore((s) => Object.values(s.tunnels).filter((t) => t.state === 'on').length);
  const view = tunnelsOpen ? 'tunnels' : 'hosts';
  return (
    <Tabs.Root className="sidebar-shell" data-view={view} value={view} onValueChange={(next) => setTunnelsOpen(next === 'tunnels')} activationMode="manual">
      <Tabs.List className="sidebar-tabs" aria-label="Sidebar">
        <Tabs.Trigger value="hosts" className="sidebar-tab">
          <Server size={14} aria-hidden="true" /> Hosts
        </Tabs.Trigger>
        <Tabs.Trigger value="tunnels" className="sidebar-tab" aria-label={on > 0 ? `Tunnels (${on} on)` : 'Tunnels'}>
          <Cable size={14} aria-hidden="true" /> Tunnels
          {on > 0 && (
            <span className="tab-badge" aria-hidden="true">
              {on}
            </span>
          )}
        </Tabs.Trigger>
      </Tabs.List>
      <Tabs.Content value="tunnels" className="sidebar-pane sidebar-pane-tunnels">
        <TunnelsPanel />
      </Tabs.Content>
      <Tabs.Content value="hosts" forceMount className="sidebar-pane sidebar-pane-hosts">
        <Sidebar />
      </Tabs.Content>
    </Tabs.Root>
  );
}
