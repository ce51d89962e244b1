// Starting and stopping a session's log. Main writes the file; the answer
// (or the session:recording event, when main stops by itself) updates the store.
import type { LogFormat } from '../../src-shared/contract';
import { value, warren } from '../api/warren';
import { useStore } from '../store/store';

export function startRecordingRouting(): () => void {
  return warren().on('session:recording', (event) => useStore.getState().applyRecording(event));
}

export async function startRecording(sessionId: string, format: LogFormat): Promise<void> {
  const store = useStore.getState();
  store.setRecordingInfo(sessionId, { recording: false, starting: true, format });
  try {
    const { path } = await value(warren().session['record-start']({ sessionId, format }));
    useStore.getState().setRecordingInfo(sessionId, { recording: true, path, format });
  } catch (error) {
    useStore.getState().setRecordingInfo(sessionId, { recording: false, format, error: (error as Error).message });
  }
}

export async function stopRecording(sessionId: string): Promise<void> {
  try {
    await value(warren().session['record-stop']({ sessionId }));
  } catch (error) {
    const info = useStore.getState().recordings[sessionId];
    useStore.getState().setRecordingInfo(sessionId, { ...info, recording: info?.recording ?? false, error: (error as Error).message });
  }
}

/** The format the Record menu offers first: the one chosen in Settings. */
export async function defaultLogFormat(): Promise<LogFormat> {
  try {
    return (await value(warren().settings.get({}))).logging.format;
  } catch {
    return 'text';
  }
}
