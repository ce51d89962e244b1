import { useState } from 'react';
import type { TunnelView } from '../../src-shared/contract';
import { useStore } from '../store/store';
import { tunnelKey } from '../store/tunnels-slice';
import { formatSize } from '../files/file-pane-model';
import { ForwardForm } from './ForwardForm';
import { removeTunnel, toggleTunnel } from './tunnel-actions';
import { showConnectionLog } from '../app/log-actions';

const bracket = (host: string) => (host.includes(':') ? `[${host}]` : host);

function describe(t: TunnelView): string {
  const port = t.boundPort ?? t.spec.bindPort;
  const bind = `${bracket(t.spec.bindHost || '*')}:${port}`;
  if (t.spec.kind === 'dynamic') return `SOCKS on ${bind}`;
  const dest = `${bracket(t.spec.destHost)}:${t.spec.destPort}`;
  return t.spec.kind === 'local' ? `${bind} → ${dest}` : `server ${bind} → ${dest}`;
}

const kindTag = { local: 'L', remote: 'R', dynamic: 'D' } as const;

/** Every forward of every host: a switch, its state, the connection it rides on and live traffic. */
export function TunnelsPanel() {
  const tunnels = useStore((s) => s.tunnels);
  const hosts = useStore((s) => s.tree.hosts);
  const setOpen = useStore((s) => s.setTunnelsOpen);
  const showDialog = useStore((s) => s.showDialog);
  const [form, setForm] = useState<{ editing: TunnelView | null } | null>(null);
  const hostName = (id: string) => hosts.find((h) => h.id === id)?.name ?? '?';
  const rows = Object.values(tunnels).sort((a, b) => hostName(a.hostId).localeCompare(hostName(b.hostId)) || a.name.localeCompare(b.name));

  return (
    <section className="tunnels-panel" aria-label="Tunnels">
      <header className="tunnels-head">
        <strong>Tunnels</strong>
        <button onClick={() => setForm({ editing: null })} disabled={hosts.length === 0} title={hosts.length === 0 ? 'Add a host first' : undefined}>
          New forward
        </button>
        <button className="tunnels-close" aria-label="Close tunnels" onClick={() => setOpen(false)}>
          ✕
        </button>
      </header>
      {rows.length === 0 ? (
        <p className="muted tunnels-empty">No forwards yet. “New forward” adds a local (-L), remote (-R) or SOCKS (-D) forward to a saved host.</p>
      ) : (
        <table className="tunnels-table">
          <thead>
            <tr>
              <th>On</th>
              <th>Name</th>
              <th>Forward</th>
              <th>State</th>
              <th>Connections</th>
              <th>Traffic</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((t) => {
              const busy = t.state === 'connecting';
              const on = t.state === 'on' || busy;
              return (
                <tr key={tunnelKey(t)} aria-label={`Forward ${t.name}`} data-state={t.state}>
                  <td>
                    <input type="checkbox" role="switch" aria-label={`Switch ${t.name}`} checked={on} onChange={(e) => void toggleTunnel(t.hostId, t.forwardId, e.target.checked)} />
                  </td>
                  <td>
                    <span className={`kind-tag kind-${t.spec.kind}`}>{kindTag[t.spec.kind]}</span> {t.name}
                    <div className="muted">{hostName(t.hostId)}</div>
                  </td>
                  <td>
                    {describe(t)}
                    {t.state === 'on' && <div className="muted">via {t.via}</div>}
                  </td>
                  <td className={`tunnel-state state-${t.state}`}>
                    <span className="tunnel-state-label">{t.state}</span>
                    {t.lastError && <div className="form-error tunnel-error">{t.lastError}</div>}
                  </td>
                  <td className="tunnel-connections">
                    {t.open} open · {t.total} total{t.failed > 0 ? ` · ${t.failed} failed` : ''}
                  </td>
                  <td className="tunnel-traffic">
                    ↑ {formatSize(t.bytesOut)} ↓ {formatSize(t.bytesIn)}
                    {t.state === 'on' && (
                      <div className="muted">
                        {formatSize(Math.round(t.rateOut))}/s ↑ {formatSize(Math.round(t.rateIn))}/s ↓
                      </div>
                    )}
                  </td>
                  <td className="tunnel-actions">
                    <button aria-label={`Log of ${t.name}`} onClick={() => showConnectionLog(`Tunnel connection log: ${hostName(t.hostId)}`, `tunnels-${t.hostId}`)}>
                      Log
                    </button>
                    <button aria-label={`Edit ${t.name}`} disabled={on} onClick={() => setForm({ editing: t })}>
                      Edit
                    </button>
                    <button
                      aria-label={`Delete ${t.name}`}
                      onClick={() =>
                        showDialog({
                          kind: 'confirm',
                          title: `Delete ${t.name}?`,
                          body: on ? 'It is on: deleting it switches it off and closes its connections.' : 'The forward is removed from this host.',
                          confirmLabel: 'Delete',
                          onConfirm: () => removeTunnel(t.hostId, t.forwardId),
                        })
                      }
                    >
                      Delete
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {form && <ForwardForm hosts={hosts} editing={form.editing} onClose={() => setForm(null)} />}
    </section>
  );
}
