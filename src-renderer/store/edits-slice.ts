import type { StateCreator } from 'zustand';
import type { EditView } from '../../src-shared/contract';
import type { Store } from './store';

/** Files open in an editor (Edit locally), by id, in the order they were opened; a stopped one leaves. */
export interface EditsSlice {
  edits: Record<string, EditView>;
  applyEdit(view: EditView): void;
}

export const createEditsSlice: StateCreator<Store, [], [], EditsSlice> = (set) => ({
  edits: {},
  applyEdit: (view) =>
    set((s) => {
      const { [view.editId]: _gone, ...rest } = s.edits;
      return { edits: view.state === 'stopped' ? rest : { ...s.edits, [view.editId]: view } };
    }),
});
