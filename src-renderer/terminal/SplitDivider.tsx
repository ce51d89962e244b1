// The bar between two panes: drag it, or focus it and use the arrow keys.
import type { KeyboardEvent, PointerEvent } from 'react';
import { useStore } from '../store/store';
import { ratioAt, setRatio, type Divider } from '../store/pane-layout';

const STEP = 0.05;

export function SplitDivider({ groupId, divider }: { groupId: string; divider: Divider }) {
  const { box, split, ratio, path } = divider;
  const across = split === 'right';
  const update = (next: number) => {
    const { groups, setLayout } = useStore.getState();
    const group = groups.find((g) => g.groupId === groupId);
    if (group) setLayout(groupId, setRatio(group.layout, path, next));
  };
  // The window follows the drag, so the pointer may cross the panes (and their iframes-free canvases) freely.
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    e.preventDefault();
    const area = e.currentTarget.parentElement!;
    const move = (m: globalThis.PointerEvent) => {
      const rect = area.getBoundingClientRect();
      update(ratioAt(divider, (m.clientX - rect.left) / rect.width, (m.clientY - rect.top) / rect.height));
    };
    const up = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      document.body.classList.remove('resizing-panes');
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
    // No text selection in the terminals while dragging.
    document.body.classList.add('resizing-panes');
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const less = across ? 'ArrowLeft' : 'ArrowUp';
    const more = across ? 'ArrowRight' : 'ArrowDown';
    if (e.key !== less && e.key !== more) return;
    e.preventDefault();
    update(ratio + (e.key === more ? STEP : -STEP));
  };
  const pct = (n: number) => `${n * 100}%`;
  const style = across
    ? { left: pct(box.x + box.w * ratio), top: pct(box.y), height: pct(box.h) }
    : { top: pct(box.y + box.h * ratio), left: pct(box.x), width: pct(box.w) };
  return (
    <div
      className={`split-divider ${across ? 'split-divider-across' : 'split-divider-down'}`}
      role="separator"
      tabIndex={0}
      aria-orientation={across ? 'vertical' : 'horizontal'}
      aria-label={across ? 'Divider between left and right panes' : 'Divider between upper and lower panes'}
      aria-valuenow={Math.round(ratio * 100)}
      aria-valuemin={10}
      aria-valuemax={90}
      style={style}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
    />
  );
}
