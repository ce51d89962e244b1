// Forwards (ssh -L, -R, -D) saved on hosts and switched on and off.
import { z } from 'zod';
import { anyPort, empty, id, port, request } from './common';
import type { ErrorCode } from '../errors';

const bindHost = z.string().trim().max(255).regex(/^[^\s/@]*$/, 'address must not contain spaces, "/" or "@"');
const destHost = z.string().trim().min(1, 'destination host is required').max(255).regex(/^[^\s/@]+$/, 'destination must be a name or address');

/** One saved forward (ssh -L, -R or -D) of a host. */
export const forwardInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('local'), bindHost: bindHost.default('127.0.0.1'), bindPort: anyPort, destHost, destPort: port }).strict(),
  // Port 0: the server chooses; '' or '*': all interfaces, if the server's GatewayPorts allows.
  z.object({ kind: z.literal('remote'), bindHost: bindHost.default('localhost'), bindPort: anyPort, destHost, destPort: port }).strict(),
  z.object({ kind: z.literal('dynamic'), bindHost: bindHost.default('127.0.0.1'), bindPort: anyPort }).strict(),
]);
export type ForwardInput = z.output<typeof forwardInput>;

export type TunnelState = 'off' | 'connecting' | 'on' | 'error';

/** A saved forward with its live state, as the Tunnels panel shows it. */
export interface TunnelView {
  hostId: string;
  forwardId: string;
  name: string;
  spec: ForwardInput;
  autoStart: boolean;
  /** Switched on when Warren starts, before any window opens. */
  startAtLaunch: boolean;
  state: TunnelState;
  /** The connection it rides on, e.g. `alice@db.example:22`. */
  via: string;
  /** The port actually bound (differs from spec when it asked for 0). */
  boundPort: number | null;
  open: number;
  total: number;
  failed: number;
  bytesIn: number;
  bytesOut: number;
  /** Bytes per second, smoothed. */
  rateIn: number;
  rateOut: number;
  lastError: string | null;
  /** The error code behind `lastError` (src-shared/errors.ts), when one is known. */
  lastErrorCode?: ErrorCode;
}

export const tunnelRequests = {
  'tunnels:list': request<TunnelView[]>()(empty),
  'tunnels:save': request<TunnelView>()(
    z.object({ hostId: id, forwardId: id.optional(), name: z.string().trim().min(1, 'name is required').max(200), autoStart: z.boolean().default(false), startAtLaunch: z.boolean().optional(), spec: forwardInput }).strict(),
  ),
  'tunnels:remove': request<null>()(z.object({ hostId: id, forwardId: id }).strict()),
  /**
   * Switches a forward on (connecting the host if needed) or off. Answers at
   * once (see contract/lifecycle.ts): switching on, with the view in
   * 'connecting' (or as it is, if already on); tunnel:update then says 'on',
   * or 'error' with why. Switching off answers once it is off.
   */
  'tunnels:toggle': request<TunnelView>()(z.object({ hostId: id, forwardId: id, on: z.boolean() }).strict()),
};

export interface TunnelEvents {
  'tunnel:update': TunnelView;
  'tunnel:removed': { hostId: string; forwardId: string };
}
export const tunnelEventNames = ['tunnel:update', 'tunnel:removed'] as const satisfies readonly (keyof TunnelEvents)[];
