import * as Switch from '@radix-ui/react-switch';
import { ArrowDown, ArrowUp, Pencil, Rocket, ScrollText, Trash2, Zap } from 'lucide-react';
import type { TunnelView } from '../../src-shared/contract';
import { useStore } from '../store/store';
import { formatSize } from '../files/file-pane-model';
import { showConnectionLog } from '../app/log-actions';
import { removeTunnel, toggleTunnel } from './tunnel-actions';
import { adviceFor, describeRoute, rateText, stateLabels } from './forward-card-model';

const kindTag = { local: 'L', remote: 'R', dynamic: 'D' } as const;
const kindName = { local: 'Local forward', remote: 'Remote forward', dynamic: 'SOCKS proxy' } as const;

/** One forward: a switch, where it listens and goes, its state, live rates and totals, and its last error. */
export function ForwardCard({ t, hostName, onEdit }: { t: TunnelView; hostName: string; onEdit(): void }) {
  const showDialog = useStore((s) => s.showDialog);
  // The switch shows what the user asked for: on while starting, so a second click cancels the start.
  const on = t.state === 'on' || t.state === 'connecting';
  const running = t.state === 'on';
  const failedToRun = t.state === 'error';
  const advice = failedToRun && t.lastError ? adviceFor(t.lastError) : null;

  return (
    <li className="forward-card" aria-label={`Forward ${t.name}`} data-state={t.state}>
      <div className="forward-head">
        <span className={`kind-tag kind-${t.spec.kind}`} title={kindName[t.spec.kind]}>
          <span aria-hidden="true">{kindTag[t.spec.kind]}</span>
          <span className="tunnel-sr-only">{kindName[t.spec.kind]}</span>
        </span>
        <strong className="forward-name" title={t.name}>
          {t.name}
        </strong>
        {t.startAtLaunch && <Rocket size={13} className="forward-flag" role="img" aria-label="Starts when Warren starts" />}
        {t.autoStart && <Zap size={13} className="forward-flag" role="img" aria-label="Starts with a terminal to the host" />}
        <Switch.Root className="switch" checked={on} aria-label={`Switch ${t.name}`} onCheckedChange={(next) => void toggleTunnel(t.hostId, t.forwardId, next)}>
          <Switch.Thumb className="switch-thumb" />
        </Switch.Root>
      </div>
      <div className="tunnel-route" title={describeRoute(t)}>
        {describeRoute(t)}
      </div>
      <div className="forward-status">
        <span className={`tunnel-state state-${t.state}`}>
          <span className="state-dot" aria-hidden="true" />
          {stateLabels[t.state]}
        </span>
        <span className="tunnel-connections">
          {t.open} open · {t.total} total{t.failed > 0 ? ` · ${t.failed} failed` : ''}
        </span>
      </div>
      {running && <div className="muted forward-via">via {t.via}</div>}
      <div className="tunnel-traffic">
        {running && (
          <span className="tunnel-rates" title="Now: in ↓, out ↑">
            <ArrowDown size={12} aria-hidden="true" /> {rateText(t.rateIn, formatSize)} <ArrowUp size={12} aria-hidden="true" /> {rateText(t.rateOut, formatSize)}
          </span>
        )}
        <span className="tunnel-totals muted">
          total ↓ {formatSize(t.bytesIn)} ↑ {formatSize(t.bytesOut)}
        </span>
      </div>
      {t.lastError && (
        <div className={failedToRun ? 'tunnel-error' : 'tunnel-warning'} role={failedToRun ? 'alert' : undefined}>
          {t.lastError}
          {advice && <div className="tunnel-advice">{advice}</div>}
        </div>
      )}
      <div className="forward-actions">
        <button className="icon-button" aria-label={`Log of ${t.name}`} title="Connection log" onClick={() => showConnectionLog(`Tunnel connection log: ${hostName}`, `tunnels-${t.hostId}`)}>
          <ScrollText size={14} aria-hidden="true" />
        </button>
        <button className="icon-button" aria-label={`Edit ${t.name}`} title={on ? 'Switch it off to edit' : 'Edit'} disabled={on} onClick={onEdit}>
          <Pencil size={14} aria-hidden="true" />
        </button>
        <button
          className="icon-button danger"
          aria-label={`Delete ${t.name}`}
          title="Delete"
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
          <Trash2 size={14} aria-hidden="true" />
        </button>
      </div>
    </li>
  );
}
