// Drag and drop for one pane: rows dragged out of it, and drops onto it from
// the other pane, from within itself, or from the desktop.
import { useState, type DragEvent } from 'react';
import type { FileEntry } from '../../src-shared/contract';
import { warren } from '../api/warren';
import { onlyFiles } from './file-pane-model';
import { dropAction, parseFilesDrag } from './drop-model';
import { FILES_DRAG, type FilesDrag, type PaneApi } from './pane-api';
import { canDragOut, dragOut, hasStagedDrag, stagedDrag } from './drag-out';

interface Options {
  api: PaneApi;
  browserId: string;
  onTransfer(drag: FilesDrag, targetDir: string): void;
  /** Runs a change on this side and lists the folder again (useDirectory's run). */
  run(action: () => Promise<unknown>): Promise<void>;
}

/** Paths of files dragged in from the desktop, where the shell can tell them. */
function desktopPaths(ev: DragEvent): string[] {
  const pathFor = warren().pathForFile;
  if (!pathFor) return [];
  return [...ev.dataTransfer.files].map((f) => pathFor(f)).filter(Boolean);
}

export function usePaneDrop({ api, browserId, onTransfer, run }: Options) {
  /** The folder (the pane's own, or a row's) a drag is over, to highlight it. */
  const [dropTarget, setDropTarget] = useState<string | null>(null);

  const allowDrop = (ev: DragEvent, target: string) => {
    const desktop = (api.side === 'remote' || hasStagedDrag()) && ev.dataTransfer.types.includes('Files') && Boolean(warren().pathForFile);
    if (!ev.dataTransfer.types.includes(FILES_DRAG) && !desktop) return;
    ev.preventDefault();
    ev.stopPropagation();
    setDropTarget(target);
  };

  const dropOn = (ev: DragEvent, dir: string) => {
    ev.preventDefault();
    ev.stopPropagation();
    setDropTarget(null);
    const fromDesktop = desktopPaths(ev);
    // Our own drag-out, dropped back on a pane: the remote drag it began as.
    const drag = (fromDesktop.length > 0 ? stagedDrag(fromDesktop) : null) ?? parseFilesDrag(ev.dataTransfer.getData(FILES_DRAG), browserId);
    const action = dropAction(api.side, browserId, dir, drag, fromDesktop);
    if (action.kind === 'transfer') onTransfer(action.drag, dir);
    else if (action.kind === 'move')
      void run(async () => {
        for (const { from, to } of action.moves) await api.rename(from, to);
      });
  };

  const startDrag = (ev: DragEvent, paths: string[], shown: FileEntry[]) => {
    // In the app, remote files become an OS drag, so they can land on the desktop too.
    if (api.side === 'remote' && canDragOut() && onlyFiles(shown, paths)) {
      ev.preventDefault();
      void dragOut(browserId, paths);
      return;
    }
    ev.dataTransfer.setData(FILES_DRAG, JSON.stringify({ browserId, side: api.side, paths } satisfies FilesDrag));
    ev.dataTransfer.effectAllowed = 'copyMove';
  };

  return { dropTarget, allowDrop, dropOn, leave: () => setDropTarget(null), startDrag };
}
