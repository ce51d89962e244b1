// The app's own colours: follow the OS, or always dark, or always light. Main
// validates `settings:set` and the stored file with this schema; the renderer
// resolves it to the `data-theme` its CSS tokens are defined for.
import { z } from 'zod';

export const appThemeIds = ['system', 'dark', 'light'] as const;
export type AppThemeId = (typeof appThemeIds)[number];

export const appTheme = z.enum(appThemeIds);
export const defaultAppTheme: AppThemeId = 'system';

/** `app.appTheme` as stored: a file from before the setting existed follows the OS. */
export const storedAppTheme = appTheme.default(defaultAppTheme);
