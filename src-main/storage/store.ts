// The one thing every service needs to persist: a key-value store backed by
// the settings file (electron-store in the app, conf in tests and the e2e
// bridge). A leaf on purpose: the settings file's schema (src-main/settings)
// is built from the schemas of the features that store things (hosts,
// transfers), so those features must reach the store without going through it.
export interface SettingsStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  readonly path: string;
}
