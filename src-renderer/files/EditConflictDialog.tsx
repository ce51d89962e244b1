// The question when a save would overwrite a remote file someone else changed
// meanwhile. Shown app-wide: the user is in their editor, not necessarily on
// the file's tab. Cancel has the focus: Enter must not throw anyone's work away.
import { useStore } from '../store/store';
import { answerConflict } from './edit-actions';

export function EditConflictDialog() {
  const edit = useStore((s) => Object.values(s.edits).find((e) => e.state === 'conflict'));
  if (!edit) return null;
  const name = edit.remotePath.slice(edit.remotePath.lastIndexOf('/') + 1);
  const title = `${name} changed on the server`;
  const answer = (choice: 'overwrite' | 'reload' | 'cancel') => void answerConflict(edit.editId, choice);
  return (
    <div className="dialog-backdrop" role="presentation">
      <div role="alertdialog" aria-modal="true" aria-label={title} aria-describedby={`edit-conflict-${edit.editId}`} className="dialog confirm" onKeyDown={(e) => e.key === 'Escape' && answer('cancel')}>
        <h2>{title}</h2>
        <p id={`edit-conflict-${edit.editId}`}>
          {edit.message ?? `${name} changed on the server since you opened it.`} Overwrite it with your version, or keep the server's (your local copy is reloaded from it; your version is set aside beside it)?
        </p>
        <p className="muted">{edit.remotePath}</p>
        <div className="dialog-buttons">
          <button onClick={() => answer('cancel')} autoFocus>
            Cancel
          </button>
          <button onClick={() => answer('reload')}>Keep server's</button>
          <button className="danger" onClick={() => answer('overwrite')}>
            Overwrite
          </button>
        </div>
      </div>
    </div>
  );
}
