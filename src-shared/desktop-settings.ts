// Desktop integration settings: what Warren does with the OS around its
// window (tray, login item, ssh:// links, notifications). Main validates
// `settings:set` and the settings file with these schemas; the shell applies
// them to the OS (src-main/shell/desktop-effects.ts).
import { z } from 'zod';

export interface DesktopSettings {
  /** Closing the window leaves Warren (and its tunnels) running in the tray. */
  keepInTray: boolean;
  /** The OS starts Warren when the user logs in. */
  startAtLogin: boolean;
  /** Warren registers as the handler of ssh:// links. Off by default: a link from a web page must not reach Warren unless the user asked for it. */
  openSshLinks: boolean;
  /** A desktop notification when a forward drops or comes back. */
  notifyForwards: boolean;
}

export const defaultDesktopSettings: Readonly<DesktopSettings> = { keepInTray: false, startAtLogin: false, openSshLinks: false, notifyForwards: false };

/** What `settings:set` takes under `desktop`: any of the switches. */
export const desktopSettingsPatch = z
  .object({ keepInTray: z.boolean(), startAtLogin: z.boolean(), openSshLinks: z.boolean(), notifyForwards: z.boolean() })
  .partial()
  .strict();
export type DesktopSettingsPatch = z.output<typeof desktopSettingsPatch>;

/** `app.desktop` as stored: a file from before these settings existed reads as the defaults. */
export const storedDesktopSettings = z
  .object({
    keepInTray: z.boolean().default(false),
    startAtLogin: z.boolean().default(false),
    openSshLinks: z.boolean().default(false),
    notifyForwards: z.boolean().default(false),
  })
  .default(() => ({ ...defaultDesktopSettings })) satisfies z.ZodType<DesktopSettings>;
