// Edit locally from the renderer: open a remote file in the editor, answer a
// conflict, stop. Main sends every change of an edit as `edit:update`.
import type { EditChoice } from '../../src-shared/contract';
import { warren } from '../api/warren';
import { useStore } from '../store/store';

export async function editLocally(browserId: string, path: string): Promise<void> {
  const result = await warren().edit.open({ browserId, path });
  if (result.ok) useStore.getState().applyEdit(result.value);
  else useStore.getState().addNotices([result.error.message]);
}

export async function stopEditing(editId: string): Promise<void> {
  const result = await warren().edit.stop({ editId });
  const store = useStore.getState();
  if (!result.ok) store.addNotices([result.error.message]);
  else if (result.value.kept) store.addNotices([`Stopped editing. Changes that did not reach the server are kept in ${result.value.kept}.`]);
}

export async function answerConflict(editId: string, choice: EditChoice): Promise<void> {
  const result = await warren().edit.resolve({ editId, choice });
  if (!result.ok) useStore.getState().addNotices([result.error.message]);
}

export async function retryEdit(editId: string): Promise<void> {
  const result = await warren().edit.upload({ editId });
  if (!result.ok) useStore.getState().addNotices([result.error.message]);
}

/** Keeps the store's edits in step with main. Returns how to stop. */
export function startEditRouting(): () => void {
  return warren().on('edit:update', (view) => useStore.getState().applyEdit(view));
}
