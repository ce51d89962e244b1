// The app itself: version and start-up notices, settings, connection logs.
import { z } from 'zod';
import { empty, request } from './common';
import { terminalSettingsPatch, type TerminalSettings } from '../terminal-settings';
import { loggingSettingsPatch, type LoggingSettings } from '../logging-settings';
import { appTheme, type AppThemeId } from '../app-theme';
import { desktopSettingsPatch, type DesktopSettings } from '../desktop-settings';
import { connectionSettingsPatch, type ConnectionSettings } from '../connection-settings';

export type { TerminalSettings, TerminalSettingsPatch, TerminalThemeId, CursorStyle, BellMode } from '../terminal-settings';
export type { LoggingSettings, LoggingSettingsPatch, LogFormat, RecordMode } from '../logging-settings';
export type { AppThemeId } from '../app-theme';
export type { DesktopSettings, DesktopSettingsPatch } from '../desktop-settings';
export type { ConnectionSettings, ConnectionSettingsPatch } from '../connection-settings';

export interface AppInfo {
  version: string;
  /** Things the user must be told at start-up, e.g. a settings file that was moved aside. */
  notices: string[];
  /** Whether saved passwords can be encrypted at rest on this machine. */
  canStoreSecrets: boolean;
}

export interface AppSettings {
  /** Reconnect lost terminals and file tabs by themselves, with backoff. */
  autoReconnect: boolean;
  /** How terminals look and behave; applied live to every open terminal. */
  terminal: TerminalSettings;
  /** Session logs: where they go and the Record button's format. */
  logging: LoggingSettings;
  /** The app's colours: follow the OS, or always dark / light. A terminal on the default theme follows it. */
  appTheme: AppThemeId;
  /** Tray, login item, ssh:// links, notifications: applied to the OS by the Electron shell. */
  desktop: DesktopSettings;
  /** What a new host starts with: keepalive and host-key policy. */
  connections: ConnectionSettings;
}

export interface LogLine {
  at: number;
  text: string;
}

/** What a Browse… button picks: a private key, an ssh_config to import, a folder for downloads; or where Save… writes an exported ssh_config (a Save dialog). */
export const pickPurposes = ['key-file', 'import-file', 'download-folder', 'ssh-config-save'] as const;
export type PickPurpose = (typeof pickPurposes)[number];
export type PickPathResult = { path: string | null } | { unsupported: true };

export const appRequests = {
  'app:info': request<AppInfo>()(empty),
  'settings:get': request<AppSettings>()(empty),
  'settings:set': request<AppSettings>()(z.object({ autoReconnect: z.boolean(), terminal: terminalSettingsPatch, logging: loggingSettingsPatch, appTheme, desktop: desktopSettingsPatch, connections: connectionSettingsPatch }).partial().strict()),
  /** A connection's log by the id the renderer knows: a session, a browser, or `tunnels-<hostId>`. */
  'log:get': request<LogLine[]>()(z.object({ id: z.string().min(1).max(80).regex(/^[A-Za-z0-9_-]+$/) }).strict()),
  /**
   * The OS's file picker for a Browse… button. Answers only the chosen path
   * (null: cancelled), or `unsupported` where there is no native dialog (the
   * e2e harness): the renderer then leaves the typed-path field to the user.
   */
  'app:pickPath': request<PickPathResult>()(z.object({ purpose: z.enum(pickPurposes) }).strict()),
};

/** Where an ssh:// link asks to connect: only these three parts ever leave the link. */
export interface LinkTarget {
  user?: string;
  host: string;
  port?: number;
}

export interface AppEvents {
  /** An ssh:// link was opened with Warren; the renderer asks the user before it connects. */
  'app:link-request': LinkTarget;
}
export const appEventNames = ['app:link-request'] as const satisfies ReadonlyArray<keyof AppEvents>;
