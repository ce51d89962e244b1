import { describe, expect, it } from 'vitest';
import type { FolderView, HostTree, HostView } from '../../src-shared/contract';
import { buildRows, hostMatches, parseQuery, recentHosts, RECENT_LIMIT, type TreeRow } from './tree-rows';

// Only the fields the tree reads; the rest of a HostView does not matter here.
type Organised = Partial<Pick<HostView, 'tags' | 'favourite' | 'lastConnectedAt'>>;
const host = (id: string, name: string, folderId: string | null, at = 'example.org', username = 'deploy', more: Organised = {}) =>
  ({ id, name, host: at, username, folderId, tags: [], favourite: false, lastConnectedAt: null, ...more }) as Pick<HostView, 'id' | 'name' | 'host' | 'username' | 'folderId' | 'tags' | 'favourite' | 'lastConnectedAt'> as HostView;
const folder = (id: string, name: string, parentId: string | null = null): FolderView => ({ id, name, parentId });

const tree: HostTree = {
  folders: [folder('f-prod', 'Production'), folder('f-db', 'databases', 'f-prod'), folder('f-lab', 'lab')],
  hosts: [
    host('h-web10', 'web10', 'f-prod', 'web10.example.org'),
    host('h-web9', 'web9', 'f-prod', 'web9.example.org'),
    host('h-pg', 'pg-main', 'f-db', '10.0.0.5', 'postgres'),
    host('h-pi', 'pi', 'f-lab', 'raspberrypi.local', 'pi'),
    host('h-laptop', 'Laptop', null, '192.168.1.20', 'me'),
    host('h-box', 'box', null, 'box.example.org'),
  ],
};

const outline = (rows: TreeRow[]) => rows.map((r) => `${'  '.repeat(r.depth)}${r.kind === 'folder' ? `[${r.name}]` : r.kind === 'group' ? `<${r.name}>` : r.name}`);

describe('buildRows', () => {
  it('lists folders before hosts at each level, each sorted by name (case-insensitive, numbers by value), open by default', () => {
    expect(outline(buildRows(tree, {}, ''))).toEqual(['[lab]', '  pi', '[Production]', '  [databases]', '    pg-main', '  web9', '  web10', 'box', 'Laptop']);
  });

  it('records depth, parent and open state on each row', () => {
    const rows = buildRows(tree, {}, '');
    const db = rows.find((r) => r.id === 'f-db')!;
    expect(db).toMatchObject({ kind: 'folder', depth: 1, parentId: 'f-prod', open: true });
    expect(rows.find((r) => r.id === 'h-pg')).toMatchObject({ kind: 'host', depth: 2, parentId: 'f-db' });
    expect(rows.find((r) => r.id === 'h-box')).toMatchObject({ kind: 'host', depth: 0, parentId: null });
  });

  it('a closed folder shows as a row without its contents', () => {
    const rows = buildRows(tree, { 'f-prod': false }, '');
    expect(outline(rows)).toEqual(['[lab]', '  pi', '[Production]', 'box', 'Laptop']);
    expect(rows.find((r) => r.id === 'f-prod')).toMatchObject({ open: false });
  });

  it('while filtering, folders open regardless and keep only the branches that lead to a match', () => {
    expect(outline(buildRows(tree, { 'f-prod': false, 'f-db': false }, 'postgres'))).toEqual(['[Production]', '  [databases]', '    pg-main']);
  });

  it('a folder whose own name matches stays, even with no matching host in it', () => {
    expect(outline(buildRows(tree, {}, 'LAB'))).toEqual(['[lab]']);
  });

  it('a filter that matches nothing leaves no rows', () => {
    expect(buildRows(tree, {}, 'nothing-like-this')).toEqual([]);
  });

  it('a blank filter is no filter', () => {
    expect(outline(buildRows(tree, { 'f-lab': false }, '   '))).toEqual(outline(buildRows(tree, { 'f-lab': false }, '')));
  });
});

describe('hostMatches', () => {
  const pg = tree.hosts.find((h) => h.id === 'h-pg')!;
  it('matches name, address, user and user@host, trimmed and ignoring case', () => {
    expect(hostMatches(pg, 'PG-')).toBe(true);
    expect(hostMatches(pg, '10.0.0')).toBe(true);
    expect(hostMatches(pg, 'postgres')).toBe(true);
    expect(hostMatches(pg, ' postgres@10.0 ')).toBe(true);
    expect(hostMatches(pg, '')).toBe(true);
  });
  it('does not match on anything else', () => {
    expect(hostMatches(pg, 'web')).toBe(false);
    expect(hostMatches(pg, 'postgres@web')).toBe(false);
  });
});

