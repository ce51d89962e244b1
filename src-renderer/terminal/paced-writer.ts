// Hands a terminal's output to xterm.js in small slices, a few milliseconds
// of parsing per task. xterm.js parses whatever it has been given for 12 ms
// before it yields, plus the rest of the write it is in (a 32 KiB slice of
// `yes` is tens of milliseconds on a busy machine), so during a flood a
// click on another tab or the frame that shows it waited behind two or three
// such tasks (bench renderer: tab switch 50–190 ms). Fed here, a task ends
// once its budget is spent and the next slice comes in a task of its own,
// behind any input and rendering that is waiting. A hidden terminal gets a
// smaller budget and waits between tasks: it keeps parsing (its flow
// control keeps going, nothing is dropped) but leaves the page to the tab on show.

/** Bytes per write: the most one write can run over a task's budget. */
export const SLICE = 4 * 1024;
/** Parsing a shown terminal may do in one task before it yields. */
export const SHOWN_TASK_MS = 6;
/** Parsing a hidden terminal may do in one task. */
export const HIDDEN_TASK_MS = 2;
/** Rest between a hidden terminal's tasks. */
export const HIDDEN_REST_MS = 4;

export interface PacedWriterDeps {
  /** xterm.js's write: `done` runs once the slice is parsed. */
  write(slice: Uint8Array, done: () => void): void;
  now?: () => number;
  /** Runs `fn` in a later task, after `ms` (0: as soon as the page has handled what waits). */
  later?: (fn: () => void, ms: number) => void;
  /** Runs `fn` once the current task's script is done. */
  afterTask?: (fn: () => void) => void;
}

export interface PacedWriter {
  /** `parsed` runs once xterm.js has parsed all of `data`. */
  push(data: Uint8Array, parsed?: () => void): void;
  /** The terminal is on show (full budget) or hidden (a small one). */
  setShown(shown: boolean): void;
  /** Bytes given to it and not yet handed to xterm.js. */
  readonly waiting: number;
  /** Hands xterm.js all that waits, at once (the session is done: its last words come before anything new), and stops. */
  close(): void;
  /** Drops what waits and stops. */
  dispose(): void;
}

/** A task posted through a MessageChannel runs without the timers' 4 ms clamp. */
function postTask(): (fn: () => void, ms: number) => void {
  const channel = new MessageChannel();
  const queue: (() => void)[] = [];
  channel.port1.onmessage = () => queue.shift()?.();
  return (fn, ms) => {
    if (ms > 0) return void setTimeout(fn, ms);
    queue.push(fn);
    channel.port2.postMessage(null);
  };
}

export function pacedWriter(deps: PacedWriterDeps): PacedWriter {
  const now = deps.now ?? (() => performance.now());
  const later = deps.later ?? postTask();
  const afterTask = deps.afterTask ?? queueMicrotask;
  const chunks: { bytes: Uint8Array; parsed: (() => void) | undefined }[] = [];
  let waiting = 0;
  let shown = true;
  /** A slice is with xterm.js, or a task to write the next is scheduled. */
  let busy = false;
  /** When the task that is parsing began (null between tasks). */
  let taskStart: number | null = null;
  let disposed = false;

  /** The next slice, and what to call once it is parsed (the push's own callback after its last slice). */
  const take = (): [Uint8Array, (() => void) | undefined] => {
    const head = chunks[0]!;
    if (head.bytes.length <= SLICE) {
      chunks.shift();
      waiting -= head.bytes.length;
      return [head.bytes, head.parsed];
    }
    const slice = head.bytes.subarray(0, SLICE);
    head.bytes = head.bytes.subarray(SLICE);
    waiting -= SLICE;
    return [slice, undefined];
  };

  const markTask = () => {
    if (taskStart !== null) return;
    taskStart = now();
    afterTask(() => (taskStart = null));
  };

  const next = () => {
    if (disposed) return;
    if (chunks.length === 0) {
      busy = false;
      return;
    }
    markTask();
    busy = true;
    const [slice, done] = take();
    deps.write(slice, () => {
      done?.();
      sliceParsed();
    });
  };

  function sliceParsed() {
    if (disposed) return;
    markTask();
    const budget = shown ? SHOWN_TASK_MS : HIDDEN_TASK_MS;
    // Within budget: the next slice joins xterm.js's loop in this same task.
    if (now() - taskStart! < budget) return next();
    if (chunks.length === 0) {
      busy = false;
      return;
    }
    later(next, shown ? 0 : HIDDEN_REST_MS);
  }

  return {
    push(data, parsed) {
      if (disposed) return;
      if (data.length === 0) return void parsed?.();
      chunks.push({ bytes: data, parsed });
      waiting += data.length;
      // Idle: write now, so xterm.js parses a keystroke's echo at once.
      if (!busy) next();
    },
    setShown(value) {
      shown = value;
    },
    get waiting() {
      return waiting;
    },
    close() {
      if (disposed) return;
      disposed = true;
      while (chunks.length > 0) {
        const [slice, done] = take();
        deps.write(slice, () => done?.());
      }
    },
    dispose() {
      disposed = true;
      chunks.length = 0;
      waiting = 0;
    },
  };
}
