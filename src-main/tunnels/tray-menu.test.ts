import { describe, expect, it } from 'vitest';
import type { TunnelView } from '../../src-shared/contract';
import { trayMenu } from './tray-menu';
import { sampleTunnelView } from '../../src-shared/testing/sample-tunnel-view';

function view(fields: Partial<TunnelView> & Pick<TunnelView, 'hostId' | 'forwardId' | 'name'>): TunnelView {
  return sampleTunnelView({ spec: { kind: 'local', bindHost: '127.0.0.1', bindPort: 8080, destHost: 'db', destPort: 5432 }, ...fields });
}

const hosts = [
  { id: 'h2', name: 'web' },
  { id: 'h1', name: 'db box' },
  { id: 'h3', name: 'no forwards' },
];

describe('trayMenu', () => {
  it('lists only hosts with forwards, by name, each forward a checkbox with its state, then Open Warren and Quit', () => {
    const model = trayMenu(hosts, [
      view({ hostId: 'h2', forwardId: 'a', name: 'socks', state: 'on', boundPort: 1080, spec: { kind: 'dynamic', bindHost: '127.0.0.1', bindPort: 1080 } }),
      view({ hostId: 'h1', forwardId: 'b', name: 'postgres', state: 'connecting' }),
      view({ hostId: 'h1', forwardId: 'c', name: 'admin', state: 'off', spec: { kind: 'remote', bindHost: 'localhost', bindPort: 0, destHost: '127.0.0.1', destPort: 3000 } }),
    ]);
    expect(model.items).toEqual([
      { type: 'heading', label: 'db box' },
      { type: 'forward', hostId: 'h1', forwardId: 'c', label: 'admin (server :0 → 127.0.0.1:3000) — off', checked: false },
      { type: 'forward', hostId: 'h1', forwardId: 'b', label: 'postgres (:8080 → db:5432) — starting…', checked: true },
      { type: 'heading', label: 'web' },
      { type: 'forward', hostId: 'h2', forwardId: 'a', label: 'socks (SOCKS :1080) — on', checked: true },
      { type: 'separator' },
      { type: 'open', label: 'Open Warren' },
      { type: 'quit', label: 'Quit' },
    ]);
    expect(model.tooltip).toBe('Warren — 1 tunnel on');
  });

  it('shows an error by its first sentence, cut to fit a menu, and counts it in the tooltip', () => {
    const lastError = 'Port 127.0.0.1:8080 is already in use by a program that has been holding it for a long while. Choose another local port.';
    const model = trayMenu(hosts, [view({ hostId: 'h2', forwardId: 'a', name: 'web', state: 'error', lastError })]);
    const item = model.items.find((i) => i.type === 'forward');
    expect(item).toMatchObject({ checked: false });
    expect(item?.label).toMatch(/^web \(:8080 → db:5432\) — error: Port 127\.0\.0\.1:8080 is already in use.*…$/);
    expect(item?.label).not.toContain('Choose another');
    expect(model.tooltip).toBe('Warren — 0 tunnels on, 1 failed');
  });

  it('says so when there are no forwards, and still offers Open Warren and Quit', () => {
    expect(trayMenu(hosts, []).items.map((i) => i.type)).toEqual(['note', 'separator', 'open', 'quit']);
  });
});
