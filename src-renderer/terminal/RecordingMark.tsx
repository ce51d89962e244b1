// The red "● REC" beside a terminal's name while its output goes to a log file.
import { useStore } from '../store/store';

export function RecordingMark({ sessionId }: { sessionId: string | null }) {
  const info = useStore((s) => (sessionId ? s.recordings[sessionId] : undefined));
  if (!info?.recording) return null;
  const label = `Recording to ${info.path ?? 'a log file'}`;
  return (
    <span className="rec-mark" role="img" aria-label={label} title={label}>
      <span aria-hidden>● REC</span>
    </span>
  );
}
