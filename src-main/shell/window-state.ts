// The main window's size and place, remembered across starts in the settings
// file (key `windowState`). A remembered place on a display that is gone, or
// moved, is pulled back onto one the user can see.
import { z } from 'zod';
import type { SettingsStore } from '../storage/store';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface WindowState {
  /** The normal (not maximized) bounds; absent on the first start. */
  bounds?: Rect;
  maximized: boolean;
}

export const WINDOW_STATE_KEY = 'windowState';
export const defaultSize = { width: 1200, height: 780 } as const;
export const minSize = { width: 640, height: 400 } as const;

const rect = z.object({ x: z.number().int(), y: z.number().int(), width: z.number().int().positive(), height: z.number().int().positive() });
const stored = z.object({ bounds: rect.optional(), maximized: z.boolean().default(false) });

/** What was saved, or the defaults when nothing (or something unreadable) was. */
export function loadWindowState(store: Pick<SettingsStore, 'get'>): WindowState {
  const parsed = stored.safeParse(store.get(WINDOW_STATE_KEY));
  return parsed.success ? parsed.data : { maximized: false };
}

export function saveWindowState(store: Pick<SettingsStore, 'set'>, state: WindowState): void {
  store.set(WINDOW_STATE_KEY, state);
}

const overlap = (a: Rect, b: Rect) =>
  Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) * Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));

/**
 * The bounds to open with: the saved ones on the display they overlap most,
 * shrunk to fit its work area and moved inside it. With no saved bounds, or
 * none overlapping any display, the default size centred on the primary one
 * (`workAreas[0]`); undefined when no display is known (Electron then places it).
 */
export function placeWindow(saved: Rect | undefined, workAreas: Rect[]): Rect | undefined {
  const primary = workAreas[0];
  if (!primary) return saved;
  const best = saved ? workAreas.map((area) => ({ area, shared: overlap(saved, area) })).sort((a, b) => b.shared - a.shared)[0] : undefined;
  if (!saved || !best || best.shared === 0) {
    const width = Math.min(defaultSize.width, primary.width);
    const height = Math.min(defaultSize.height, primary.height);
    return { x: primary.x + Math.round((primary.width - width) / 2), y: primary.y + Math.round((primary.height - height) / 2), width, height };
  }
  const area = best.area;
  const width = Math.min(Math.max(saved.width, minSize.width), area.width);
  const height = Math.min(Math.max(saved.height, minSize.height), area.height);
  const x = Math.min(Math.max(saved.x, area.x), area.x + area.width - width);
  const y = Math.min(Math.max(saved.y, area.y), area.y + area.height - height);
  return { x, y, width, height };
}
