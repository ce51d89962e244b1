// Terminals: a shell on a host, its output and its state.
import { z } from 'zod';
import { cols, id, request, rows } from './common';
import { openId, type ConnectState } from './lifecycle';
import { logFormat, type LogFormat } from '../logging-settings';
import { isSshTargetError, parseSshTarget } from '../ssh-target';

/** `[ssh://][user@]host[:port]`, refused unless parseSshTarget reads it: the text may come from anywhere. */
const sshAddress = z.string().max(512).refine((text) => !isSshTargetError(parseSshTarget(text)), 'not a user@host:port address');

export type SessionState = 'connecting' | 'connected' | 'failed' | 'closed';

/** The lifecycle's ConnectState (contract/lifecycle.ts), plus `closed`: how the shell ended. */
export interface SessionStateEvent extends Omit<ConnectState, 'state'> {
  sessionId: string;
  state: SessionState;
  exitCode?: number | null;
  signal?: string | null;
}

/**
 * Terminal output as the server sent it: UTF-8 bytes, coalesced in main (one
 * event per batch, not per ssh2 chunk), possibly split mid-character across
 * events — xterm.js's `write(Uint8Array)` decodes across writes.
 */
export interface SessionDataEvent {
  sessionId: string;
  data: Uint8Array;
}

/**
 * session:data as a binary WebSocket frame (the e2e bridge): byte 0 is
 * DATA_FRAME, byte 1 the length n of the session id, then the id (ASCII),
 * then the output bytes as they are. Every other message is JSON text.
 */
export const DATA_FRAME = 1;

export function encodeDataFrame(event: SessionDataEvent): Uint8Array {
  const id = event.sessionId;
  if (id.length > 255 || !/^[\x20-\x7e]*$/.test(id)) throw new Error('session ids are short ASCII');
  const frame = new Uint8Array(2 + id.length + event.data.length);
  frame[0] = DATA_FRAME;
  frame[1] = id.length;
  for (let i = 0; i < id.length; i++) frame[2 + i] = id.charCodeAt(i);
  frame.set(event.data, 2 + id.length);
  return frame;
}

/** The event a binary frame carries, or null when it is not a data frame. */
export function decodeDataFrame(frame: Uint8Array): SessionDataEvent | null {
  if (frame.length < 2 || frame[0] !== DATA_FRAME) return null;
  const n = frame[1]!;
  if (frame.length < 2 + n) return null;
  const sessionId = String.fromCharCode(...frame.subarray(2, 2 + n));
  return { sessionId, data: frame.subarray(2 + n) };
}

/**
 * A session's recording started or stopped. Sent for every change, including
 * the ones main makes by itself: a host set to record starts at connect, and
 * a recording stops with its session or on a write error (`error` says what
 * happened and what to do; what was written stays in `path`).
 */
export interface SessionRecordingEvent {
  sessionId: string;
  recording: boolean;
  path?: string;
  format?: LogFormat;
  error?: string;
}

export const sessionRequests = {
  /** Answers at once; session:state events for `sessionId` (the caller's own id) follow (see contract/lifecycle.ts). */
  'session:open': request<null>()(z.object({ sessionId: openId, hostId: id, cols, rows }).strict()),
  /** A terminal to `user@host:port` that is not saved (quick connect): the same host-key check and prompts as a saved host. */
  'session:open-address': request<null>()(z.object({ sessionId: openId, address: sshAddress, cols, rows }).strict()),
  'session:write': request<null>()(z.object({ sessionId: id, data: z.string().min(1).max(1 << 20) }).strict()),
  'session:resize': request<null>()(z.object({ sessionId: id, cols, rows }).strict()),
  /** The renderer tells main how many bytes of terminal output it has drawn (flow control), in batches. */
  // `rate`: how fast the renderer draws (bytes per ms, measured while xterm.js had output queued); main lets fast text queue more.
  'session:ack': request<null>()(z.object({ sessionId: id, bytes: z.number().int().min(0).max(1 << 30), rate: z.number().positive().max(1e7).optional() }).strict()),
  'session:close': request<null>()(z.object({ sessionId: id }).strict()),
  /** Starts writing the session's output to a new file in the log folder; answers once the file is open. */
  'session:record-start': request<{ path: string }>()(z.object({ sessionId: id, format: logFormat }).strict()),
  'session:record-stop': request<null>()(z.object({ sessionId: id }).strict()),
};

export interface SessionEvents {
  'session:data': SessionDataEvent;
  'session:state': SessionStateEvent;
  'session:recording': SessionRecordingEvent;
}
export const sessionEventNames = ['session:data', 'session:state', 'session:recording'] as const satisfies readonly (keyof SessionEvents)[];
