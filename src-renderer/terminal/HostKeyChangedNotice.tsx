import { useState } from 'react';
import type { HostKeyChange } from '../../src-shared/contract';
import { value, warren } from '../api/warren';
import { useStore } from '../store/store';

/**
 * The hard stop after a changed host key: what was expected, what was
 * offered, where the old key is recorded, and — only on explicit request,
 * after a confirmation — a way to remove that record.
 */
export function HostKeyChangedNotice({ change }: { change: HostKeyChange }) {
  const [removed, setRemoved] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const name = change.port === 22 ? change.host : `[${change.host}]:${change.port}`;
  const askToRemove = () =>
    useStore.getState().showDialog({
      kind: 'confirm',
      title: `Remove the known key of ${name}?`,
      body: `Only do this if the server's administrator confirmed the new fingerprint ${change.newFingerprint}. Line ${change.line} of ${change.file} will be deleted; the next connection will ask you to trust the new key.`,
      confirmLabel: 'Remove old entry',
      onConfirm: async () => {
        try {
          await value(warren().knownHosts.removeEntry({ file: change.file, line: change.line, fingerprint: change.oldFingerprint }));
          setRemoved(`Removed line ${change.line} from ${change.file}. Retry to see the new key.`);
          setError(null);
        } catch (e) {
          setError((e as Error).message);
        }
      },
    });
  return (
    <div className="host-key-changed" role="alert" aria-label="Host key changed">
      <h3>Host key changed — possible attack</h3>
      <dl className="fingerprint">
        <dt>Host</dt>
        <dd>{name}</dd>
        <dt>Known key</dt>
        <dd className="mono" aria-label="Known fingerprint">
          {change.oldFingerprint}
        </dd>
        <dt>Offered now</dt>
        <dd className="mono" aria-label="Offered fingerprint">
          {change.keyType} {change.newFingerprint}
        </dd>
        <dt>Recorded in</dt>
        <dd>
          {change.file} line {change.line}
        </dd>
      </dl>
      {removed ? <p className="muted">{removed}</p> : <button onClick={askToRemove}>Remove old entry…</button>}
      {error && <p className="form-error">{error}</p>}
    </div>
  );
}
