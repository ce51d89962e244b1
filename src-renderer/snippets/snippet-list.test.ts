import { describe, expect, it } from 'vitest';
import type { Snippet } from '../../src-shared/contract';
import { matchSnippets, snippetsFor, typedText } from './snippet-list';

const snippet = (id: string, name: string, command: string, hostId: string | null = null): Snippet => ({ id, name, command, hostId, pressEnter: true });
const names = (list: Snippet[]) => list.map((s) => s.name);

describe('snippetsFor', () => {
  const all = [snippet('1', 'uptime', 'uptime'), snippet('2', 'Restart web', 'systemctl restart nginx', 'web'), snippet('3', 'backup db', 'pg_dump', 'db'), snippet('4', 'gone', 'true', 'old')];

  it("offers the snippets for every host and the focused host's own, sorted by name", () => {
    expect(names(snippetsFor(all, 'web', ['web', 'db']))).toEqual(['Restart web', 'uptime']);
    expect(names(snippetsFor(all, 'db', ['web', 'db']))).toEqual(['backup db', 'uptime']);
  });

  it('offers only the snippets for every host with no terminal focused', () => {
    expect(names(snippetsFor(all, null, ['web', 'db']))).toEqual(['uptime']);
  });

  it('hides the snippets of a deleted host, even in a terminal still open to it', () => {
    expect(names(snippetsFor(all, 'old', ['web', 'db']))).toEqual(['uptime']);
  });
});

describe('matchSnippets', () => {
  const list = [snippet('1', 'Disk usage', 'df -h'), snippet('2', 'Logs', 'journalctl -u nginx -f'), snippet('3', 'nginx reload', 'nginx -s reload')];

  it('keeps everything for an empty query', () => {
    expect(names(matchSnippets(list, '  '))).toEqual(['Disk usage', 'Logs', 'nginx reload']);
  });

  it('matches name or command, case ignored, name matches first', () => {
    expect(names(matchSnippets(list, 'NGINX'))).toEqual(['nginx reload', 'Logs']);
    expect(names(matchSnippets(list, 'df'))).toEqual(['Disk usage']);
  });

  it('needs every word, each in the name or the command', () => {
    expect(names(matchSnippets(list, 'logs -f'))).toEqual(['Logs']);
    expect(names(matchSnippets(list, 'logs reload'))).toEqual([]);
  });
});

describe('typedText', () => {
  it('ends each line with Enter, and the last only when pressEnter', () => {
    expect(typedText('cd /tmp\nls\r\npwd', false)).toBe('cd /tmp\rls\rpwd');
    expect(typedText('cd /tmp\nls', true)).toBe('cd /tmp\rls\r');
    expect(typedText('echo one', true)).toBe('echo one\r');
  });
});
