import { useState } from 'react';
import { Plus, X } from 'lucide-react';
import type { TunnelView } from '../../src-shared/contract';
import { useStore } from '../store/store';
import { tunnelKey } from '../store/tunnels-slice';
import { ForwardForm } from './ForwardForm';
import { ForwardCard } from './ForwardCard';
import { groupByHost } from './forward-card-model';

/**
 * The sidebar's Tunnels tab: every host's forwards, grouped by host. It sits
 * beside the terminal rather than under it, so watching a tunnel never costs
 * the terminal a row.
 */
export function TunnelsPanel() {
  const tunnels = useStore((s) => s.tunnels);
  const hosts = useStore((s) => s.tree.hosts);
  const onlyHost = useStore((s) => s.tunnelsHost);
  const setTunnelsOpen = useStore((s) => s.setTunnelsOpen);
  const [form, setForm] = useState<{ editing: TunnelView | null; hostId: string | null } | null>(null);
  const hostName = (id: string) => hosts.find((h) => h.id === id)?.name ?? '?';
  const groups = groupByHost(Object.values(tunnels), hostName, onlyHost);

  return (
    <section className="tunnels-view" aria-label="Tunnels">
      <div className="tunnels-toolbar">
        <button className="primary" onClick={() => setForm({ editing: null, hostId: onlyHost })} disabled={hosts.length === 0} title={hosts.length === 0 ? 'Add a host first' : undefined}>
          <Plus size={14} aria-hidden="true" /> New forward
        </button>
        {onlyHost && (
          <span className="tunnels-filter">
            Only {hostName(onlyHost)}
            <button className="icon-button" aria-label="Show every host's forwards" title="Show every host" onClick={() => setTunnelsOpen(true)}>
              <X size={13} aria-hidden="true" />
            </button>
          </span>
        )}
      </div>
      <div className="tunnels-list">
        {groups.length === 0 ? (
          <p className="muted tunnels-empty">
            {onlyHost ? `${hostName(onlyHost)} has no forwards yet.` : 'No forwards yet.'} “New forward” adds a local (-L), remote (-R) or SOCKS (-D) forward to a saved host.
          </p>
        ) : (
          groups.map((group) => (
            <section key={group.hostId} className="tunnel-group" aria-label={`Forwards of ${group.hostName}`}>
              <h3 className="tunnel-group-head">
                <span title={group.hostName}>{group.hostName}</span>
                <button className="icon-button" aria-label={`New forward on ${group.hostName}`} title="New forward on this host" onClick={() => setForm({ editing: null, hostId: group.hostId })}>
                  <Plus size={13} aria-hidden="true" />
                </button>
              </h3>
              <ul className="forward-list">
                {group.forwards.map((t) => (
                  <ForwardCard key={tunnelKey(t)} t={t} hostName={group.hostName} onEdit={() => setForm({ editing: t, hostId: t.hostId })} />
                ))}
              </ul>
            </section>
          ))
        )}
      </div>
      {form && <ForwardForm hosts={hosts} editing={form.editing} hostId={form.hostId} onClose={() => setForm(null)} />}
    </section>
  );
}
