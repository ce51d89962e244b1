import { describe, expect, it } from 'vitest';
import { sampleTunnelView } from '../../src-shared/testing/sample-tunnel-view';
import { adviceFor, describeRoute, groupByHost } from './forward-card-model';

const view = sampleTunnelView;

describe('forward card model', () => {
  it('describes each kind, with the port the server chose once it is known', () => {
    expect(describeRoute(view({}))).toBe('127.0.0.1:8080 → db:80');
    expect(describeRoute(view({ spec: { kind: 'remote', bindHost: 'localhost', bindPort: 0, destHost: '::1', destPort: 3000 }, boundPort: 40123 }))).toBe('server localhost:40123 → [::1]:3000');
    expect(describeRoute(view({ spec: { kind: 'dynamic', bindHost: '', bindPort: 1080 } }))).toBe('SOCKS on *:1080');
  });

  it('adds what to do only when the error does not already say it', () => {
    expect(adviceFor('Port 127.0.0.1:8080 is already in use. Choose another local port, or stop what holds it and start the tunnel again.')).toBeNull();
    expect(adviceFor('The SSH connection was lost; reconnecting…')).toMatch(/reconnects by itself/);
    expect(adviceFor('Could not reach 127.0.0.1:9 through the SSH server: Connection refused')).toMatch(/destination is running/);
    expect(adviceFor('Something odd happened')).toMatch(/Switch it on again/);
  });

  it('groups by host name, forwards by name, and keeps one host when asked', () => {
    const all = [view({ hostId: 'b', name: 'z' }), view({ hostId: 'a', name: 'y' }), view({ hostId: 'b', name: 'x', forwardId: 'f2' })];
    const names = { a: 'alpha', b: 'beta' } as Record<string, string>;
    const groups = groupByHost(all, (id) => names[id]!, null);
    expect(groups.map((g) => [g.hostName, g.forwards.map((f) => f.name)])).toEqual([
      ['alpha', ['y']],
      ['beta', ['x', 'z']],
    ]);
    expect(groupByHost(all, (id) => names[id]!, 'a').map((g) => g.hostId)).toEqual(['a']);
  });
});
