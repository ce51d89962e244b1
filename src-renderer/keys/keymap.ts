// Warren's own keys, from every feature, in one list. A feature binds a
// function that turns a key event into its action (or null); the app runs the
// first match wherever the focus is, and the terminal swallows every bound key
// so the remote never sees an escape code for it.
import type { KeyLike } from '../terminal/tab-shortcuts';

export type KeyAction = () => void;
export type KeyBinding = (event: KeyLike) => KeyAction | null;

export interface BindOptions {
  /** Runs behind a modal dialog too (most keys leave the UI alone while a dialog is open). */
  inDialogs?: boolean;
}

interface Bound {
  binding: KeyBinding;
  options: BindOptions;
}

const bound: Bound[] = [];

/** Adds a binding; returns how to take it away again. */
export function bindKeys(binding: KeyBinding, options: BindOptions = {}): () => void {
  const entry = { binding, options };
  bound.push(entry);
  return () => {
    const at = bound.indexOf(entry);
    if (at >= 0) bound.splice(at, 1);
  };
}

/** The first bound action for this key, and whether it may run behind a dialog. */
export function appKey(event: KeyLike): { run: KeyAction; inDialogs: boolean } | null {
  for (const { binding, options } of bound) {
    const run = binding(event);
    if (run) return { run, inDialogs: options.inDialogs ?? false };
  }
  return null;
}