describe('tags in the search', () => {
  const tagged: HostTree = {
    folders: [folder('f-prod', 'Production')],
    hosts: [
      host('h-a', 'api', 'f-prod', 'api.example.org', 'deploy', { tags: ['prod', 'EU'] }),
      host('h-b', 'batch', 'f-prod', 'batch.example.org', 'deploy', { tags: ['staging'] }),
      host('h-c', 'cache', null, 'cache.example.org', 'deploy', { tags: ['prod'] }),
    ],
  };
  it('tag:word keeps hosts with a tag starting with it (any case); folders stay only on the way to one', () => {
    expect(outline(buildRows(tagged, {}, 'tag:prod'))).toEqual(['[Production]', '  api', 'cache']);
    expect(outline(buildRows(tagged, {}, 'TAG:eu'))).toEqual(['[Production]', '  api']);
    expect(outline(buildRows(tagged, {}, 'tag:stag'))).toEqual(['[Production]', '  batch']);
  });
  it('tag: and text together must both match; plain text finds a tag too', () => {
    expect(outline(buildRows(tagged, {}, 'tag:prod cache'))).toEqual(['cache']);
    expect(outline(buildRows(tagged, {}, 'staging'))).toEqual(['[Production]', '  batch']);
  });
  it('a folder named like the tag does not match a tag: search', () => {
    expect(buildRows({ ...tagged, folders: [folder('f-prod', 'prod')] }, {}, 'tag:nothing')).toEqual([]);
  });
  it('parseQuery splits tag: words from the text and ignores an empty tag:', () => {
    expect(parseQuery('  tag:Prod web  tag:eu ')).toEqual({ text: 'web', tags: ['prod', 'eu'] });
    expect(parseQuery('tag:')).toEqual({ text: '', tags: [] });
    expect(parseQuery('postgres@10.0')).toEqual({ text: 'postgres@10.0', tags: [] });
  });
});

describe('Favourites and Recent', () => {
  const t = (n: number) => 1_700_000_000_000 + n;
  const pinned: HostTree = {
    folders: [folder('f-lab', 'lab')],
    hosts: [
      host('h-x', 'xray', 'f-lab', 'x.example.org', 'deploy', { favourite: true, lastConnectedAt: t(1) }),
      host('h-a', 'alpha', null, 'a.example.org', 'deploy', { favourite: true }),
      host('h-b', 'bravo', null, 'b.example.org', 'deploy', { lastConnectedAt: t(3) }),
      host('h-c', 'charlie', 'f-lab', 'c.example.org'),
    ],
  };
  it('pins Favourites (by name) and Recent (newest first) above the folders, each host also in its place', () => {
    expect(outline(buildRows(pinned, {}, ''))).toEqual(['<Favourites>', '  alpha', '  xray', '<Recent>', '  bravo', '  xray', '[lab]', '  charlie', '  xray', 'alpha', 'bravo']);
  });
  it('pinned rows have ids of their own, point at the same host, and sit under their group', () => {
    const rows = buildRows(pinned, {}, '');
    const ids = rows.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    const favX = rows.find((r) => r.kind === 'host' && r.pinned === 'favourites' && r.host.id === 'h-x')!;
    expect(favX).toMatchObject({ id: 'favourites:h-x', parentId: 'group:favourites', depth: 1 });
    expect(rows.find((r) => r.id === 'group:recent')).toMatchObject({ kind: 'group', count: 2, open: true });
  });
  it('a closed group shows only its heading; a search opens it and keeps only matches; an empty group is not shown', () => {
    expect(outline(buildRows(pinned, { 'group:favourites': false }, '')).slice(0, 2)).toEqual(['<Favourites>', '<Recent>']);
    expect(outline(buildRows(pinned, { 'group:favourites': false }, 'xray'))).toEqual(['<Favourites>', '  xray', '<Recent>', '  xray', '[lab]', '  xray']);
    expect(outline(buildRows(pinned, {}, 'bravo'))).toEqual(['<Recent>', '  bravo', 'bravo']);
    expect(outline(buildRows({ folders: [], hosts: [host('h', 'plain', null)] }, {}, ''))).toEqual(['plain']);
  });
  it('Recent holds the last RECENT_LIMIT hosts connected, newest first', () => {
    const many = Array.from({ length: RECENT_LIMIT + 3 }, (_, i) => host(`h${i}`, `h${i}`, null, 'x', 'u', { lastConnectedAt: t(i) }));
    expect(recentHosts(many).map((h) => h.name)).toEqual(Array.from({ length: RECENT_LIMIT }, (_, i) => `h${RECENT_LIMIT + 2 - i}`));
  });
});
