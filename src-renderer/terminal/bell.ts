// The terminal bell (BEL, \a): a short flash of the terminal, or a short beep.
// Bursts (a `cat` of a binary file rings hundreds of times) ring once.
import type { BellMode } from '../../src-shared/terminal-settings';

const QUIET_MS = 150;
let audio: AudioContext | null = null;

function beep(): void {
  // One context for the app: browsers cap how many may exist.
  audio ??= new AudioContext();
  const ctx = audio;
  void ctx.resume();
  const osc = ctx.createOscillator();
  const gain = ctx.createGain();
  osc.type = 'sine';
  osc.frequency.value = 880;
  const t = ctx.currentTime;
  // Ramp in and out so the beep does not click.
  gain.gain.setValueAtTime(0, t);
  gain.gain.linearRampToValueAtTime(0.15, t + 0.01);
  gain.gain.exponentialRampToValueAtTime(0.001, t + 0.12);
  osc.connect(gain).connect(ctx.destination);
  osc.start(t);
  osc.stop(t + 0.13);
}

function flash(element: HTMLElement): void {
  element.animate([{ filter: 'none' }, { filter: 'invert(0.25)' }, { filter: 'none' }], { duration: QUIET_MS, easing: 'ease-out' });
}

/** A bell for one terminal element; `mode` is read at each ring, so a settings change applies at once. */
export function bellFor(element: HTMLElement, mode: () => BellMode): () => void {
  let last = 0;
  return () => {
    const now = performance.now();
    if (now - last < QUIET_MS) return;
    last = now;
    const current = mode();
    if (current === 'visual') flash(element);
    else if (current === 'sound') beep();
  };
}
