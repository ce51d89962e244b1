// Terminal bytes go from the session:data event straight to the terminal that
// shows them, never through React state. Output that arrives before its
// terminal exists waits here. The bytes are UTF-8 as the server sent them:
// xterm.js decodes them itself, also across a character split between events.
import { warren } from '../api/warren';

type Writer = (data: Uint8Array) => void;

const writers = new Map<string, Writer>();
const backlog = new Map<string, Uint8Array[]>();

export function startOutputRouting(): () => void {
  return warren().on('session:data', ({ sessionId, data }) => {
    const writer = writers.get(sessionId);
    if (writer) return writer(data);
    const queue = backlog.get(sessionId) ?? [];
    queue.push(data);
    backlog.set(sessionId, queue);
  });
}

export function attachWriter(sessionId: string, writer: Writer): () => void {
  writers.set(sessionId, writer);
  for (const chunk of backlog.get(sessionId) ?? []) writer(chunk);
  backlog.delete(sessionId);
  return () => {
    if (writers.get(sessionId) === writer) writers.delete(sessionId);
  };
}

export function forgetSession(sessionId: string): void {
  writers.delete(sessionId);
  backlog.delete(sessionId);
}
