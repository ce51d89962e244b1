// How a failed connect is told to the window, the same for terminals, Files
// tabs and tunnels (contract/lifecycle.ts): the code, the sentence, and the
// host-key change when that is why, so the tab can show its hard-stop notice.
import type { ConnectState } from '../../src-shared/contract';
import { AppError } from '../errors/app-error';
import { HostKeyRefusal } from '../host-keys/host-key-check';

export function failedState(error: unknown): ConnectState & { state: 'failed'; message: string } {
  const known = error instanceof AppError ? error : new AppError('connect-failed', String((error as Error)?.message ?? error));
  const change = known instanceof HostKeyRefusal ? known.change : undefined;
  return { state: 'failed', code: known.code, message: known.message, ...(change ? { hostKeyChange: change } : {}) };
}
