import { useState } from 'react';
import { HostSelect } from '../hosts/HostSelect';
import { FormButtons } from '../app/FormButtons';
import { ErrorLine } from '../app/Progress';
import type { ForwardInput, HostView, TunnelView } from '../../src-shared/contract';
import { saveTunnel } from './tunnel-actions';

type Kind = ForwardInput['kind'];

const kindLabels: Record<Kind, string> = {
  local: 'Local (-L): a port here reaches a host the server can see',
  remote: 'Remote (-R): a port on the server reaches a host here',
  dynamic: 'Dynamic (-D): a SOCKS proxy here, connecting out from the server',
};

const defaultBind: Record<Kind, string> = { local: '127.0.0.1', remote: 'localhost', dynamic: '127.0.0.1' };
/** A host with GatewayPorts on: its local and SOCKS forwards listen on every interface unless an address is chosen (as ssh does). */
const gatewayBind: Record<Kind, string> = { ...defaultBind, local: '*', dynamic: '*' };

/** Adds or edits one forward of a host. */
export function ForwardForm({ hosts, editing, hostId: preset = null, onClose }: { hosts: HostView[]; editing: TunnelView | null; hostId?: string | null; onClose(): void }) {
  const spec = editing?.spec;
  const [hostId, setHostId] = useState(editing?.hostId ?? preset ?? hosts[0]?.id ?? '');
  const [name, setName] = useState(editing?.name ?? '');
  const [kind, setKind] = useState<Kind>(spec?.kind ?? 'local');
  const bindDefaults = (id: string) => (hosts.find((h) => h.id === id)?.gatewayPorts ? gatewayBind : defaultBind);
  const [bindHost, setBindHost] = useState(spec?.bindHost ?? bindDefaults(hostId).local);
  const [bindPort, setBindPort] = useState(spec ? String(spec.bindPort) : '');
  const [destHost, setDestHost] = useState(spec && spec.kind !== 'dynamic' ? spec.destHost : '');
  const [destPort, setDestPort] = useState(spec && spec.kind !== 'dynamic' ? String(spec.destPort) : '');
  const [autoStart, setAutoStart] = useState(editing?.autoStart ?? false);
  const [startAtLaunch, setStartAtLaunch] = useState(editing?.startAtLaunch ?? false);
  const [error, setError] = useState<string | null>(null);

  const changeKind = (next: Kind) => {
    // Keep a bind address the user typed; swap only the default.
    if (bindHost === bindDefaults(hostId)[kind]) setBindHost(bindDefaults(hostId)[next]);
    setKind(next);
  };
  const changeHost = (next: string) => {
    if (bindHost === bindDefaults(hostId)[kind]) setBindHost(bindDefaults(next)[kind]);
    setHostId(next);
  };
  const portOf = (text: string, label: string, allowZero: boolean): number => {
    const n = Number(text);
    if (!/^\d+$/.test(text.trim()) || n > 65535 || (!allowZero && n === 0)) throw new Error(`${label} must be a number from ${allowZero ? 0 : 1} to 65535.`);
    return n;
  };
  const submit = async () => {
    try {
      const bind = { bindHost: bindHost.trim(), bindPort: portOf(bindPort, 'The listening port', kind === 'remote') };
      const built: ForwardInput = kind === 'dynamic' ? { kind, ...bind } : { kind, ...bind, destHost: destHost.trim(), destPort: portOf(destPort, 'The destination port', false) };
      if (kind !== 'dynamic' && !destHost.trim()) throw new Error('Enter the destination host.');
      const label = name.trim() || (kind === 'dynamic' ? `SOCKS ${bind.bindPort}` : `${bind.bindPort} → ${destHost.trim()}:${destPort}`);
      await saveTunnel({ hostId, ...(editing ? { forwardId: editing.forwardId } : {}), name: label, autoStart, startAtLaunch, spec: built });
      onClose();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <div className="dialog-backdrop" role="presentation">
      <form
        role="dialog"
        aria-label={editing ? 'Edit forward' : 'New forward'}
        className="dialog forward-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        onKeyDown={(e) => e.key === 'Escape' && onClose()}
      >
        <h2>{editing ? 'Edit forward' : 'New forward'}</h2>
        <label>
          Host
          <HostSelect hosts={hosts} value={hostId} onChange={changeHost} disabled={Boolean(editing)} />
        </label>
        <label>
          Name
          <input autoFocus value={name} placeholder="e.g. Database" onChange={(e) => setName(e.target.value)} />
        </label>
        <fieldset>
          <legend>Kind</legend>
          {(Object.keys(kindLabels) as Kind[]).map((k) => (
            <label key={k} className="radio">
              <input type="radio" name="kind" checked={kind === k} onChange={() => changeKind(k)} /> {kindLabels[k]}
            </label>
          ))}
        </fieldset>
        <div className="form-row">
          <label>
            {kind === 'remote' ? 'Listen on (server)' : 'Listen on'}
            <input aria-label="Listen address" value={bindHost} onChange={(e) => setBindHost(e.target.value)} />
          </label>
          <label>
            Port
            <input aria-label="Listen port" inputMode="numeric" value={bindPort} placeholder={kind === 'remote' ? '0 = server picks' : ''} onChange={(e) => setBindPort(e.target.value)} />
          </label>
        </div>
        {kind === 'remote' && (bindHost === '' || bindHost === '*') && <p className="muted">All interfaces: the server's GatewayPorts setting decides whether others can reach it.</p>}
        {kind !== 'dynamic' && (
          <div className="form-row">
            <label>
              {kind === 'local' ? 'Destination (as the server sees it)' : 'Destination (from this computer)'}
              <input aria-label="Destination host" value={destHost} onChange={(e) => setDestHost(e.target.value)} />
            </label>
            <label>
              Port
              <input aria-label="Destination port" inputMode="numeric" value={destPort} onChange={(e) => setDestPort(e.target.value)} />
            </label>
          </div>
        )}
        <label className="checkbox">
          <input type="checkbox" checked={autoStart} onChange={(e) => setAutoStart(e.target.checked)} /> Start with connection (when a terminal to this host connects)
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={startAtLaunch} onChange={(e) => setStartAtLaunch(e.target.checked)} /> Start when Warren starts (no window needed)
        </label>
        <ErrorLine error={error} />
        <FormButtons onCancel={onClose} submit="Save" disabled={!hostId} />
      </form>
    </div>
  );
}
