import { describe, expect, it } from 'vitest';
import { dropAction, parseFilesDrag } from './drop-model';
import type { FilesDrag } from './pane-api';

const drag = (side: FilesDrag['side'], paths: string[]): FilesDrag => ({ browserId: 'b1', side, paths });

describe('parseFilesDrag', () => {
  it('reads a drag from this browser', () => {
    expect(parseFilesDrag(JSON.stringify(drag('local', ['/x'])), 'b1')).toEqual(drag('local', ['/x']));
  });
  it('refuses a drag from another browser, and anything that is not JSON (a drag of other data)', () => {
    expect(parseFilesDrag(JSON.stringify(drag('local', ['/x'])), 'b2')).toBeNull();
    expect(parseFilesDrag('', 'b1')).toBeNull();
    expect(parseFilesDrag('not json', 'b1')).toBeNull();
  });
});

describe('dropAction', () => {
  it('a drag from the other side is a transfer into the folder', () => {
    expect(dropAction('remote', 'b1', '/srv', drag('local', ['/home/u/a.txt']), [])).toEqual({ kind: 'transfer', drag: drag('local', ['/home/u/a.txt']) });
    expect(dropAction('local', 'b1', '/home/u', drag('remote', ['/srv/a.txt']), [])).toEqual({ kind: 'transfer', drag: drag('remote', ['/srv/a.txt']) });
  });

  it('desktop files dropped on the remote side are uploaded; on the local side they are ignored', () => {
    expect(dropAction('remote', 'b1', '/srv', null, ['/tmp/x.png'])).toEqual({ kind: 'transfer', drag: drag('local', ['/tmp/x.png']) });
    expect(dropAction('local', 'b1', '/home/u', null, ['/tmp/x.png'])).toEqual({ kind: 'none' });
  });

  it('a drop with nothing readable does nothing', () => {
    expect(dropAction('remote', 'b1', '/srv', null, [])).toEqual({ kind: 'none' });
  });

  it('within one side, files move into the folder they were dropped on, keeping their names', () => {
    expect(dropAction('remote', 'b1', '/srv/keep', drag('remote', ['/srv/a.txt', '/srv/b c']), [])).toEqual({
      kind: 'move',
      moves: [
        { from: '/srv/a.txt', to: '/srv/keep/a.txt' },
        { from: '/srv/b c', to: '/srv/keep/b c' },
      ],
    });
    expect(dropAction('remote', 'b1', '/', drag('remote', ['/srv/a.txt']), [])).toEqual({ kind: 'move', moves: [{ from: '/srv/a.txt', to: '/a.txt' }] });
  });

  it('never moves a folder onto itself, into its own subfolder, or into the folder it is already in', () => {
    expect(dropAction('remote', 'b1', '/srv/keep', drag('remote', ['/srv/keep']), [])).toEqual({ kind: 'none' });
    expect(dropAction('remote', 'b1', '/srv/keep/inner', drag('remote', ['/srv/keep']), [])).toEqual({ kind: 'none' });
    expect(dropAction('remote', 'b1', '/srv', drag('remote', ['/srv/a.txt']), [])).toEqual({ kind: 'none' });
    // Only the paths that can move, move.
    expect(dropAction('remote', 'b1', '/srv/keep', drag('remote', ['/srv/keep', '/srv/a.txt']), [])).toEqual({ kind: 'move', moves: [{ from: '/srv/a.txt', to: '/srv/keep/a.txt' }] });
  });

  it('a sibling whose name starts with the folder name is not mistaken for the folder itself', () => {
    expect(dropAction('local', 'b1', '/srv/keeper', drag('local', ['/srv/keep']), [])).toEqual({ kind: 'move', moves: [{ from: '/srv/keep', to: '/srv/keeper/keep' }] });
  });
});
