import { create } from 'zustand';
import { createHostsSlice, type HostsSlice } from './hosts-slice';
import { createSessionsSlice, type SessionsSlice } from './sessions-slice';
import { createUiSlice, type UiSlice } from './ui-slice';
import { createPromptsSlice, type PromptsSlice } from './prompts-slice';
import { createTransfersSlice, type TransfersSlice } from './transfers-slice';
import { createTunnelsSlice, type TunnelsSlice } from './tunnels-slice';
import { createSettingsSlice, type SettingsSlice } from './settings-slice';
import { createBroadcastSlice, type BroadcastSlice } from './broadcast-slice';
import { createRecordingSlice, type RecordingSlice } from './recording-slice';
import { createSnippetsSlice, type SnippetsSlice } from './snippets-slice';
import { createEditsSlice, type EditsSlice } from './edits-slice';

export type Store = HostsSlice & SessionsSlice & UiSlice & PromptsSlice & TransfersSlice & TunnelsSlice & SettingsSlice & BroadcastSlice & RecordingSlice & SnippetsSlice & EditsSlice;

export const useStore = create<Store>()((...a) => ({
  ...createHostsSlice(...a),
  ...createSessionsSlice(...a),
  ...createUiSlice(...a),
  ...createPromptsSlice(...a),
  ...createTransfersSlice(...a),
  ...createTunnelsSlice(...a),
  ...createSettingsSlice(...a),
  ...createBroadcastSlice(...a),
  ...createRecordingSlice(...a),
  ...createSnippetsSlice(...a),
  ...createEditsSlice(...a),
}));
