// What a drop on a file pane means, decided without the DOM: a transfer to the
// other side, a move within this side, or nothing.
import { joinPath, parentPath } from './file-pane-model';
import type { FilesDrag } from './pane-api';

export type DropAction =
  | { kind: 'transfer'; drag: FilesDrag }
  | { kind: 'move'; moves: { from: string; to: string }[] }
  | { kind: 'none' };

/** The FILES_DRAG payload, if it is well formed and comes from this browser (not another host's tab). */
export function parseFilesDrag(raw: string, browserId: string): FilesDrag | null {
  try {
    const drag = JSON.parse(raw) as FilesDrag;
    return drag.browserId === browserId ? drag : null;
  } catch {
    return null;
  }
}

/**
 * @param drag the in-app drag that was dropped, if any
 * @param fromDesktop local paths of files dropped from the desktop (empty when none, or the shell cannot tell)
 */
export function dropAction(side: FilesDrag['side'], browserId: string, dir: string, drag: FilesDrag | null, fromDesktop: string[]): DropAction {
  // Desktop files are local files: they can only be uploaded.
  if (!drag && fromDesktop.length > 0 && side === 'remote') return { kind: 'transfer', drag: { browserId, side: 'local', paths: fromDesktop } };
  if (!drag) return { kind: 'none' };
  if (drag.side !== side) return { kind: 'transfer', drag };
  // Within one side: move onto a folder (never into itself, nor where it already is).
  const moves = drag.paths
    .filter((p) => p !== dir && parentPath(p) !== dir && !dir.startsWith(`${p}/`))
    .map((from) => ({ from, to: joinPath(dir, from.slice(from.lastIndexOf('/') + 1)) }));
  return moves.length ? { kind: 'move', moves } : { kind: 'none' };
}
