// How a tab's terminals share its area: a binary tree of splits whose leaves
// are panes. Pure functions; the store keeps one tree per tab with panes.
// Fractions of the tab's area, not pixels, so a window resize needs nothing.

export type SplitDirection = 'right' | 'down';

export type PaneLayout =
  | { pane: string }
  /** 'right': first | second side by side; 'down': first above second. `ratio` is first's share. */
  | { split: SplitDirection; ratio: number; first: PaneLayout; second: PaneLayout };

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface PaneRect extends Box {
  paneId: string;
}

/** A divider between two halves of the split at `path` ('' is the root, then '0'/'1' per level). */
export interface Divider {
  path: string;
  split: SplitDirection;
  /** The split's whole box: dragging maps the pointer into it. */
  box: Box;
  ratio: number;
}

export type FocusDirection = 'left' | 'right' | 'up' | 'down';

const MIN_RATIO = 0.1;
const MAX_RATIO = 0.9;

export function clampRatio(ratio: number): number {
  return Math.min(MAX_RATIO, Math.max(MIN_RATIO, ratio));
}

/** The pane becomes two: itself first (left or above), the new pane second. */
export function splitPane(layout: PaneLayout, paneId: string, split: SplitDirection, newPaneId: string): PaneLayout {
  if ('pane' in layout) return layout.pane === paneId ? { split, ratio: 0.5, first: layout, second: { pane: newPaneId } } : layout;
  return { ...layout, first: splitPane(layout.first, paneId, split, newPaneId), second: splitPane(layout.second, paneId, split, newPaneId) };
}

/** The layout without the pane: its sibling takes the whole of their split. Null when it was the last pane. */
export function removePane(layout: PaneLayout, paneId: string): PaneLayout | null {
  if ('pane' in layout) return layout.pane === paneId ? null : layout;
  const first = removePane(layout.first, paneId);
  const second = removePane(layout.second, paneId);
  if (!first) return second;
  if (!second) return first;
  return first === layout.first && second === layout.second ? layout : { ...layout, first, second };
}

export function paneIds(layout: PaneLayout): string[] {
  return 'pane' in layout ? [layout.pane] : [...paneIds(layout.first), ...paneIds(layout.second)];
}

function halves(box: Box, split: SplitDirection, ratio: number): [Box, Box] {
  if (split === 'right') {
    const w = box.w * ratio;
    return [{ ...box, w }, { ...box, x: box.x + w, w: box.w - w }];
  }
  const h = box.h * ratio;
  return [{ ...box, h }, { ...box, y: box.y + h, h: box.h - h }];
}

const whole: Box = { x: 0, y: 0, w: 1, h: 1 };

export function paneRects(layout: PaneLayout, box: Box = whole): PaneRect[] {
  if ('pane' in layout) return [{ paneId: layout.pane, ...box }];
  const [a, b] = halves(box, layout.split, layout.ratio);
  return [...paneRects(layout.first, a), ...paneRects(layout.second, b)];
}

export function dividers(layout: PaneLayout, box: Box = whole, path = ''): Divider[] {
  if ('pane' in layout) return [];
  const [a, b] = halves(box, layout.split, layout.ratio);
  return [{ path, split: layout.split, box, ratio: layout.ratio }, ...dividers(layout.first, a, `${path}0`), ...dividers(layout.second, b, `${path}1`)];
}

export function setRatio(layout: PaneLayout, path: string, ratio: number): PaneLayout {
  if ('pane' in layout) return layout;
  if (path === '') return { ...layout, ratio: clampRatio(ratio) };
  const [step, rest] = [path[0], path.slice(1)];
  return step === '0' ? { ...layout, first: setRatio(layout.first, rest, ratio) } : { ...layout, second: setRatio(layout.second, rest, ratio) };
}

/** Where a pointer at (x, y) (fractions of the tab's area) puts the divider of a split with this box. */
export function ratioAt(divider: Divider, x: number, y: number): number {
  const { box } = divider;
  return clampRatio(divider.split === 'right' ? (x - box.x) / box.w : (y - box.y) / box.h);
}

const EPSILON = 1e-6;

function overlap(a0: number, a1: number, b0: number, b1: number): number {
  return Math.min(a1, b1) - Math.max(a0, b0);
}

/**
 * The pane next to `paneId` in a direction: among the panes that touch its
 * edge on that side, the one sharing the most of that edge.
 */
export function neighbour(layout: PaneLayout, paneId: string, direction: FocusDirection): string | null {
  const rects = paneRects(layout);
  const from = rects.find((r) => r.paneId === paneId);
  if (!from) return null;
  let best: { paneId: string; shared: number } | null = null;
  for (const r of rects) {
    if (r.paneId === paneId) continue;
    let touches: boolean;
    let shared: number;
    if (direction === 'left' || direction === 'right') {
      touches = direction === 'right' ? Math.abs(r.x - (from.x + from.w)) < EPSILON : Math.abs(r.x + r.w - from.x) < EPSILON;
      shared = overlap(from.y, from.y + from.h, r.y, r.y + r.h);
    } else {
      touches = direction === 'down' ? Math.abs(r.y - (from.y + from.h)) < EPSILON : Math.abs(r.y + r.h - from.y) < EPSILON;
      shared = overlap(from.x, from.x + from.w, r.x, r.x + r.w);
    }
    if (touches && shared > EPSILON && (!best || shared > best.shared)) best = { paneId: r.paneId, shared };
  }
  return best?.paneId ?? null;
}

/**
 * Moves the divider nearest to `paneId` across the arrow's axis (the deepest
 * split on that axis holding the pane) by `by`, a fraction of the tab, in the
 * arrow's direction. Null when no split on that axis holds the pane.
 */
export function nudge(layout: PaneLayout, paneId: string, direction: FocusDirection, by: number): PaneLayout | null {
  const axis: SplitDirection = direction === 'left' || direction === 'right' ? 'right' : 'down';
  const holding = dividers(layout).filter((d) => d.split === axis && paneRects(layout).some((r) => r.paneId === paneId && inside(r, d.box)));
  // The deepest split has the longest path.
  const nearest = holding.sort((a, b) => b.path.length - a.path.length)[0];
  if (!nearest) return null;
  const size = axis === 'right' ? nearest.box.w : nearest.box.h;
  const sign = direction === 'right' || direction === 'down' ? 1 : -1;
  return setRatio(layout, nearest.path, nearest.ratio + (sign * by) / size);
}

function inside(r: Box, box: Box): boolean {
  return r.x >= box.x - EPSILON && r.y >= box.y - EPSILON && r.x + r.w <= box.x + box.w + EPSILON && r.y + r.h <= box.y + box.h + EPSILON;
}
