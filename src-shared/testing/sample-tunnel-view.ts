// One forward as the Tunnels views and the tray see it, for the tests of the
// models that read it (main's tray and notices, the renderer's cards): each
// test names only the fields it is about.
import type { TunnelView } from '../contract';

export function sampleTunnelView(fields: Partial<TunnelView> = {}): TunnelView {
  return {
    hostId: 'h1',
    forwardId: 'f1',
    name: 'web',
    spec: { kind: 'local', bindHost: '127.0.0.1', bindPort: 8080, destHost: 'db', destPort: 80 },
    autoStart: false,
    startAtLaunch: false,
    state: 'off',
    via: 'me@db:22',
    boundPort: null,
    open: 0,
    total: 0,
    failed: 0,
    bytesIn: 0,
    bytesOut: 0,
    rateIn: 0,
    rateOut: 0,
    lastError: null,
    ...fields,
  };
}
