// Settings → Connections (below "Reconnect automatically"): what a new host
// starts with, and the known_hosts files the host-key check uses. Each change
// is saved at once; main validates it and answers what it saved.
import { useEffect, useState } from 'react';
import type { ConnectionSettings, ConnectionSettingsPatch, HostKeyPolicy, KnownHostsView } from '../../src-shared/contract';
import { value, warren } from '../api/warren';

const policyLabels: Record<HostKeyPolicy, string> = {
  ask: 'Ask me about new host keys',
  'accept-new': 'Trust new keys automatically (refuse changed keys)',
  strict: 'Refuse hosts not in known_hosts',
};

/** A whole number in [min, max], saved on Enter or when the field loses focus; out of range it says so and saves nothing. */
function WholeNumberField(props: { label: string; value: number; min: number; max: number; onCommit(n: number): void }) {
  const [draft, setDraft] = useState(String(props.value));
  useEffect(() => setDraft(String(props.value)), [props.value]);
  const n = Number(draft);
  const valid = draft.trim() !== '' && Number.isInteger(n) && n >= props.min && n <= props.max;
  const commit = () => valid && n !== props.value && props.onCommit(n);
  return (
    <label className="grow">
      {props.label}
      <input type="number" inputMode="numeric" min={props.min} max={props.max} step={1} value={draft} aria-invalid={!valid} onChange={(e) => setDraft(e.target.value)} onBlur={commit} onKeyDown={(e) => e.key === 'Enter' && commit()} />
      {!valid && <span className="form-error">{`A whole number from ${props.min} to ${props.max}.`}</span>}
    </label>
  );
}

export function ConnectionDefaults() {
  const [defaults, setDefaults] = useState<ConnectionSettings | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void value(warren().settings.get({})).then((s) => setDefaults(s.connections), (e: Error) => setError(e.message));
  }, []);
  const change = async (patch: ConnectionSettingsPatch) => {
    const before = defaults;
    if (before) setDefaults({ ...before, ...patch });
    try {
      setDefaults((await value(warren().settings.set({ connections: patch }))).connections);
      setError(null);
    } catch (e) {
      if (before) setDefaults(before);
      setError((e as Error).message);
    }
  };
  if (!defaults) return error ? <p className="form-error">{error}</p> : null;
  return (
    <div className="connection-defaults" role="group" aria-label="Defaults for new hosts">
      <p className="muted settings-hint">For new hosts (each host can change them under Advanced):</p>
      <div className="row">
        <WholeNumberField label="Keepalive every (seconds, 0 = off)" value={defaults.keepaliveIntervalSec} min={0} max={3600} onCommit={(keepaliveIntervalSec) => void change({ keepaliveIntervalSec })} />
        <WholeNumberField label="Give up after (unanswered keepalives)" value={defaults.keepaliveCountMax} min={1} max={100} onCommit={(keepaliveCountMax) => void change({ keepaliveCountMax })} />
      </div>
      <label>
        Host keys of new hosts
        <select value={defaults.hostKeyPolicy} onChange={(e) => void change({ hostKeyPolicy: e.target.value as HostKeyPolicy })}>
          {(Object.keys(policyLabels) as HostKeyPolicy[]).map((p) => (
            <option key={p} value={p}>
              {policyLabels[p]}
            </option>
          ))}
        </select>
      </label>
      {error && <p className="form-error">{error}</p>}
    </div>
  );
}

/** Settings → Known hosts: the files read for trust, Warren's own file, and whether names it adds are hashed. */
export function KnownHostsSettingsSection() {
  const [view, setView] = useState<KnownHostsView | null>(null);
  const [files, setFiles] = useState('');
  const [error, setError] = useState<string | null>(null);
  const take = (v: KnownHostsView) => {
    setView(v);
    setFiles(v.readFiles.join('\n'));
    setError(null);
  };
  useEffect(() => {
    void value(warren().knownHosts.settings({})).then(take, (e: Error) => setError(e.message));
  }, []);
  const change = async (patch: { readFiles?: string[]; hash?: boolean }) => {
    const before = view;
    // Shown at once (a checkbox that waits for main looks broken), put back if main refuses.
    if (before && patch.hash !== undefined) setView({ ...before, hash: patch.hash });
    try {
      take(await value(warren().knownHosts.setSettings(patch)));
    } catch (e) {
      if (before) setView(before);
      setError((e as Error).message);
    }
  };
  if (!view) return error ? <p className="form-error">{error}</p> : null;
  const typedFiles = () => files.split('\n').map((f) => f.trim()).filter(Boolean);
  return (
    <>
      {view.fixed && <p className="muted settings-hint">These files were set when Warren was started (for tests), so they cannot be changed here.</p>}
      <label>
        Files read for trust decisions (one per line, as OpenSSH's UserKnownHostsFile)
        <textarea
          className="known-hosts-files"
          rows={3}
          spellCheck={false}
          value={files}
          disabled={view.fixed}
          onChange={(e) => setFiles(e.target.value)}
          onBlur={() => typedFiles().join('\n') !== view.readFiles.join('\n') && void change({ readFiles: typedFiles() })}
        />
      </label>
      <label>
        Warren saves new host keys in
        <input value={view.ownFile} readOnly aria-readonly="true" spellCheck={false} />
      </label>
      <label className="inline">
        <input type="checkbox" checked={view.hash} onChange={(e) => void change({ hash: e.target.checked })} /> Hash host names in the entries Warren adds (HashKnownHosts)
      </label>
      {error && <p className="form-error">{error}</p>}
    </>
  );
}
