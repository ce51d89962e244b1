import { describe, expect, it } from 'vitest';
import { dividers, neighbour, nudge, paneIds, paneRects, ratioAt, removePane, setRatio, splitPane, type PaneLayout } from './pane-layout';

const one: PaneLayout = { pane: 'a' };

describe('pane layout', () => {
  it('splits a pane right and down, any depth, and lists panes in reading order', () => {
    let layout = splitPane(one, 'a', 'right', 'b');
    layout = splitPane(layout, 'b', 'down', 'c');
    layout = splitPane(layout, 'c', 'right', 'd');
    expect(paneIds(layout)).toEqual(['a', 'b', 'c', 'd']);
    const rects = Object.fromEntries(paneRects(layout).map((r) => [r.paneId, r]));
    expect(rects.a).toEqual({ paneId: 'a', x: 0, y: 0, w: 0.5, h: 1 });
    expect(rects.b).toEqual({ paneId: 'b', x: 0.5, y: 0, w: 0.5, h: 0.5 });
    expect(rects.c).toEqual({ paneId: 'c', x: 0.5, y: 0.5, w: 0.25, h: 0.5 });
    expect(rects.d).toEqual({ paneId: 'd', x: 0.75, y: 0.5, w: 0.25, h: 0.5 });
    // The rectangles tile the whole area.
    expect(paneRects(layout).reduce((sum, r) => sum + r.w * r.h, 0)).toBeCloseTo(1);
  });

  it('gives a closed pane’s space to its sibling, and the last pane leaves nothing', () => {
    let layout = splitPane(splitPane(one, 'a', 'right', 'b'), 'b', 'down', 'c');
    layout = removePane(layout, 'b')!;
    expect(paneRects(layout)).toEqual([
      { paneId: 'a', x: 0, y: 0, w: 0.5, h: 1 },
      { paneId: 'c', x: 0.5, y: 0, w: 0.5, h: 1 },
    ]);
    expect(removePane(removePane(layout, 'a')!, 'c')).toBeNull();
    expect(removePane(layout, 'nope')).toBe(layout);
  });

  it('moves dividers by path, clamped so no pane vanishes', () => {
    let layout = splitPane(splitPane(one, 'a', 'right', 'b'), 'b', 'down', 'c');
    const [root, inner] = dividers(layout);
    expect(root).toMatchObject({ path: '', split: 'right' });
    expect(inner).toMatchObject({ path: '1', split: 'down', box: { x: 0.5, y: 0, w: 0.5, h: 1 } });
    layout = setRatio(layout, '1', ratioAt(inner!, 0.7, 0.25));
    expect(paneRects(layout).find((r) => r.paneId === 'b')!.h).toBeCloseTo(0.25);
    layout = setRatio(layout, '', 0.99);
    expect(paneRects(layout).find((r) => r.paneId === 'a')!.w).toBeCloseTo(0.9);
  });

  it('finds the neighbour in each direction, or none at the border', () => {
    // a | b
    //   | c | d
    const layout = splitPane(splitPane(splitPane(one, 'a', 'right', 'b'), 'b', 'down', 'c'), 'c', 'right', 'd');
    expect(neighbour(layout, 'a', 'right')).toBe('b');
    expect(neighbour(layout, 'a', 'left')).toBeNull();
    expect(neighbour(layout, 'b', 'down')).toBe('c');
    expect(neighbour(layout, 'c', 'up')).toBe('b');
    expect(neighbour(layout, 'd', 'left')).toBe('c');
    expect(neighbour(layout, 'c', 'left')).toBe('a');
    expect(neighbour(layout, 'd', 'up')).toBe('b');
    expect(neighbour(layout, 'd', 'down')).toBeNull();
  });

  it('nudges the nearest divider on the arrow’s axis', () => {
    const layout = splitPane(splitPane(one, 'a', 'right', 'b'), 'b', 'down', 'c');
    const wider = nudge(layout, 'c', 'left', 0.1)!;
    expect(paneRects(wider).find((r) => r.paneId === 'c')!.w).toBeCloseTo(0.6);
    const taller = nudge(layout, 'c', 'up', 0.1)!;
    expect(paneRects(taller).find((r) => r.paneId === 'c')!.h).toBeCloseTo(0.6);
    expect(paneRects(taller).find((r) => r.paneId === 'a')!.h).toBe(1);
    expect(nudge(layout, 'a', 'up', 0.1)).toBeNull();
  });
});
