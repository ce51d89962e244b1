// The toolbar's Record button for the focused terminal: a small menu to start
// a text or raw log, "Stop recording" while one runs (its file in the
// tooltip), and what went wrong when a recording could not start or stopped.
import { useCallback, useEffect, useState } from 'react';
import { Circle, Square } from 'lucide-react';
import type { LogFormat } from '../../src-shared/contract';
import { useStore } from '../store/store';
import { defaultLogFormat, startRecording, stopRecording } from './recording-actions';
import { PopupMenu } from '../ui/PopupMenu';

const formats: { format: LogFormat; label: string; hint: string }[] = [
  { format: 'text', label: 'Text log', hint: 'colours and control codes removed' },
  { format: 'raw', label: 'Raw log', hint: 'every byte, replays with cat' },
];

export function RecordButton() {
  const tab = useStore((s) => s.tabs.find((t) => t.tabId === s.activeTabId));
  const sessionId = tab?.kind === 'terminal' ? tab.sessionId : null;
  const info = useStore((s) => (sessionId ? s.recordings[sessionId] : undefined));
  const dismiss = useStore((s) => s.dismissRecordingError);
  const [open, setOpen] = useState(false);
  const [preferred, setPreferred] = useState<LogFormat>('text');
  const close = useCallback(() => setOpen(false), []);
  useEffect(() => {
    if (open) void defaultLogFormat().then(setPreferred);
  }, [open]);

  if (tab?.kind !== 'terminal') return null;
  const recording = Boolean(info?.recording);
  const usable = Boolean(sessionId) && tab.state === 'connected';
  const ordered = preferred === 'raw' ? [...formats].reverse() : formats;
  const choose = (format: LogFormat) => {
    setOpen(false);
    if (sessionId) void startRecording(sessionId, format);
  };

  return (
    <div className="toolbar-menu">
      {recording ? (
        <button
          className="toolbar-button toolbar-button-alert record-button"
          aria-pressed
          title={`Recording to ${info?.path ?? '…'} (click to stop)`}
          onClick={() => sessionId && void stopRecording(sessionId)}
        >
          <Square size={14} aria-hidden fill="currentColor" />
          Stop recording
        </button>
      ) : (
        <button
          className="toolbar-button record-button"
          aria-pressed={false}
          aria-haspopup="menu"
          aria-expanded={open}
          disabled={!usable || info?.starting}
          title={usable ? 'Record this terminal to a log file' : 'Recording needs a connected terminal'}
          onClick={() => setOpen(!open)}
        >
          <Circle size={14} aria-hidden className="record-dot" fill="currentColor" />
          {info?.starting ? 'Starting…' : 'Record'}
        </button>
      )}
      {open && !recording && (
        <PopupMenu label="Record this terminal" onClose={close}>
          {ordered.map((f) => (
            <button key={f.format} role="menuitem" onClick={() => choose(f.format)}>
              <span className="menu-label">{f.label}</span>
              <span className="muted menu-hint">{f.hint}</span>
            </button>
          ))}
        </PopupMenu>
      )}
      {info?.error && sessionId && (
        <div className="recording-error" role="alert">
          <p>{info.error}</p>
          <button onClick={() => dismiss(sessionId)}>Dismiss</button>
        </div>
      )}
    </div>
  );
}
