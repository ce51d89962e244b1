// The one thing every service needs to persist: a key-value store backed by
// the settings file (conf, in the app, tests and the e2e bridge alike). A leaf on purpose: the settings file's schema (src-main/settings)
// is built from the schemas of the features that store things (hosts,
// transfers), so those features must reach the store without going through it.
import { saveError } from './atomic-file';

export interface SettingsStore {
  get(key: string): unknown;
  /** Writes the whole file with the key changed, or throws a saveError and leaves file and value as they were. */
  set(key: string, value: unknown): void;
  delete(key: string): void;
  readonly path: string;
}

/**
 * conf and electron-store as a SettingsStore. Both read the file on every
 * `get` and write it atomically on every `set`, so a write that throws leaves
 * nothing changed; this only turns the throw into "Warren could not save: …"
 * instead of an internal error.
 */
export function savingStore(store: { get(key: string): unknown; set(key: string, value: unknown): void; delete(key: string): void; path: string }): SettingsStore {
  const guarded = (write: () => void) => {
    try {
      write();
    } catch (error) {
      throw saveError(error, store.path);
    }
  };
  return {
    get: (key) => store.get(key),
    set: (key, value) => guarded(() => store.set(key, value)),
    delete: (key) => guarded(() => store.delete(key)),
    path: store.path,
  };
}
