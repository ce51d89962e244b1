// Marks a terminal's element while output is streaming into it, and unmarks
// it STREAM_QUIET_MS after the last output. The mark turns the cursor's blink
// off (app.css): xterm.js's DOM renderer re-creates the cursor's cell on every
// frame that moves it, and with blinking on each new cell starts a CSS
// animation and cancels the last one. A trace of the bench renderer's base64
// flood: 178 animationstart/animationcancel pairs, one per frame, each frame
// restyling and re-layering the cursor. A terminal does not blink a cursor
// that moves every frame anyway; it blinks again once the output stops.

/** Output quiet for this long: the cursor may blink again. */
export const STREAM_QUIET_MS = 400;
export const STREAMING_CLASS = 'terminal-streaming';

export interface StreamingMark {
  /** Output arrived just now. */
  output(): void;
  dispose(): void;
}

interface Deps {
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

/** Keeps one timer armed and moves its deadline: output comes in hundreds of messages a second. */
export function streamingMark(element: Element, deps: Deps = {}): StreamingMark {
  const now = deps.now ?? (() => performance.now());
  const setTimer = deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = deps.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  let deadline = 0;
  let timer: unknown = null;
  const fire = () => {
    const left = deadline - now();
    if (left > 0) return void (timer = setTimer(fire, left));
    timer = null;
    element.classList.remove(STREAMING_CLASS);
  };
  return {
    output() {
      deadline = now() + STREAM_QUIET_MS;
      if (timer !== null) return;
      element.classList.add(STREAMING_CLASS);
      timer = setTimer(fire, STREAM_QUIET_MS);
    },
    dispose() {
      if (timer !== null) clearTimer(timer);
      timer = null;
      element.classList.remove(STREAMING_CLASS);
    },
  };
}
