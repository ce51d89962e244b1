// The toolbar's broadcast menu: off, this tab's panes, selected terminals, all.
import { useCallback, useState } from 'react';
import { RadioTower } from 'lucide-react';
import { useStore } from '../store/store';
import { broadcastModes } from './broadcast-actions';
import { PopupMenu } from '../ui/PopupMenu';

export function BroadcastButton() {
  const mode = useStore((s) => s.broadcast);
  const setBroadcast = useStore((s) => s.setBroadcast);
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  const choose = (next: typeof mode) => {
    setBroadcast(next);
    setOpen(false);
  };
  return (
    <div className="toolbar-menu">
      <button
        className={`toolbar-button${mode === 'off' ? '' : ' toolbar-button-alert'}`}
        aria-haspopup="menu"
        aria-expanded={open}
        title="Broadcast input to several terminals (Ctrl+Shift+B)"
        onClick={() => setOpen(!open)}
      >
        <RadioTower size={16} aria-hidden />
        {mode === 'off' ? 'Broadcast' : 'Broadcasting'}
      </button>
      {open && (
        <PopupMenu label="Broadcast input" onClose={close}>
          {broadcastModes.map((m) => (
            <button key={m.mode} role="menuitemradio" aria-checked={mode === m.mode} onClick={() => choose(m.mode)}>
              <span className="menu-check">{mode === m.mode ? '●' : ''}</span>
              {m.label}
            </button>
          ))}
        </PopupMenu>
      )}
    </div>
  );
}
