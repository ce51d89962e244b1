import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openConfStore } from '../settings/settings-store';
import { loadWindowState, placeWindow, saveWindowState } from './window-state';

const screen = { x: 0, y: 0, width: 1920, height: 1040 };
const right = { x: 1920, y: 0, width: 1280, height: 984 };

describe('window placement', () => {
  it('opens at the default size, centred on the primary display, the first time', () => {
    expect(placeWindow(undefined, [screen])).toEqual({ x: 360, y: 130, width: 1200, height: 780 });
  });

  it('keeps saved bounds that are on a display', () => {
    expect(placeWindow({ x: 2000, y: 50, width: 900, height: 700 }, [screen, right])).toEqual({ x: 2000, y: 50, width: 900, height: 700 });
  });

  it('pulls a window half off its display back inside it', () => {
    expect(placeWindow({ x: 1500, y: -200, width: 800, height: 600 }, [screen])).toEqual({ x: 1120, y: 0, width: 800, height: 600 });
  });

  it('re-centres a window whose display is gone', () => {
    expect(placeWindow({ x: 2500, y: 100, width: 800, height: 600 }, [screen])).toEqual({ x: 360, y: 130, width: 1200, height: 780 });
  });

  it('shrinks a window larger than its display, and grows a tiny one to the minimum', () => {
    expect(placeWindow({ x: 0, y: 0, width: 4000, height: 3000 }, [screen])).toEqual(screen);
    expect(placeWindow({ x: 10, y: 10, width: 50, height: 50 }, [screen])).toEqual({ x: 10, y: 10, width: 640, height: 400 });
  });

  it('lets Electron place the window when no display is known', () => {
    expect(placeWindow(undefined, [])).toBeUndefined();
  });
});

describe('window state in the settings file', () => {
  it('round-trips through settings.json, and a bad value reads as nothing saved', () => {
    const { store } = openConfStore(mkdtempSync(path.join(os.tmpdir(), 'warren-window-')));
    expect(loadWindowState(store)).toEqual({ maximized: false });
    saveWindowState(store, { bounds: { x: 5, y: 6, width: 900, height: 700 }, maximized: true });
    expect(loadWindowState(store)).toEqual({ bounds: { x: 5, y: 6, width: 900, height: 700 }, maximized: true });
    store.set('windowState', { bounds: { x: 'left' } });
    expect(loadWindowState(store)).toEqual({ maximized: false });
  });
});
