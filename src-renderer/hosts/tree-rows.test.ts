import { describe, expect, it } from 'vitest';
import type { FolderView, HostTree, HostView } from '../../src-shared/contract';
import { buildRows, hostMatches, type TreeRow } from './tree-rows';

// Only the fields the tree reads; the rest of a HostView does not matter here.
const host = (id: string, name: string, folderId: string | null, at = 'example.org', username = 'deploy') => ({ id, name, host: at, username, folderId }) as Pick<HostView, 'id' | 'name' | 'host' | 'username' | 'folderId'> as HostView;
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

const outline = (rows: TreeRow[]) => rows.map((r) => `${'  '.repeat(r.depth)}${r.kind === 'folder' ? `[${r.name}]` : r.name}`);

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
