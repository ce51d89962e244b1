// Errors from the operating system (errno codes) as AppErrors: a stable code
// and a sentence naming the file and saying why. Each caller brings its own
// table, because what to do about a full disk differs for a key file, a
// transfer and the file browser.
import type { ErrorCode } from '../../src-shared/errors';
import { AppError } from './app-error';

/** errno → [AppError code, why]. */
export type ErrnoMeanings = Readonly<Record<string, readonly [code: ErrorCode, why: string]>>;

/** `${lead} ${action} ${file}: ${why}.` — an AppError passes through unchanged; an unknown errno keeps the OS's words. */
export function osError(error: unknown, meanings: ErrnoMeanings, action: string, file: string, lead = 'Could not'): AppError {
  if (error instanceof AppError) return error;
  const errno = (error as NodeJS.ErrnoException | null)?.code;
  const [code, why] = (errno ? meanings[errno] : undefined) ?? ['io-error' as const, (error as Error | null)?.message ?? String(error)];
  return new AppError(code, `${lead} ${action} ${file}: ${why}.`);
}
