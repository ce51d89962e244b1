// xterm.js 6 syncs its scrollbar on every line the buffer scrolls, and each
// sync re-arms the scrollbar's fade-out timer (clearTimeout + setTimeout)
// unless the mouse is over the terminal. In a flood that is one pair of timer
// calls per line: a CPU profile of the bench renderer's base64 run spent
// 340 ms in them against 1.2 s parsing (bare xterm.js, mouse over it, none).
// Made lazy, the timer keeps one setTimeout armed and, when it fires early,
// re-arms for what is left of the latest deadline: it still hides the
// scrollbar HIDE_TIMEOUT after the last scroll, for a handful of timer calls.

/** xterm.js's (VS Code's) TimeoutTimer, as far as it is used here. */
export interface TimeoutTimerLike {
  cancelAndSet(runner: () => void, timeout: number): void;
  cancel(): void;
}

/** Makes `timer.cancelAndSet` move a deadline instead of replacing a timeout each call. */
export function makeLazy(timer: TimeoutTimerLike, now: () => number = () => performance.now()): void {
  const set = timer.cancelAndSet.bind(timer);
  const cancel = timer.cancel.bind(timer);
  let armed = false;
  let deadline = 0;
  let runner: (() => void) | null = null;
  const fire = () => {
    const left = deadline - now();
    // `set` cancels first, through the patched cancel below: mark armed after it.
    if (left > 0) return void (set(fire, left), (armed = true));
    armed = false;
    runner?.();
  };
  timer.cancelAndSet = (run, timeout) => {
    runner = run;
    deadline = now() + timeout;
    if (armed) return;
    set(fire, timeout);
    armed = true;
  };
  timer.cancel = () => {
    armed = false;
    cancel();
  };
}

/**
 * Finds the scrollbar's fade-out timer inside a terminal (private fields of
 * xterm.js 6.0) and makes it lazy; does nothing if they are not where expected.
 */
export function lazyScrollbarHide(term: object): boolean {
  const field = (o: unknown, name: string): unknown => (o && typeof o === 'object' ? (o as Record<string, unknown>)[name] : undefined);
  const timer = field(field(field(field(term, '_core'), '_viewport'), '_scrollableElement'), '_hideTimeout');
  if (typeof field(timer, 'cancelAndSet') !== 'function' || typeof field(timer, 'cancel') !== 'function') return false;
  makeLazy(timer as TimeoutTimerLike);
  return true;
}
