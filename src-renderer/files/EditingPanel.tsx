// "Editing": the files of one tab open in an editor, with what happened to
// their last save, and a Stop button each.
import { FilePen, RotateCw, Square } from 'lucide-react';
import type { EditView } from '../../src-shared/contract';
import { useStore } from '../store/store';
import { retryEdit, stopEditing } from './edit-actions';

const baseName = (p: string) => p.slice(p.lastIndexOf('/') + 1);

function statusOf(e: EditView): string {
  if (e.state === 'uploading') return 'Uploading…';
  if (e.state === 'conflict') return 'Changed on the server: waiting for your answer';
  if (e.state === 'failed') return 'Upload failed';
  if (e.lastUploadAt) return `Uploaded at ${new Date(e.lastUploadAt).toLocaleTimeString()}${e.uploads > 1 ? ` (${e.uploads} saves)` : ''}`;
  return 'Open in your editor; each save is uploaded';
}

export function EditingPanel({ browserId }: { browserId: string }) {
  const edits = useStore((s) => s.edits);
  const mine = Object.values(edits).filter((e) => e.browserId === browserId);
  if (mine.length === 0) return null;
  return (
    <section className="editing-panel" aria-label="Editing">
      <header className="editing-head">
        <FilePen size={15} aria-hidden="true" />
        <strong>Editing</strong>
      </header>
      <ul className="editing-list">
        {mine.map((e) => {
          const name = baseName(e.remotePath);
          return (
            <li key={e.editId} className={`editing editing-${e.state}`} aria-label={`Editing ${name}`} data-state={e.state}>
              <span className="editing-name" title={`${e.remotePath}\nLocal copy: ${e.localPath}`}>
                {name}
              </span>
              <span className="editing-status muted" role="status">
                {statusOf(e)}
              </span>
              {e.state === 'failed' && (
                <button aria-label={`Retry uploading ${name}`} onClick={() => void retryEdit(e.editId)}>
                  <RotateCw size={14} aria-hidden="true" /> Retry
                </button>
              )}
              <button aria-label={`Stop editing ${name}`} title="Stop uploading saves of this file" onClick={() => void stopEditing(e.editId)}>
                <Square size={13} aria-hidden="true" /> Stop
              </button>
              {e.message && <span className={`editing-message${e.state === 'failed' ? ' form-error' : ' muted'}`}>{e.message}</span>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
