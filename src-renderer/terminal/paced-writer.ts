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
/**
 * A flood (this many bytes parsed within about FLOOD_TAU_MS) is parsed in
 * bursts: a task starts at most every FLOOD_GAP_MS (at most 50 frames a
 * second show it) and may parse for FLOOD_TASK_MS. Each frame after a parse
 * redraws every row (DOM renderer: ~20 ms a frame on the loaded bench
 * machine, however little was parsed), and a flood arrives in many small
 * messages, so parsing each as it came cost a full frame per few KiB (bench
 * renderer trace, base64: 682 such frames for 41 MB where bare xterm.js drew
 * 134; 493 with this gate). Waiting lets output pile up, so a frame shows
 * more of it; a keystroke's echo or a prompt after a quiet line never waits,
 * and a prompt after a flood waits at most FLOOD_GAP_MS. The gap was 50 ms at
 * first; on a quiet machine (bench renderer, load 3, 3 runs each) 0/20/30/50 ms
 * gave seq 0.41/0.48/0.46/0.31× bare xterm.js and base64 0.22/0.26/0.24/0.24×:
 * a long gap left the CPU idle between bursts.
 */
export const FLOOD_BYTES = 64 * 1024;
export const FLOOD_TAU_MS = 50;
export const FLOOD_GAP_MS = 20;
export const FLOOD_TASK_MS = 12;

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
  /** Bytes parsed lately, decaying with FLOOD_TAU_MS, and when it was last updated. */
  let recent = 0;
  let recentAt = 0;
  /** When the latest task that parsed began. */
  let lastStart = -Infinity;

  /** `recent` as it has decayed by time `t`. */
  const decayed = (t: number) => recent * Math.exp(-(t - recentAt) / FLOOD_TAU_MS);
  const flooding = () => decayed(now()) >= FLOOD_BYTES;
  /** How long the next task waits: in a flood, until FLOOD_GAP_MS after the last one began. */
  const wait = () => (shown && flooding() ? Math.max(0, lastStart + FLOOD_GAP_MS - now()) : 0);

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
    lastStart = taskStart;
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
      sliceParsed(slice.length);
    });
  };

  function sliceParsed(bytes: number) {
    if (disposed) return;
    markTask();
    const t = now();
    recent = decayed(t) + bytes;
    recentAt = t;
    const budget = !shown ? HIDDEN_TASK_MS : flooding() ? FLOOD_TASK_MS : SHOWN_TASK_MS;
    // Within budget: the next slice joins xterm.js's loop in this same task.
    if (now() - taskStart! < budget) return next();
    if (chunks.length === 0) {
      busy = false;
      return;
    }
    later(next, shown ? wait() : HIDDEN_REST_MS);
  }

  return {
    push(data, parsed) {
      if (disposed) return;
      if (data.length === 0) return void parsed?.();
      chunks.push({ bytes: data, parsed });
      waiting += data.length;
      if (busy) return;
      // Idle: write now, so xterm.js parses a keystroke's echo at once; in a flood, once the gap is over.
      const ms = wait();
      if (ms === 0) return next();
      busy = true;
      later(next, ms);
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
