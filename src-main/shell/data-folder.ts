// Warren's data folder (settings.json, hosts.json, the transfer journal, its
// own known_hosts) holds host names, users and key paths: readable by its
// owner only. Electron and conf would create it 0755 and the file 0644.
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { openConfStore, SETTINGS_NAME, type SettingsStore } from '../settings/settings-store';

export const DATA_FOLDER_MODE = 0o700;
export const SETTINGS_FILE_MODE = 0o600;

/** Creates the folder owner-only, and takes back a folder and settings file that earlier versions left open. */
export function secureDataFolder(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: DATA_FOLDER_MODE });
  if (process.platform === 'win32') return; // ACLs, not modes; the profile folder is already private
  chmodSync(dir, DATA_FOLDER_MODE);
  const settings = path.join(dir, `${SETTINGS_NAME}.json`);
  if (existsSync(settings)) chmodSync(settings, SETTINGS_FILE_MODE);
}

/**
 * The settings store main opens: the folder secured first, then settings.json
 * through `open` (electron-store in the app, written 0600 like conf's in tests).
 */
export function openDataStore(
  dir: string,
  open: (dir: string) => { store: SettingsStore; notices: string[] } = openConfStore,
): { store: SettingsStore; notices: string[] } {
  secureDataFolder(dir);
  return open(dir);
}
