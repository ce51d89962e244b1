// While broadcast is on, a bar across the terminals says so and how to stop.
import { useStore } from '../store/store';
import { broadcastSet } from './input-targets';
import { broadcastModes } from './broadcast-actions';

export function BroadcastBanner() {
  const mode = useStore((s) => s.broadcast);
  const count = useStore((s) => broadcastSet(s).length);
  const setBroadcast = useStore((s) => s.setBroadcast);
  if (mode === 'off') return null;
  const scope = broadcastModes.find((m) => m.mode === mode)!.label.toLowerCase();
  return (
    <div className="broadcast-banner" role="status" aria-label="Broadcast input">
      <strong>Broadcast on</strong>
      <span>
        Typing goes to {count} terminal{count === 1 ? '' : 's'} ({scope}).
        {mode === 'selected' && ' Tick “Broadcast” on a terminal to add or remove it.'}
      </span>
      <button onClick={() => setBroadcast('off')} title="Ctrl+Shift+B">
        Stop broadcast
      </button>
    </div>
  );
}
