import { useEffect } from 'react';
import { useStore } from '../store/store';
import { HostForm } from '../hosts/HostForm';
import { LogDialog } from './LogDialog';
import { ImportDialog } from '../hosts/ImportDialog';
import { ExportDialog } from '../hosts/ExportDialog';
import { KeysDialog } from '../hosts/KeysDialog';
import { SnippetPicker } from '../snippets/SnippetPicker';
import { SnippetForm } from '../snippets/SnippetForm';
import { PlaceholderDialog } from '../snippets/PlaceholderDialog';
import { SettingsDialog } from './SettingsDialog';
import { dialogTitle } from './dialog-title';
import { CommandPalette } from '../palette/CommandPalette';

export function Dialogs() {
  const dialog = useStore((s) => s.dialog);
  const showDialog = useStore((s) => s.showDialog);
  useEffect(() => {
    if (!dialog) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && showDialog(null);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dialog, showDialog]);
  if (!dialog) return null;
  return (
    <div className="dialog-backdrop" role="presentation">
      <div role="dialog" aria-modal="true" aria-label={dialogTitle(dialog)}>
        {dialog.kind === 'host-form' ? (
          <HostForm key={dialog.host?.id ?? 'new'} host={dialog.host} folderId={dialog.folderId} prefill={dialog.prefill} onSaved={dialog.onSaved} />
        ) : dialog.kind === 'palette' ? (
          <CommandPalette />
        ) : dialog.kind === 'keys' ? (
          <KeysDialog />
        ) : dialog.kind === 'import' ? (
          <ImportDialog />
        ) : dialog.kind === 'export-ssh-config' ? (
          <ExportDialog title={dialog.title} hostIds={dialog.hostIds} folderIds={dialog.folderIds} />
        ) : dialog.kind === 'snippets' ? (
          <SnippetPicker />
        ) : dialog.kind === 'snippet-form' ? (
          <SnippetForm key={dialog.snippet?.id ?? 'new'} snippet={dialog.snippet} />
        ) : dialog.kind === 'snippet-fill' ? (
          <PlaceholderDialog key={dialog.snippet.id} snippet={dialog.snippet} names={dialog.names} />
        ) : dialog.kind === 'settings' ? (
          <SettingsDialog />
        ) : dialog.kind === 'log' ? (
          <LogDialog title={dialog.title} load={dialog.load} />
        ) : (
          <div className="dialog confirm" aria-label={dialog.title}>
            <h2>{dialog.title}</h2>
            <p>{dialog.body}</p>
            <div className="dialog-buttons">
              <button onClick={() => showDialog(null)} autoFocus>
                Cancel
              </button>
              <button
                className="danger"
                onClick={() => {
                  showDialog(null);
                  void dialog.onConfirm();
                }}
              >
                {dialog.confirmLabel}
              </button>
            </div>
          </div>
        )}
      </div>
    </div>
  );
}
