import { useEffect, useRef, useState, type FormEvent } from 'react';
import { FormButtons } from '../app/FormButtons';
import { ErrorLine } from '../app/Progress';
import type { AgentStatus, ConnectionSettings, HostColor, HostKeyPolicy, HostView, RecordMode } from '../../src-shared/contract';
import { defaultConnectionSettings } from '../../src-shared/connection-settings';
import { ColourPicker } from './ColourPicker';
import { AdvancedSection, hasAdvancedSettings } from './AdvancedSection';
import { AlgorithmFields } from './AlgorithmFields';
import { IdentityFields, identityInput, identityValues } from './IdentityFields';
import { LoginFields, loginInput, loginValues } from './LoginFields';
import { SessionFields, sessionInput, sessionValues } from './SessionFields';
import type { AlgorithmSpecs } from '../../src-shared/ssh-algorithms';
import { value, warren } from '../api/warren';
import { useStore } from '../store/store';
import { BrowseButton } from '../ui/BrowseButton';

/** A new host's first values (Save host after a quick connect). */
export type HostPrefill = Partial<Pick<HostView, 'name' | 'host' | 'port' | 'username'>>;

interface Props {
  host: HostView | null;
  folderId: string | null;
  prefill?: HostPrefill | undefined;
  /** Told the saved host once the tree has it. */
  onSaved?: ((host: HostView) => void) | undefined;
}

const policies: { value: HostKeyPolicy; label: string }[] = [
  { value: 'ask', label: 'Ask me about new host keys' },
  { value: 'accept-new', label: 'Trust new keys automatically (refuse changed keys)' },
  { value: 'strict', label: 'Refuse hosts not in known_hosts' },
];

/**
 * Add or edit a saved host. Warren tries every method given here in OpenSSH's
 * order (agent, key file, keyboard-interactive, password) and asks for what
 * is missing. A typed password goes to main once and is never shown again.
 */
