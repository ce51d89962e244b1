// A menu that drops from a toolbar button: takes the focus (the checked item,
// else the first), moves it with the arrow keys, and closes on Escape or a
// click anywhere outside its button and itself. Items are its role=menuitem /
// menuitemradio children.
import { useEffect, useRef, type ReactNode } from 'react';

const ITEMS = '[role="menuitem"], [role="menuitemradio"], [role="menuitemcheckbox"]';

export function PopupMenu({ label, onClose, children }: { label: string; onClose: () => void; children: ReactNode }) {
  const menuRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const menu = menuRef.current;
    (menu?.querySelector<HTMLElement>('[aria-checked="true"]') ?? menu?.querySelector<HTMLElement>(ITEMS))?.focus();
    // The button that opened it sits beside it in the same wrapper: a click there toggles, not closes twice.
    const outside = (e: MouseEvent) => !menu?.parentElement?.contains(e.target as Node) && onClose();
    window.addEventListener('mousedown', outside);
    return () => window.removeEventListener('mousedown', outside);
  }, [onClose]);
  return (
    <div
      className="menu"
      role="menu"
      aria-label={label}
      ref={menuRef}
      onKeyDown={(e) => {
        const items = [...(menuRef.current?.querySelectorAll<HTMLElement>(ITEMS) ?? [])];
        const at = items.indexOf(document.activeElement as HTMLElement);
        if (e.key === 'Escape') onClose();
        else if (e.key === 'ArrowDown') items[(at + 1) % items.length]?.focus();
        else if (e.key === 'ArrowUp') items[(at - 1 + items.length) % items.length]?.focus();
        else return;
        e.preventDefault();
      }}
    >
      {children}
    </div>
  );
}
