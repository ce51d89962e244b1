// Where session logs go: the folder the user chose (`~` expanded), or by
// default a "Warren logs" folder in Documents, where people look for files
// they made; without a Documents folder (servers, minimal desktops), the
// data folder's logs/.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

export interface LogFolderContext {
  home: string;
  dataDir: string;
}

export function logFolder(setting: string | null, { home, dataDir }: LogFolderContext): string {
  if (setting !== null) return path.resolve(setting === '~' || /^~[\\/]/.test(setting) ? path.join(home, setting.slice(1)) : setting);
  const documents = path.join(home, 'Documents');
  return isFolder(documents) ? path.join(documents, 'Warren logs') : path.join(dataDir, 'logs');
}

function isFolder(p: string): boolean {
  return existsSync(p) && statSync(p, { throwIfNoEntry: false })?.isDirectory() === true;
}
