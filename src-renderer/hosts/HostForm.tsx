import { useState, type FormEvent } from 'react';
import type { HostView } from '../../src-main/ipc/contract';
import { value, warren } from '../api/warren';
import { useStore } from '../store/store';

interface Props {
  host: HostView | null;
  folderId: string | null;
}

/** Add or edit a saved host. A typed password goes to main once and is never shown again. */
export function HostForm({ host, folderId }: Props) {
  const folders = useStore((s) => s.tree.folders);
  const canStoreSecrets = useStore((s) => s.canStoreSecrets);
  const close = () => useStore.getState().showDialog(null);
  const [name, setName] = useState(host?.name ?? '');
  const [address, setAddress] = useState(host?.host ?? '');
  const [port, setPort] = useState(String(host?.port ?? 22));
  const [username, setUsername] = useState(host?.username ?? '');
  const [authType, setAuthType] = useState<'password' | 'key'>(host?.auth.type ?? 'key');
  const [password, setPassword] = useState('');
  const [keyPath, setKeyPath] = useState(host?.auth.type === 'key' ? host.auth.keyPath : '~/.ssh/id_ed25519');
  const [folder, setFolder] = useState<string>(host?.folderId ?? folderId ?? '');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const hasSaved = host?.auth.type === 'password' && host.auth.hasSavedPassword;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const portNumber = Number(port);
    if (!Number.isInteger(portNumber) || portNumber < 1 || portNumber > 65535) {
      setError('Port must be a whole number from 1 to 65535.');
      return;
    }
    setSaving(true);
    try {
      await value(
        warren().hosts.save({
          ...(host ? { id: host.id } : {}),
          name: name.trim() || address.trim(),
          host: address,
          port: portNumber,
          username,
          auth: authType === 'key' ? { type: 'key', keyPath } : password ? { type: 'password', password } : { type: 'password' },
          folderId: folder || null,
        }),
      );
      await useStore.getState().reloadTree();
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
        <legend>Authentication</legend>
        <label className="inline">
          <input type="radio" name="auth" aria-label="Use a key file" checked={authType === 'key'} onChange={() => setAuthType('key')} /> Key file
        </label>
        <label className="inline">
          <input type="radio" name="auth" aria-label="Use a password" checked={authType === 'password'} onChange={() => setAuthType('password')} /> Password
        </label>
        {authType === 'key' ? (
          <label>
            Private key file
            <input value={keyPath} onChange={(e) => setKeyPath(e.target.value)} required />
          </label>
        ) : (
          <label>
            Password
            <input
              type="password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              disabled={!canStoreSecrets}
              placeholder={!canStoreSecrets ? 'Cannot be saved on this machine' : hasSaved ? 'Saved — leave empty to keep' : ''}
              autoComplete="new-password"
            />
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
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-buttons">
        <button type="button" onClick={close}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={saving}>
          Save
        </button>
      </div>
    </form>
  );
}
