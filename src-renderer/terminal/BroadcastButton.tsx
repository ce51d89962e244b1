// The toolbar's broadcast menu: off, this tab's panes, selected terminals, all.
import { useEffect, useRef, useState } from 'react';
import { RadioTower } from 'lucide-react';
import { useStore } from '../store/store';
import { broadcastModes } from './broadcast-actions';

export function BroadcastButton() {
  const mode = useStore((s) => s.broadcast);
  const setBroadcast = useStore((s) => s.setBroadcast);
  const [open, setOpen] = useState(false);
  const menuRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    menuRef.current?.querySelector<HTMLElement>('[aria-checked="true"]')?.focus();
    const close = (e: MouseEvent) => !menuRef.current?.parentElement?.contains(e.target as Node) && setOpen(false);
    window.addEventListener('mousedown', close);
    return () => window.removeEventListener('mousedown', close);
  }, [open]);
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
        <div
          className="menu"
          role="menu"
          aria-label="Broadcast input"
          ref={menuRef}
          onKeyDown={(e) => {
            const items = [...(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitemradio"]') ?? [])];
            const at = items.indexOf(document.activeElement as HTMLElement);
            if (e.key === 'Escape') setOpen(false);
            else if (e.key === 'ArrowDown') items[(at + 1) % items.length]?.focus();
            else if (e.key === 'ArrowUp') items[(at - 1 + items.length) % items.length]?.focus();
            else return;
            e.preventDefault();
          }}
        >
          {broadcastModes.map((m) => (
            <button key={m.mode} role="menuitemradio" aria-checked={mode === m.mode} onClick={() => choose(m.mode)}>
              <span className="menu-check">{mode === m.mode ? '●' : ''}</span>
              {m.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
