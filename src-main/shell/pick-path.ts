// The native dialog for each Browse… button (Open) and for Save… (Save):
// what it asks for and where it starts. main.ts passes these to
// dialog.showOpenDialog or showSaveDialog and answers the renderer with the
// chosen path only.
import path from 'node:path';
import type { PickPurpose } from '../../src-shared/contract';

export type PickDialogOptions =
  | {
      kind: 'open';
      title: string;
      buttonLabel: string;
      defaultPath: string;
      properties: Array<'openFile' | 'openDirectory' | 'createDirectory' | 'showHiddenFiles' | 'dontAddToRecent'>;
    }
  | {
      kind: 'save';
      title: string;
      buttonLabel: string;
      defaultPath: string;
      /** showOverwriteConfirmation: the dialog itself asks before an existing file is replaced (Linux; macOS and Windows always ask). */
      properties: Array<'createDirectory' | 'showHiddenFiles' | 'showOverwriteConfirmation' | 'dontAddToRecent'>;
    };

export function pickDialogOptions(purpose: PickPurpose, home: string): PickDialogOptions {
  const ssh = path.join(home, '.ssh');
  switch (purpose) {
    case 'key-file':
      // Private keys have no common extension (public ones end in .pub), and ~/.ssh is hidden: no filters, hidden files shown.
      return { kind: 'open', title: 'Choose a key file', buttonLabel: 'Use key', defaultPath: ssh, properties: ['openFile', 'showHiddenFiles', 'dontAddToRecent'] };
    case 'import-file':
      return { kind: 'open', title: 'Choose an OpenSSH config file', buttonLabel: 'Import', defaultPath: path.join(ssh, 'config'), properties: ['openFile', 'showHiddenFiles'] };
    case 'download-folder':
      return { kind: 'open', title: 'Choose a folder', buttonLabel: 'Choose folder', defaultPath: home, properties: ['openDirectory', 'createDirectory'] };
    case 'ssh-config-save':
      // Not ~/.ssh/config itself: a file of its own, for `ssh -F` or an Include line.
      return { kind: 'save', title: 'Save the ssh config as', buttonLabel: 'Save', defaultPath: path.join(ssh, 'warren.conf'), properties: ['createDirectory', 'showHiddenFiles', 'showOverwriteConfirmation'] };
  }
}

/** The Save dialog's answer: the path (the dialog has confirmed replacing it if it exists), or null when cancelled. */
export function savedPath(result: { canceled: boolean; filePath?: string }): string | null {
  return result.canceled || !result.filePath ? null : result.filePath;
}

/** The dialog's answer as the contract returns it: one path, or null when cancelled. */
export function chosenPath(result: { canceled: boolean; filePaths: string[] }): string | null {
  return result.canceled ? null : (result.filePaths[0] ?? null);
}
