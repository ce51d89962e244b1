// Persistence behind a small interface: electron-store in the app, conf (the
// library electron-store is built on, without the electron import) in tests
// and the e2e bridge. Both write the same JSON file format, 0600, in a folder
// shell/data-folder.ts makes owner-only first.
import { existsSync, readFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import { savingStore, type SettingsStore } from '../storage/store';

export type { SettingsStore };

export const SETTINGS_NAME = 'settings';

/**
 * A settings file that is not valid JSON is renamed aside (never deleted: it
 * may hold the user's only copy of their hosts) so the app can still start.
 * Returns a notice for the user, or null when the file was fine or absent.
 */
export function quarantineCorruptFile(file: string, now = new Date()): string | null {
  if (!existsSync(file)) return null;
  const text = readFileSync(file, 'utf8');
  try {
    const value: unknown = JSON.parse(text);
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return null;
  } catch {
    // fall through: unparseable
  }
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const aside = path.join(path.dirname(file), `${path.basename(file, '.json')}.corrupt-${stamp}.json`);
  renameSync(file, aside);
  return `Your settings file could not be read and was moved aside to ${aside}. Warren started with empty settings; your old file is kept there.`;
}

/** Opens (or creates) settings.json in `dir` with conf. */
export function openConfStore(dir: string): { store: SettingsStore; notices: string[] } {
  const file = path.join(dir, `${SETTINGS_NAME}.json`);
  const notice = quarantineCorruptFile(file);
  // 0600: host names, users, key paths and the transfer journal are nobody else's business.
  const conf = new Conf<Record<string, unknown>>({ cwd: dir, configName: SETTINGS_NAME, projectName: 'warren', configFileMode: 0o600 });
  return {
    store: savingStore({ get: (key) => conf.get(key), set: (key, value) => conf.set(key, value), delete: (key) => conf.delete(key), path: conf.path }),
    notices: notice ? [notice] : [],
  };
}
