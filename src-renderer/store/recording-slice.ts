// Session logs as the renderer knows them: per session, whether it records,
// to which file, and the last thing that went wrong. Main decides (the user's
// Record button, a host set to record, a failing disk) and says so with
// session:recording; this only remembers what it said.
import type { StateCreator } from 'zustand';
import type { LogFormat, SessionRecordingEvent } from '../../src-shared/contract';
import type { Store } from './store';

export interface RecordingInfo {
  recording: boolean;
  /** Asked main to start and waiting for the file to open. */
  starting?: boolean;
  /** The file being written, or the last one written. */
  path?: string;
  format?: LogFormat;
  /** Why recording did not start or stopped by itself: what happened and what to do. */
  error?: string;
}

export interface RecordingSlice {
  recordings: Record<string, RecordingInfo>;
  applyRecording(event: SessionRecordingEvent): void;
  setRecordingInfo(sessionId: string, info: RecordingInfo): void;
  dismissRecordingError(sessionId: string): void;
}

export const createRecordingSlice: StateCreator<Store, [], [], RecordingSlice> = (set) => ({
  recordings: {},
  applyRecording: ({ sessionId, recording, path, format, error }) =>
    set((s) => ({ recordings: { ...s.recordings, [sessionId]: { recording, path, format, error } } })),
  setRecordingInfo: (sessionId, info) => set((s) => ({ recordings: { ...s.recordings, [sessionId]: info } })),
  dismissRecordingError: (sessionId) =>
    set((s) => {
      const info = s.recordings[sessionId];
      return info ? { recordings: { ...s.recordings, [sessionId]: { ...info, error: undefined } } } : {};
    }),
});
