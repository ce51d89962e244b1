// The renderer's only door to main: `window.warren`, typed from the contract.
import type { WarrenApi } from '../../src-shared/api';
import type { Result } from '../../src-shared/contract';

declare global {
  interface Window {
    warren: WarrenApi;
  }
}

export const warren = (): WarrenApi => window.warren;

export class RequestError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Unwraps a Result, turning an error into an exception with the user-facing message. */
export async function value<T>(pending: Promise<Result<T>>): Promise<T> {
  const result = await pending;
  if (!result.ok) throw new RequestError(result.error.code, result.error.message);
  return result.value;
}
