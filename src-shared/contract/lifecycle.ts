// One lifecycle for everything that opens over SSH: a terminal
// (session:open, session:open-address), a Files tab (files:open) and a tunnel
// (tunnels:toggle).
//
// 1. The caller names the id (a terminal's sessionId, a Files tab's browserId;
//    a tunnel is named by its hostId/forwardId) and listens for it before it
//    asks, so no event can arrive for an id it does not know yet.
// 2. The request answers at once: after main has checked the input (a
//    well-formed id that is not already in use, a host that exists), before
//    any network work. A refusal there is the reply's error.
// 3. Everything after that arrives as state events for the id, in one shape
//    (`ConnectState`): `connecting` with what is going on, then `connected`,
//    or `failed` with the error's code and sentence (and the host-key change
//    when that is the cause). Through a drop, `connecting` again with
//    code 'connection-lost' (and the next attempt), then `connected`.
//    Closing the id (session:close, files:close, switching the tunnel off)
//    while it connects ends the connect.
// Tunnels keep their row's own words: tunnel:update carries the TunnelView,
// whose `state` is 'connecting' → 'on', or 'error' with `lastError` and
// `lastErrorCode`.
import type { ErrorCode } from '../errors';
import type { HostKeyChange } from './host-keys';
import { id } from './common';

/** A caller-chosen id for something that connects: a plain id, unique among the caller's open ones. */
export const openId = id;

export type ConnectPhase = 'connecting' | 'connected' | 'failed';

/** Where an open stands: the part of every state event that is the same for terminals and Files tabs. */
export interface ConnectState {
  state: ConnectPhase;
  /** What is going on (connecting), or what happened and what to do (failed). */
  message?: string;
  code?: ErrorCode;
  /** Set when `failed` because the server's host key is not the one known for it. */
  hostKeyChange?: HostKeyChange;
  /** `connecting` after a drop: main logs in again for every user of the connection, attempt `attempt` in `inMs`. */
  reconnect?: { inMs: number; attempt: number };
}
