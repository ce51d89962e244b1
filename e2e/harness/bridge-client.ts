// The browser end of the e2e WebSocket bridge: builds `window.warren` from the
// contract, exactly as the Electron preload does. No Node imports.
import { buildApi, type WarrenApi } from '../../src-shared/api';
import { decodeDataFrame, type EventName, type Result } from '../../src-shared/contract';

export function connectWsBridge(url: string): WarrenApi {
  const socket = new WebSocket(url);
  // Terminal output comes as binary frames (session id + raw bytes); everything else as JSON text.
  socket.binaryType = 'arraybuffer';
  const opened = new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener('error', () => reject(new Error('bridge connection failed')), { once: true });
  });
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let nextId = 1;

  socket.addEventListener('message', (event: MessageEvent<string | ArrayBuffer>) => {
    if (typeof event.data !== 'string') {
      const data = decodeDataFrame(new Uint8Array(event.data));
      if (data) for (const listener of listeners.get('session:data') ?? []) listener(data);
      return;
    }
    const message = JSON.parse(event.data) as { id?: number; result?: Result<unknown>; event?: EventName; payload?: unknown };
    if (message.id !== undefined && message.result) {
      pending.get(message.id)?.(message.result);
      pending.delete(message.id);
    } else if (message.event) {
      for (const listener of listeners.get(message.event) ?? []) listener(message.payload);
    }
  });
  socket.addEventListener('close', () => {
    for (const resolve of pending.values()) resolve({ ok: false, error: { code: 'disconnected', message: 'Lost the connection to Warren.' } });
    pending.clear();
  });

  return buildApi(
    async (name, input) => {
      await opened;
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        socket.send(JSON.stringify({ id, name, input }));
      });
    },
    (name, listener) => {
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set);
      set.add(listener);
      return () => set.delete(listener);
    },
  );
}

// Served by the e2e harness before the renderer's own script; the harness puts
// the bridge address (with its token) in a meta tag of the page it serves.
const meta = document.querySelector<HTMLMetaElement>('meta[name="warren-bridge"]');
if (meta?.content) {
  (window as unknown as { warren: WarrenApi }).warren = connectWsBridge(meta.content);
}
