import type { StateCreator } from 'zustand';
import type { HostTree } from '../../src-shared/contract';
import { value, warren } from '../api/warren';
import type { Store } from './store';

export interface HostsSlice {
  tree: HostTree;
  treeLoaded: boolean;
  reloadTree(): Promise<void>;
}

export const createHostsSlice: StateCreator<Store, [], [], HostsSlice> = (set) => ({
  tree: { folders: [], hosts: [] },
  treeLoaded: false,
  async reloadTree() {
    const tree = await value(warren().hosts.list({}));
    set({ tree, treeLoaded: true });
  },
});
