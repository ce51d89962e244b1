// The app itself: version and start-up notices, settings, connection logs.
import { z } from 'zod';
import { empty, request } from './common';
import { terminalSettingsPatch, type TerminalSettings } from '../terminal-settings';
import { loggingSettingsPatch, type LoggingSettings } from '../logging-settings';

export type { TerminalSettings, TerminalSettingsPatch, TerminalThemeId, CursorStyle, BellMode } from '../terminal-settings';
export type { LoggingSettings, LoggingSettingsPatch, LogFormat, RecordMode } from '../logging-settings';

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
}

export interface LogLine {
  at: number;
  text: string;
}

export const appRequests = {
  'app:info': request<AppInfo>()(empty),
  'settings:get': request<AppSettings>()(empty),
  'settings:set': request<AppSettings>()(z.object({ autoReconnect: z.boolean(), terminal: terminalSettingsPatch, logging: loggingSettingsPatch }).partial().strict()),
  /** A connection's log by the id the renderer knows: a session, a browser, or `tunnels-<hostId>`. */
  'log:get': request<LogLine[]>()(z.object({ id: z.string().min(1).max(80).regex(/^[A-Za-z0-9_-]+$/) }).strict()),
};
