import { create } from 'zustand';
import { createHostsSlice, type HostsSlice } from './hosts-slice';
import { createSessionsSlice, type SessionsSlice } from './sessions-slice';
import { createUiSlice, type UiSlice } from './ui-slice';
import { createPromptsSlice, type PromptsSlice } from './prompts-slice';
import { createTransfersSlice, type TransfersSlice } from './transfers-slice';
import { createTunnelsSlice, type TunnelsSlice } from './tunnels-slice';
import { createBroadcastSlice, type BroadcastSlice } from './broadcast-slice';

export type Store = HostsSlice & SessionsSlice & UiSlice & PromptsSlice & TransfersSlice & TunnelsSlice & BroadcastSlice;

export const useStore = create<Store>()((...a) => ({
  ...createHostsSlice(...a),
  ...createSessionsSlice(...a),
  ...createUiSlice(...a),
  ...createPromptsSlice(...a),
  ...createTransfersSlice(...a),
  ...createTunnelsSlice(...a),
  ...createBroadcastSlice(...a),
}));
