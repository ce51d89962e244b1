// The one way Warren waits for an answer from a server or an agent once the
// connection is up: a deadline whose message names what did not answer, and a
// cancel that ends the wait at once. Nothing that arrives after the wait was
// given up is kept: a late channel is closed, so nothing leaks.
import { AppError } from '../errors/app-error';

/** How long a server (or the ssh-agent) may take to answer one request. */
export const REPLY_TIMEOUT_MS = 20_000;

/** `20 s`, or `0.3 s` for the short deadlines tests set. */
export function seconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 100) / 10} s`;
}

export interface DeadlineOptions<T> {
  ms: number;
  /** The error when time runs out: a sentence that names what did not answer and what to do. */
  timeout: () => AppError;
  /**
   * Aborting ends the wait at once (a tab closed, a tunnel switched off, the
   * connection gone); it rejects with `signal.reason` when that is an AppError.
   */
  signal?: AbortSignal | undefined;
  /** Runs once when the deadline or a cancel ends the wait, to let go of what it held. */
  giveUp?: () => void;
  /** Releases a value that arrives after the wait was given up (close a late channel). */
  late?: (value: T) => void;
}

/** What `start` reports through: an error, or the value. */
export type Done<T> = (error: unknown, value?: T) => void;

/**
 * Runs `start` and settles with what it reports, unless the deadline or a
 * cancel comes first. `start` may throw (ssh2 throws "Not connected" at once).
 */
export function withDeadline<T>(start: (done: Done<T>) => void, options: DeadlineOptions<T>): Promise<T> {
  const { signal } = options;
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return false;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      outcome();
      return true;
    };
    const abandon = (error: AppError) =>
      finish(() => {
        try {
          options.giveUp?.();
        } finally {
          reject(error);
        }
      });
    const onAbort = () => abandon(signal?.reason instanceof AppError ? signal.reason : new AppError('cancelled', 'Cancelled.'));
    const timer = setTimeout(() => abandon(options.timeout()), options.ms);
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const done: Done<T> = (error, value) => {
      const taken = finish(() => (error ? reject(error) : resolve(value as T)));
      if (!taken && !error && value !== undefined) options.late?.(value);
    };
    try {
      start(done);
    } catch (error) {
      done(error);
    }
  });
}
