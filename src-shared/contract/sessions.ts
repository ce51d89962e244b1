// Terminals: a shell on a host, its output and its state.
import { z } from 'zod';
import { cols, id, request, rows } from './common';
import type { ErrorCode } from '../errors';
import type { HostKeyChange } from './host-keys';

export type SessionState = 'connecting' | 'connected' | 'failed' | 'closed';

export interface SessionStateEvent {
  sessionId: string;
  state: SessionState;
  /** Human text: what happened and what to do (failed), or how it ended (closed). */
  message?: string;
  code?: ErrorCode;
  exitCode?: number | null;
  signal?: string | null;
  hostKeyChange?: HostKeyChange;
}

export interface SessionDataEvent {
  sessionId: string;
  data: string;
}

export const sessionRequests = {
  'session:open': request<{ sessionId: string }>()(z.object({ hostId: id, cols, rows }).strict()),
  'session:write': request<null>()(z.object({ sessionId: id, data: z.string().min(1).max(1 << 20) }).strict()),
  'session:resize': request<null>()(z.object({ sessionId: id, cols, rows }).strict()),
  /** The renderer tells main how much terminal output it has drawn (flow control). */
  'session:ack': request<null>()(z.object({ sessionId: id, chars: z.number().int().min(0).max(1 << 30) }).strict()),
  'session:close': request<null>()(z.object({ sessionId: id }).strict()),
};

export interface SessionEvents {
  'session:data': SessionDataEvent;
  'session:state': SessionStateEvent;
}
export const sessionEventNames = ['session:data', 'session:state'] as const satisfies readonly (keyof SessionEvents)[];
