// Dragging remote files out of the window (Electron only): main downloads them
// to a staging folder, then starts an OS drag of those files. The drag may
// also end on one of our own panes; then it is the in-app drag it began as.
import { warren } from '../api/warren';
import { useStore } from '../store/store';
import type { FilesDrag } from './pane-api';

let staged: { drag: FilesDrag; files: string[] } | null = null;

/** The shell can start OS drags (the Electron app; not the browser harness). */
export const canDragOut = (): boolean => Boolean(warren().startDrag);

export async function dragOut(browserId: string, remotePaths: string[]): Promise<void> {
  const result = await warren().files.dragOut({ browserId, paths: remotePaths });
  if (!result.ok) {
    useStore.getState().addNotices([result.error.message]);
    return;
  }
  staged = { drag: { browserId, side: 'remote', paths: remotePaths }, files: result.value.files };
  warren().startDrag?.(result.value.files);
}

/** A drop of exactly the staged files: the remote drag they stand for. */
export function stagedDrag(droppedPaths: string[]): FilesDrag | null {
  if (!staged || droppedPaths.length !== staged.files.length) return null;
  return droppedPaths.every((p) => staged!.files.includes(p)) ? staged.drag : null;
}

export const hasStagedDrag = (): boolean => staged !== null;
