// The accessible name of the app's modal dialog: screen readers announce it
// when the dialog opens, and axe (aria-dialog-name) requires one. It matches
// the label each dialog's own content carries. A new kind of dialog fails to
// type-check until it has a name here.
import type { Dialog } from '../store/ui-slice';

export function dialogTitle(dialog: Dialog): string {
  switch (dialog.kind) {
    case 'host-form':
      return dialog.host ? `Edit host ${dialog.host.name}` : 'New host';
    case 'confirm':
    case 'log':
    case 'export-ssh-config':
      return dialog.title;
    case 'palette':
      return 'Command palette';
    case 'import':
      return 'Import from ssh config';
    case 'snippets':
      return 'Snippets';
    case 'snippet-form':
      return dialog.snippet ? `Edit snippet ${dialog.snippet.name}` : 'New snippet';
    case 'snippet-fill':
      return `Run ${dialog.snippet.name}`;
    case 'settings':
      return 'Settings';
    case 'keys':
      return 'SSH keys';
    case 'palette':
      return 'Command palette';
  }
}
