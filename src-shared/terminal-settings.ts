// How terminals look and behave: the choices, their limits and defaults, in
// one place. Main validates `settings:set` and the stored file with these
// schemas; the renderer clamps its zoom keys and fills its sliders from the
// same limits.
import { z } from 'zod';

export const terminalThemeIds = ['system', 'dark', 'light', 'solarized-dark', 'solarized-light', 'dracula', 'nord', 'gruvbox-dark'] as const;
export type TerminalThemeId = (typeof terminalThemeIds)[number];

export const cursorStyles = ['block', 'bar', 'underline'] as const;
export type CursorStyle = (typeof cursorStyles)[number];

export const bellModes = ['off', 'visual', 'sound'] as const;
export type BellMode = (typeof bellModes)[number];

export const FONT_SIZE = { min: 8, max: 32 } as const;
export const SCROLLBACK = { min: 0, max: 200_000 } as const;
export const FONT_FAMILY_MAX = 200;

export const defaultTerminalSettings: Readonly<TerminalSettings> = {
  theme: 'system',
  fontFamily: '"DejaVu Sans Mono", "Cascadia Mono", Menlo, Consolas, monospace',
  fontSize: 14,
  cursorStyle: 'block',
  cursorBlink: true,
  scrollback: 10_000,
  copyOnSelect: false,
  rightClickPaste: false,
  bell: 'visual',
};

// The family ends up in CSS: printable text only, so a control character or a
// line break cannot smuggle in anything but a font name.
const fontFamily = z
  .string()
  .trim()
  .min(1)
  .max(FONT_FAMILY_MAX)
  .regex(/^[^\p{C};{}]+$/u, 'must be font names only (printable text, no ; { })');

/** Each field on its own, so `settings:set` can take any of them. */
export const terminalSettingsFields = {
  theme: z.enum(terminalThemeIds),
  fontFamily,
  fontSize: z.number().int().min(FONT_SIZE.min).max(FONT_SIZE.max),
  cursorStyle: z.enum(cursorStyles),
  cursorBlink: z.boolean(),
  scrollback: z.number().int().min(SCROLLBACK.min).max(SCROLLBACK.max),
  copyOnSelect: z.boolean(),
  rightClickPaste: z.boolean(),
  bell: z.enum(bellModes),
};

/** What `settings:set` takes under `terminal`: any subset, each field checked. */
export const terminalSettingsPatch = z.object(terminalSettingsFields).partial().strict();

export type TerminalSettings = z.output<z.ZodObject<typeof terminalSettingsFields>>;
export type TerminalSettingsPatch = z.output<typeof terminalSettingsPatch>;

/** A font size moved by `by` points (0 resets), kept within FONT_SIZE. */
export function zoomedFontSize(current: number, by: -1 | 0 | 1): number {
  if (by === 0) return defaultTerminalSettings.fontSize;
  return Math.min(FONT_SIZE.max, Math.max(FONT_SIZE.min, current + by));
}

const d = defaultTerminalSettings;
const f = terminalSettingsFields;

/**
 * `app.terminal` as stored: a file from before a field existed (or before
 * `terminal` did) reads that field as its default.
 */
export const storedTerminalSettings = z
  .object({
    theme: f.theme.default(d.theme),
    fontFamily: f.fontFamily.default(d.fontFamily),
    fontSize: f.fontSize.default(d.fontSize),
    cursorStyle: f.cursorStyle.default(d.cursorStyle),
    cursorBlink: f.cursorBlink.default(d.cursorBlink),
    scrollback: f.scrollback.default(d.scrollback),
    copyOnSelect: f.copyOnSelect.default(d.copyOnSelect),
    rightClickPaste: f.rightClickPaste.default(d.rightClickPaste),
    bell: f.bell.default(d.bell),
  })
  .default(() => ({ ...defaultTerminalSettings })) satisfies z.ZodType<TerminalSettings>;
