// The settings file as a whole: one schema per top-level key, the file's
// format version, and the migrations that bring an older file up to it.
// Features that store something keep its schema beside their code (hosts in
// hosts-model, the transfer journal in transfer-journal); this file composes
// them, so it sits above those folders and they reach the store through
// storage/, never through here.
import { z } from 'zod';
import type { AppSettings } from '../../src-shared/contract';
import { defaultTerminalSettings, storedTerminalSettings } from '../../src-shared/terminal-settings';
import { defaultLoggingSettings, storedLoggingSettings } from '../../src-shared/logging-settings';
import { defaultAppTheme, storedAppTheme } from '../../src-shared/app-theme';
import { defaultDesktopSettings, storedDesktopSettings } from '../../src-shared/desktop-settings';
import { defaultConnectionSettings, storedConnectionSettings } from '../../src-shared/connection-settings';
import type { KnownHostsSettings } from '../host-keys/known-hosts-service';
import { storedTree } from '../hosts/hosts-model';
import { journalRecord } from '../transfers/transfer-journal';
import { storedSnippets } from '../snippets/stored-snippets';
import { storedEditorSettings } from '../edit-locally/editor-settings';

/** `app`: what the Settings page edits (`settings:get` / `settings:set`). */
export const appSettings = z
  .object({ autoReconnect: z.boolean().default(true), terminal: storedTerminalSettings, logging: storedLoggingSettings, appTheme: storedAppTheme, desktop: storedDesktopSettings, connections: storedConnectionSettings })
  .default(() => ({ autoReconnect: true, terminal: { ...defaultTerminalSettings }, logging: { ...defaultLoggingSettings }, appTheme: defaultAppTheme, desktop: { ...defaultDesktopSettings }, connections: { ...defaultConnectionSettings } })) satisfies z.ZodType<AppSettings>;

/**
 * `knownHosts`: overrides of the known_hosts files Warren reads and writes.
 * Only what the user set is stored; the rest comes from
 * defaultKnownHostsSettings, which depends on the data folder and home.
 */
export const knownHostsOverrides = z
  .object({ readFiles: z.array(z.string()), ownFile: z.string(), hash: z.boolean() })
  .partial()
  .default({}) satisfies z.ZodType<Partial<KnownHostsSettings>>;

/** `transfers`: unfinished transfers, resumable after a restart. */
export const transferJournal = z.array(journalRecord).default([]);

/**
 * The keys the settings reader checks, each with the default it falls back to
 * (the schema's output for a missing value).
 */
export const readerKeys = { app: appSettings, knownHosts: knownHostsOverrides, transfers: transferJournal, snippets: storedSnippets, editor: storedEditorSettings } as const;
export type ReaderKey = keyof typeof readerKeys;
export type ReaderValue<K extends ReaderKey> = z.output<(typeof readerKeys)[K]>;

/** The raw file, key by key, as migrations see it. */
export type SettingsSnapshot = Readonly<Record<string, unknown>>;

/**
 * `migrations[n]` turns a version-n file into a version n+1 file. Version 0 is
 * every file written before the file had a version.
 */
export const migrations: ReadonlyArray<(file: SettingsSnapshot) => SettingsSnapshot> = [
  // 0 → 1: the format of those files, unchanged; the file now says its version.
  (file) => ({ ...file, schemaVersion: 1 }),
];

export const SETTINGS_SCHEMA_VERSION = migrations.length;

/**
 * The whole file at SETTINGS_SCHEMA_VERSION. Loose: a key Warren does not know
 * (a newer version's) is kept, not stripped.
 *
 * `hosts` and `hostsSchemaVersion` are where hosts lived before they had a
 * file of their own (hosts.json, see hosts/hosts-file). HostsService moves
 * them out on the first start and removes the keys only once hosts.json holds
 * them; the reader never touches them. A tree that cannot be read stays where
 * it is and makes the hosts read-only instead of falling back to an empty
 * tree, which the next save would write over the user's hosts.
 */
export const settingsFile = z.looseObject({
  schemaVersion: z.number().int().nonnegative(),
  ...readerKeys,
  hosts: storedTree.optional(),
  hostsSchemaVersion: z.number().int().nonnegative().optional(),
  /** The window's last bounds, written by the Electron shell; shell/window-state.ts reads it leniently (a bad value only means the default size). */
  windowState: z.unknown().optional(),
});

/** Every top-level key Warren writes. */
export const settingsKeys = Object.keys(settingsFile.shape);
