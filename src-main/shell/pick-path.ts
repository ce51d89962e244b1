// The native Open dialog for each Browse… button: what it asks for and where
// it starts. main.ts passes these to dialog.showOpenDialog and answers the
// renderer with the chosen path only.
import path from 'node:path';
import type { PickPurpose } from '../../src-shared/contract';

export interface PickDialogOptions {
  title: string;
  buttonLabel: string;
  defaultPath: string;
  properties: Array<'openFile' | 'openDirectory' | 'createDirectory' | 'showHiddenFiles' | 'dontAddToRecent'>;
}

export function pickDialogOptions(purpose: PickPurpose, home: string): PickDialogOptions {
  const ssh = path.join(home, '.ssh');
  switch (purpose) {
    case 'key-file':
      // Private keys have no common extension (public ones end in .pub), and ~/.ssh is hidden: no filters, hidden files shown.
      return { title: 'Choose a key file', buttonLabel: 'Use key', defaultPath: ssh, properties: ['openFile', 'showHiddenFiles', 'dontAddToRecent'] };
    case 'import-file':
      return { title: 'Choose an OpenSSH config file', buttonLabel: 'Import', defaultPath: path.join(ssh, 'config'), properties: ['openFile', 'showHiddenFiles'] };
    case 'download-folder':
      return { title: 'Choose a folder', buttonLabel: 'Choose folder', defaultPath: home, properties: ['openDirectory', 'createDirectory'] };
  }
}

/** The dialog's answer as the contract returns it: one path, or null when cancelled. */
export function chosenPath(result: { canceled: boolean; filePaths: string[] }): string | null {
  return result.canceled ? null : (result.filePaths[0] ?? null);
}
