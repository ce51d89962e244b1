// Session logs: the formats, the per-host choice, and the app-wide settings
// (where logs go, which format the Record button starts with). Main validates
// `settings:set`, the settings file and host saves with these schemas.
import { z } from 'zod';

/** `text`: escapes stripped, lines as the user saw them. `raw`: every byte as the server sent it. */
export const logFormats = ['text', 'raw'] as const;
export type LogFormat = (typeof logFormats)[number];
export const logFormat = z.enum(logFormats);

/** A host's "Record sessions" option: off, or the format its terminals record in from the moment they connect. */
export const recordModes = ['off', ...logFormats] as const;
export type RecordMode = (typeof recordModes)[number];
export const recordMode = z.enum(recordModes);

/**
 * A folder typed by the user: absolute (`/…`, `C:\…`, `\\server\…`) or under
 * the home folder (`~/…`). A relative path would depend on where Warren was
 * started, so it is refused.
 */
export const logFolder = z
  .string()
  .trim()
  .min(1)
  .max(4096)
  .regex(/^(~(?:[\\/]|$)|\/|[A-Za-z]:[\\/]|\\\\)/, 'must be a full path (starting with /, ~/ or a drive letter)')
  .refine((folder) => !folder.includes('\0'), 'must not contain a NUL character');

export interface LoggingSettings {
  /** null: the default folder (Documents/Warren logs, or the data folder's logs). */
  folder: string | null;
  format: LogFormat;
}

export const defaultLoggingSettings: Readonly<LoggingSettings> = { folder: null, format: 'text' };

/** What `settings:set` takes under `logging`: either field, checked. */
export const loggingSettingsPatch = z.object({ folder: logFolder.nullable(), format: logFormat }).partial().strict();
export type LoggingSettingsPatch = z.output<typeof loggingSettingsPatch>;

/** `app.logging` as stored: a file from before logging existed reads as the defaults. */
export const storedLoggingSettings = z
  .object({ folder: z.string().nullable().default(null), format: logFormat.default('text') })
  .default(() => ({ ...defaultLoggingSettings })) satisfies z.ZodType<LoggingSettings>;
