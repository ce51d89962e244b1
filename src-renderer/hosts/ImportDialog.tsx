import { useRef, useState } from 'react';
import { ErrorLine, Working } from '../app/Progress';
import type { ImportPreview } from '../../src-shared/contract';
import { value, warren } from '../api/warren';
import { useStore } from '../store/store';
import { BrowseButton } from '../ui/BrowseButton';

/** Import from an OpenSSH config: read, preview (nothing changes), then import the chosen hosts. */
export function ImportDialog() {
  const showDialog = useStore((s) => s.showDialog);
  const [file, setFile] = useState('~/.ssh/config');
  const fileField = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [chosen, setChosen] = useState<Set<string>>(new Set());

  const read = async () => {
    setBusy('Reading…');
    setError(null);
    try {
      const p = await value(warren().import.preview({ file }));
      setPreview(p);
      // A host that cannot work as configured starts unchecked; its reason is shown.
      setChosen(new Set(p.candidates.filter((c) => c.action !== 'same' && c.uncheckedReason === null).map((c) => c.alias)));
    } catch (e) {
      setPreview(null);
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };
  const apply = async () => {
    if (!preview) return;
    setBusy('Importing…');
    try {
      const result = await value(warren().import.apply({ file: preview.file, aliases: [...chosen] }));
      await useStore.getState().reloadTree();
      useStore.getState().setTunnels(await value(warren().tunnels.list({})));
      useStore.getState().addNotices([`Imported from ${preview.file}: ${result.created} new and ${result.updated} updated hosts, in the folder “${result.folderName}”.`]);
      showDialog(null);
    } catch (e) {
      setError((e as Error).message);
      setBusy(null);
    }
  };
  const toggle = (alias: string, on: boolean) => setChosen((s) => (on ? new Set([...s, alias]) : new Set([...s].filter((a) => a !== alias))));

  return (
    <div className="dialog import-dialog" aria-label="Import from ssh config">
      <h2>Import from ssh config</h2>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          void read();
        }}
      >
        <label className="grow">
          Config file
          <input ref={fileField} value={file} onChange={(e) => setFile(e.target.value)} />
        </label>
        <BrowseButton purpose="import-file" label="Choose the file to import" field={fileField} onPick={setFile} />
        <button type="submit" disabled={Boolean(busy)}>
          Read
        </button>
      </form>
      <Working text={busy} />
      <ErrorLine error={error} />
      {preview && (
        <>
          <p className="muted">
            {preview.candidates.length} hosts in {preview.file}. Nothing changes until you import.
          </p>
          <ul className="import-list" aria-label="Hosts found">
            {preview.candidates.map((c) => (
              <li key={c.alias} aria-label={`Import ${c.alias}`} data-action={c.action}>
                <label className="inline">
                  <input type="checkbox" checked={chosen.has(c.alias)} disabled={c.action === 'same'} onChange={(e) => toggle(c.alias, e.target.checked)} />{' '}
                  <strong>{c.alias}</strong> → {c.host.username}@{c.host.host}:{c.host.port}
                  <span className={`import-action action-${c.action}`}> {c.action === 'same' ? 'unchanged' : c.action === 'update' ? 'will update' : 'new'}</span>
                </label>
                <div className="muted">
                  {c.host.jumpHosts.length > 0 && `via ${c.host.jumpHosts.join(' → ')} · `}
                  {c.host.proxyCommand && `proxy command ${c.host.proxyCommand} · `}
                  {c.host.keyPath ? `key ${c.host.keyPath}` : 'no key file'} · host keys {c.host.hostKeyPolicy}
                  {c.forwards.length > 0 && ` · ${c.forwards.length} forward${c.forwards.length > 1 ? 's' : ''}`}
                  {c.host.agentForward && ' · agent forwarding'}
                </div>
                {c.uncheckedReason && <div className="import-note import-blocked">Left unchecked — {c.uncheckedReason}. Check it to import it anyway.</div>}
                <ImportNotes alias={c.alias} notes={c.notes.filter((n) => n !== c.uncheckedReason)} />
              </li>
            ))}
          </ul>
          {preview.issues.length > 0 && (
            <details open>
              <summary>{preview.issues.length === 1 ? '1 line' : `${preview.issues.length} lines`} not understood or not applied</summary>
              <ul className="import-issues" aria-label="Lines skipped">
                {preview.issues.map((i, n) => (
                  <li key={n}>
                    {i.file}:{i.line} — {i.reason}
                    {i.text && <code> {i.text.trim()}</code>}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </>
      )}
      <div className="dialog-buttons">
        <button onClick={() => showDialog(null)}>Cancel</button>
        <button className="primary" disabled={!preview || chosen.size === 0 || Boolean(busy)} onClick={() => void apply()}>
          Import {chosen.size} host{chosen.size === 1 ? '' : 's'}
        </button>
      </div>
    </div>
  );
}

/** What a host's config says that Warren does not take as written; long lists fold so the hosts stay scannable. */
function ImportNotes({ alias, notes }: { alias: string; notes: string[] }) {
  if (notes.length === 0) return null;
  const list = (
    <ul className="import-notes" aria-label={`Notes for ${alias}`}>
      {notes.map((n, i) => (
        <li key={i} className="import-note">
          ⚠ {n}
        </li>
      ))}
    </ul>
  );
  if (notes.length <= 3) return list;
  return (
    <details>
      <summary className="import-note">
        ⚠ {notes.length} options not imported as written
      </summary>
      {list}
    </details>
  );
}
