// "Export as ssh config…": the picked hosts as an OpenSSH config snippet, to
// read, copy, or save to a file (Save…, see ExportSave).
import { useEffect, useRef, useState } from 'react';
import type { SshConfigExportView } from '../../src-shared/contract';
import { value, warren } from '../api/warren';
import { useStore } from '../store/store';
import { ErrorLine, Working } from '../app/Progress';
import { ExportSavePanel, useExportSave } from './ExportSave';

export function ExportDialog({ title, hostIds, folderIds }: { title: string; hostIds: string[]; folderIds: string[] }) {
  const showDialog = useStore((s) => s.showDialog);
  const [result, setResult] = useState<SshConfigExportView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const text = useRef<HTMLTextAreaElement>(null);
  const save = useExportSave(hostIds, folderIds);
  useEffect(() => {
    void value(warren().hosts.exportSshConfig({ hostIds, folderIds })).then(setResult, (e: Error) => setError(e.message));
  }, [hostIds, folderIds]);

  const copy = async () => {
    if (!result) return;
    try {
      await navigator.clipboard.writeText(result.text);
      setCopied('Copied to the clipboard.');
    } catch {
      // Without clipboard access, leave the text selected for Ctrl+C.
      text.current?.select();
      setCopied('Could not reach the clipboard: the text is selected, press Ctrl+C.');
    }
  };

  const extra = result ? result.written - result.chosen : 0;
  return (
    <div className="dialog export-dialog" aria-label={title}>
      <h2>{title}</h2>
      <Working text={!result && !error ? 'Working…' : null} />
      <ErrorLine error={error} />
      {result && (
        <>
          <p className="muted">
            {result.chosen === 1 ? '1 host' : `${result.chosen} hosts`}
            {extra > 0 ? `, and ${extra === 1 ? 'the jump host' : `${extra} jump hosts`} it needs,` : ''} as ssh reads them: use with <span className="mono">ssh -F file alias</span>, or paste into
            <span className="mono"> ~/.ssh/config</span>. Passwords and passphrases are not exported.
          </p>
          <textarea ref={text} className="mono export-text" aria-label="ssh config" value={result.text} readOnly spellCheck={false} rows={Math.min(18, result.text.split('\n').length)} />
        </>
      )}
      {result && <ExportSavePanel save={save} />}
      <p className="muted" role="status">
        {copied}
      </p>
      <div className="dialog-buttons">
        <button onClick={() => void copy()} disabled={!result}>
          Copy
        </button>
        <button onClick={() => void save.saveAs()} disabled={!result || save.busy}>
          Save…
        </button>
        <button className="primary" onClick={() => showDialog(null)} autoFocus>
          Close
        </button>
      </div>
    </div>
  );
}