export function HostForm({ host, folderId, prefill, onSaved }: Props) {
  const folders = useStore((s) => s.tree.folders);
  const canStoreSecrets = useStore((s) => s.canStoreSecrets);
  const close = () => useStore.getState().showDialog(null);
  const [name, setName] = useState(host?.name ?? prefill?.name ?? '');
  const [address, setAddress] = useState(host?.host ?? prefill?.host ?? '');
  const [port, setPort] = useState(String(host?.port ?? prefill?.port ?? 22));
  const [username, setUsername] = useState(host?.username ?? prefill?.username ?? '');
  const [keyPath, setKeyPath] = useState(host ? (host.auth.keyPath ?? '') : '');
  const keyField = useRef<HTMLInputElement>(null);
  const [useAgent, setUseAgent] = useState(host?.auth.useAgent ?? true);
  const [password, setPassword] = useState('');
  const [forgetPassword, setForgetPassword] = useState(false);
  const [forgetPassphrase, setForgetPassphrase] = useState(false);
  // null (a new host until changed): the Settings default, which main fills in.
  const [policy, setPolicy] = useState<HostKeyPolicy | null>(host?.hostKeyPolicy ?? null);
  const [exitOnForwardFailure, setExitOnForwardFailure] = useState(host?.exitOnForwardFailure ?? false);
  const [jumps, setJumps] = useState((host?.jumpHosts ?? []).join(', '));
  const [proxyCommand, setProxyCommand] = useState(host?.proxyCommand ?? '');
  const [keepalive, setKeepalive] = useState<string | null>(host ? String(host.keepaliveIntervalSec) : null);
  const [keepaliveCount, setKeepaliveCount] = useState<string | null>(host ? String(host.keepaliveCountMax) : null);
  const [agentForward, setAgentForward] = useState(host?.agentForward ?? false);
  const [separateConnections, setSeparateConnections] = useState(host?.separateConnections ?? false);
  const [recordSessions, setRecordSessions] = useState<RecordMode>(host?.recordSessions ?? 'off');
  const [algorithms, setAlgorithms] = useState<AlgorithmSpecs>(host?.algorithms ?? {});
  const [identity, setIdentity] = useState(() => identityValues(host));
  const [login, setLogin] = useState(() => loginValues(host));
  const [session, setSession] = useState(() => sessionValues(host));
  const [folder, setFolder] = useState<string>(host?.folderId ?? folderId ?? '');
  const [color, setColor] = useState<HostColor | null>(host?.color ?? null);
  const [tags, setTags] = useState((host?.tags ?? []).join(', '));
  const [defaults, setDefaults] = useState<ConnectionSettings>(defaultConnectionSettings);
  // null: decided by the host (open when something in it differs from the defaults).
  const [advancedOpen, setAdvancedOpen] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [agent, setAgent] = useState<AgentStatus | null>(null);
  useEffect(() => {
    void value(warren().agent.list({})).then(setAgent, () => setAgent(null));
    void value(warren().settings.get({})).then((s) => s.connections && setDefaults(s.connections), () => {});
  }, []);
  const shownKeepalive = keepalive ?? String(defaults.keepaliveIntervalSec);
  const shownKeepaliveCount = keepaliveCount ?? String(defaults.keepaliveCountMax);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const portNumber = Number(port);
    if (!Number.isInteger(portNumber) || portNumber < 1 || portNumber > 65535) {
      setError('Port must be a whole number from 1 to 65535.');
      return;
    }
    const interval = Number(shownKeepalive);
    const count = Number(shownKeepaliveCount);
    if (!Number.isInteger(interval) || interval < 0 || interval > 3600 || !Number.isInteger(count) || count < 1 || count > 100) {
      setError('Keepalive: the interval is 0 (off) to 3600 seconds, the count 1 to 100.');
      return;
    }
    const loginOptions = loginInput(login);
    if ('error' in loginOptions) {
      setError(loginOptions.error);
      return;
    }
    const sessionOptions = sessionInput(session);
    if ('error' in sessionOptions) {
      setError(sessionOptions.error);
      return;
    }
    setSaving(true);
    try {
      const saved = await value(
        warren().hosts.save({
          ...(host ? { id: host.id } : {}),
          name: name.trim() || address.trim(),
          host: address,
          port: portNumber,
          username,
          auth: {
            keyPath: keyPath.trim() || null,
            useAgent,
            ...(password ? { password } : forgetPassword ? { password: '' } : {}),
            ...(forgetPassphrase ? { forgetPassphrase: true } : {}),
          },
          ...(policy ? { hostKeyPolicy: policy } : {}),
          folderId: folder || null,
          exitOnForwardFailure,
          jumpHosts: jumps
            .split(',')
            .map((j) => j.trim())
            .filter(Boolean),
          proxyCommand: proxyCommand.trim(),
          // Left as shown for a new host: main applies the Settings default.
          ...(keepalive !== null ? { keepaliveIntervalSec: interval } : {}),
          ...(keepaliveCount !== null ? { keepaliveCountMax: count } : {}),
          color,
          tags: tags.split(/[\s,]+/).filter(Boolean),
          agentForward,
          recordSessions,
          separateConnections,
          // Every list, so one cleared here is cleared on disk too.
          ...identityInput(identity),
          ...loginOptions,
          ...sessionOptions,
          algorithms: { hostKey: algorithms.hostKey ?? '', kex: algorithms.kex ?? '', cipher: algorithms.cipher ?? '', mac: algorithms.mac ?? '', pubkey: algorithms.pubkey ?? '' },
        }),
      );
      await useStore.getState().reloadTree();
      onSaved?.(saved);
      close();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="dialog host-form" aria-label={host ? `Edit host ${host.name}` : 'New host'} onSubmit={submit}>
      <h2>{host ? `Edit ${host.name}` : 'New host'}</h2>
      <label>
        Name
        <input value={name} onChange={(e) => setName(e.target.value)} placeholder="web-1 (defaults to the host)" autoFocus />
      </label>
      <div className="row">
        <label className="grow">
          Host
          <input value={address} onChange={(e) => setAddress(e.target.value)} placeholder="example.com or 10.0.0.5" required />
        </label>
        <label className="port">
          Port
          <input value={port} onChange={(e) => setPort(e.target.value)} inputMode="numeric" required />
        </label>
      </div>
      <label>
        User
        <input value={username} onChange={(e) => setUsername(e.target.value)} required autoComplete="off" />
      </label>
      <fieldset>
        <legend>Authentication (tried in this order)</legend>
        <label className="inline">
          <input type="checkbox" checked={useAgent} onChange={(e) => setUseAgent(e.target.checked)} /> Use keys from ssh-agent
        </label>
        {useAgent && agent && <AgentKeys status={agent} />}
        <div className="row path-row">
          <label className="grow">
            Private key file (optional)
            <input ref={keyField} value={keyPath} onChange={(e) => setKeyPath(e.target.value)} placeholder="~/.ssh/id_ed25519" />
          </label>
          <BrowseButton purpose="key-file" label="Choose a key file" field={keyField} onPick={setKeyPath} />
        </div>
        {host?.auth.hasSavedPassphrase && (
          <label className="inline">
            <input type="checkbox" checked={forgetPassphrase} onChange={(e) => setForgetPassphrase(e.target.checked)} /> Forget the saved passphrase
          </label>
        )}
        <label>
          Password (optional; asked when needed if empty)
          <input
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            disabled={!canStoreSecrets}
            placeholder={!canStoreSecrets ? 'Cannot be saved on this machine: asked when connecting' : host?.auth.hasSavedPassword ? 'Saved — leave empty to keep' : ''}
            autoComplete="new-password"
          />
        </label>
        {host?.auth.hasSavedPassword && !password && (
          <label className="inline">
            <input type="checkbox" checked={forgetPassword} onChange={(e) => setForgetPassword(e.target.checked)} /> Forget the saved password
          </label>
        )}
      </fieldset>
      <label>
        Folder
        <select value={folder} onChange={(e) => setFolder(e.target.value)}>
          <option value="">(top level)</option>
          {folders.map((f) => (
            <option key={f.id} value={f.id}>
              {f.name}
            </option>
          ))}
        </select>
      </label>
      <ColourPicker value={color} onChange={setColor} />
      <label>
        Tags (optional; the search finds them, or tag:prod)
        <input value={tags} onChange={(e) => setTags(e.target.value)} placeholder="prod, eu-west" autoComplete="off" />
      </label>
      <AdvancedSection
        open={advancedOpen ?? (host !== null && hasAdvancedSettings(host, defaults))}
        onToggle={(open) => setAdvancedOpen(open)}
      >
        <label>
          Host keys
          <select value={policy ?? defaults.hostKeyPolicy} onChange={(e) => setPolicy(e.target.value as HostKeyPolicy)}>
            {policies.map((p) => (
              <option key={p.value} value={p.value}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Jump hosts (ProxyJump, in order; optional)
          <input value={jumps} onChange={(e) => setJumps(e.target.value)} placeholder="bastion, admin@10.0.0.1:2222" />
        </label>
        <label>
          Proxy command (ProxyCommand; %h host, %p port, %r user, %n name; optional)
          <input className="mono" value={proxyCommand} onChange={(e) => setProxyCommand(e.target.value)} placeholder="ssh -W %h:%p bastion" spellCheck={false} autoComplete="off" />
        </label>
        <div className="row">
          <label className="grow">
            Keepalive every (seconds, 0 = off)
            <input aria-label="Keepalive interval" value={shownKeepalive} onChange={(e) => setKeepalive(e.target.value)} inputMode="numeric" />
          </label>
          <label className="port">
            Give up after
            <input aria-label="Keepalive count" value={shownKeepaliveCount} onChange={(e) => setKeepaliveCount(e.target.value)} inputMode="numeric" />
          </label>
        </div>
        <label className="inline">
          <input type="checkbox" checked={agentForward} onChange={(e) => setAgentForward(e.target.checked)} /> Forward my ssh-agent
        </label>
        {agentForward && <p className="muted">Anyone with root on this server can use your agent's keys while you are connected.</p>}
        <label>
          Record sessions
          <select value={recordSessions} onChange={(e) => setRecordSessions(e.target.value as RecordMode)}>
            <option value="off">Off</option>
            <option value="text">Text log, from the moment a terminal connects</option>
            <option value="raw">Raw log, from the moment a terminal connects</option>
          </select>
        </label>
        <label className="inline">
          <input type="checkbox" checked={exitOnForwardFailure} onChange={(e) => setExitOnForwardFailure(e.target.checked)} /> Stop the tunnel connection if a forward fails
        </label>
        <label className="inline">
          <input type="checkbox" checked={separateConnections} onChange={(e) => setSeparateConnections(e.target.checked)} /> Separate connections (each terminal, Files tab and tunnel logs in on its own)
        </label>
        <IdentityFields value={identity} onChange={setIdentity} />
        <LoginFields value={login} onChange={setLogin} />
        <SessionFields value={session} onChange={setSession} />
        <AlgorithmFields value={algorithms} onChange={setAlgorithms} />
      </AdvancedSection>
      <ErrorLine error={error} />
      <FormButtons onCancel={close} submit="Save" disabled={saving} />
    </form>
  );
}

function AgentKeys({ status }: { status: AgentStatus }) {
  if (!status.available) return <p className="muted agent-keys">{status.reason}</p>;
  if (status.keys.length === 0) return <p className="muted agent-keys">ssh-agent holds no keys (add one with ssh-add).</p>;
  return (
    <ul className="agent-keys" aria-label="ssh-agent keys">
      {status.keys.map((k) => (
        <li key={k.fingerprint}>
          <span className="mono">{k.fingerprint}</span> {k.comment} <span className="muted">({k.type})</span>
        </li>
      ))}
    </ul>
  );
}
