// Exposes `window.warren`: named methods built from the contract, and `on` for
// events. Never raw ipcRenderer, never sendSync.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { buildApi } from '../src-shared/api';
import { isEventName, type EventName } from '../src-shared/contract';
import { EVENT_CHANNEL, START_DRAG_CHANNEL } from '../src-shared/channels';

const listeners = new Map<EventName, Set<(payload: unknown) => void>>();

ipcRenderer.on(EVENT_CHANNEL, (_event, name: unknown, payload: unknown) => {
  if (!isEventName(name)) return;
  for (const listener of listeners.get(name) ?? []) listener(payload);
});

const api = buildApi(
  (name, input) => ipcRenderer.invoke(name, input),
  (name, listener) => {
    if (!isEventName(name)) throw new Error(`Unknown event ${String(name)}`);
    const set = listeners.get(name) ?? new Set();
    listeners.set(name, set);
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  },
);

// Files dropped from the desktop carry no path in a sandboxed page; Electron
// can tell it (local only: no IPC, nothing crosses to main here).
// startDrag: main checks that every path was staged by files:dragOut.
contextBridge.exposeInMainWorld('warren', {
  ...api,
  pathForFile: (file: File) => webUtils.getPathForFile(file),
  startDrag: (files: string[]) => ipcRenderer.send(START_DRAG_CHANNEL, files),
});
