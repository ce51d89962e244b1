import { describe, expect, it } from 'vitest';
import { paletteItems, quickConnectTarget, type PaletteSources } from './palette-items';
import { recentHostIds } from './recent';

const host = (id: string, name: string, extra: Partial<PaletteSources['hosts'][number]> = {}) => ({ id, name, host: `${id}.example`, port: 22, username: 'alice', folderId: null, tags: [], ...extra });

const sources = (over: Partial<PaletteSources> = {}): PaletteSources => ({
  hosts: [host('h1', 'web-prod'), host('h2', 'db-production', { folderId: 'f1', username: 'postgres' }), host('h3', 'backup')],
  folders: [{ id: 'f1', name: 'Datacenter' }],
  recent: [],
  tunnels: [{ hostId: 'h2', forwardId: 'fw1', name: 'pg', state: 'off' }],
  terminalFocused: true,
  ...over,
});

const labels = (query: string, over?: Partial<PaletteSources>) => paletteItems(query, sources(over)).map((i) => i.label);

describe('paletteItems', () => {
  it('lists recent hosts first, most recent first, when the query is empty', () => {
    const items = paletteItems('', sources({ recent: ['h3', 'h1'] }));
    expect(items.slice(0, 2).map((i) => [i.group, i.label])).toEqual([
      ['Recent', 'backup'],
      ['Recent', 'web-prod'],
    ]);
    // Then actions, tunnels, and the remaining hosts; no per-host "Open files" lines.
    expect(items.map((i) => i.label)).toContain('New host…');
    expect(items.map((i) => i.label)).toContain('Toggle tunnel pg on db-production');
    expect(items.at(-1)!.label).toBe('db-production');
    expect(items.some((i) => i.label.startsWith('Open files on'))).toBe(false);
  });

  it('ranks a name prefix over a word start over scattered letters', () => {
    const hosts = [host('a', 'xx-web'), host('b', 'awkward-eb'), host('c', 'webmail')];
    const found = paletteItems('web', sources({ hosts })).filter((i) => i.group === 'Hosts');
    expect(found.map((i) => i.label)).toEqual(['webmail', 'xx-web', 'awkward-eb']);
    expect(labels('wp')[0]).toBe('web-prod');
  });

  it('finds hosts by address, user and folder, below name matches', () => {
    expect(labels('postgres')).toContain('db-production');
    expect(labels('datacenter')[0]).toBe('db-production');
    expect(labels('h3.example')[0]).toBe('backup');
  });

  it('offers every action by name: files, tunnels, settings, split, snippets', () => {
    expect(labels('open files web')[0]).toBe('Open files on web-prod');
    expect(labels('toggle pg')[0]).toBe('Toggle tunnel pg on db-production');
    expect(labels('settings')[0]).toBe('Settings');
    expect(labels('split right')[0]).toBe('Split right');
    expect(labels('snip')[0]).toBe('Snippets…');
    expect(labels('import')[0]).toBe('Import from ssh config…');
  });

  it('switches a tunnel the other way from its state', () => {
    const item = (state: 'on' | 'off') => paletteItems('toggle pg', sources({ tunnels: [{ hostId: 'h2', forwardId: 'fw1', name: 'pg', state }] }))[0]!;
    expect(item('off').command).toEqual({ kind: 'tunnel', hostId: 'h2', forwardId: 'fw1', on: true });
    expect(item('on').command).toMatchObject({ on: false });
    expect(item('on').detail).toBe('on');
  });

  it('leaves out terminal actions when no terminal has the focus', () => {
    expect(labels('split', { terminalFocused: false })).not.toContain('Split right');
  });

  it('puts "Connect to user@host:port" first for an address, and nothing for a hostile one', () => {
    const items = paletteItems('bob@10.0.0.5:2222', sources());
    expect(items[0]).toMatchObject({ label: 'Connect to bob@10.0.0.5:2222', command: { kind: 'connect-address', address: 'bob@10.0.0.5:2222' } });
    expect(paletteItems('ssh://web-prod', sources())[0]!.command).toEqual({ kind: 'connect-address', address: 'web-prod' });
    expect(paletteItems('-oProxyCommand=x@h', sources()).some((i) => i.command.kind === 'connect-address')).toBe(false);
    expect(paletteItems('web', sources())[0]!.command.kind).toBe('connect');
  });

  it('highlights the matched letters of the label', () => {
    expect(paletteItems('wp', sources())[0]!.positions).toEqual([0, 4]);
  });
});

describe('quickConnectTarget', () => {
  it('takes an address only when it says so with "@", ":" or ssh://', () => {
    expect(quickConnectTarget('web')).toBeNull();
    expect(quickConnectTarget('  web:2200 ')).toBe('web:2200');
    expect(quickConnectTarget('ssh://[::1]:22')).toBe('[::1]:22');
    expect(quickConnectTarget('a@b;c')).toBeNull();
  });
});

describe('recentHostIds', () => {
  it('lists connected hosts, most recent first, up to the limit', () => {
    const hosts = [
      { id: 'a', lastConnectedAt: 100 },
      { id: 'b', lastConnectedAt: null },
      { id: 'c', lastConnectedAt: 300 },
      { id: 'd', lastConnectedAt: 200 },
    ];
    expect(recentHostIds(hosts)).toEqual(['c', 'd', 'a']);
    expect(recentHostIds(hosts, 2)).toEqual(['c', 'd']);
  });
});
