import type { ErrorCode } from '../../src-shared/errors';

/** An error meant for the user: a stable code and a sentence that says what to do. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}
