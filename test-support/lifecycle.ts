// Waits for what the open requests promise (src-shared/contract/lifecycle.ts):
// they answer at once, and the outcome comes as state events. In-process
// callers (tests, the bench) hear the same events the windows hear, through
// the services' own listeners, so a test need not connect a fake window.
import type { Services } from '../src-main/app/services';
import type { ConnectState, FilesStateEvent, TunnelView } from '../src-shared/contract';
import { AppError } from '../src-main/errors/app-error';
import type { HostKeyChange } from '../src-shared/contract';

/** A `failed` state as the error a caller can match: its code, its sentence, and the host-key change when that was why. */
export class FailedState extends AppError {
  readonly hostKeyChange: HostKeyChange | undefined;
  constructor(state: ConnectState) {
    super(state.code ?? 'connect-failed', state.message ?? 'Failed.');
    this.hostKeyChange = state.hostKeyChange;
  }
}

/**
 * files:open, then its outcome: resolves with the login folder on `connected`,
 * rejects with a FailedState on `failed`. `seen` collects every state of
 * this browser, in order (a test can check that `connecting` came first).
 */
export function openFiles(services: Services, clientId: string, browserId: string, hostId: string, replaces?: string, seen: FilesStateEvent[] = []): Promise<{ home: string }> {
  return new Promise((resolve, reject) => {
    const off = services.files.onState((client, event) => {
      if (client !== clientId || event.browserId !== browserId) return;
      seen.push(event);
      if (event.state === 'connecting') return;
      off();
      if (event.state === 'connected') resolve({ home: event.home ?? '' });
      else reject(new FailedState(event));
    });
    try {
      services.handlers['files:open']({ browserId, hostId, ...(replaces ? { replaces } : {}) }, { clientId });
    } catch (error) {
      off();
      reject(error as Error);
    }
  });
}

/**
 * tunnels:toggle, then its outcome: switching on resolves with the view once
 * it is 'on' and rejects with why on 'error'; switching off resolves with the
 * reply (off answers once it is off).
 */
export async function toggleTunnel(services: Services, clientId: string, hostId: string, forwardId: string, on: boolean): Promise<TunnelView> {
  if (!on) return services.handlers['tunnels:toggle']({ hostId, forwardId, on }, { clientId });
  return new Promise((resolve, reject) => {
    const settle = (view: TunnelView) => {
      if (view.state === 'connecting') return;
      off();
      if (view.state === 'on') resolve(view);
      else reject(new AppError(view.lastErrorCode ?? 'connect-failed', view.lastError ?? 'Switched off.'));
    };
    const off = services.tunnels.onChange((change) => {
      if (change.type === 'update' && change.view.hostId === hostId && change.view.forwardId === forwardId) settle(change.view);
    });
    Promise.resolve(services.handlers['tunnels:toggle']({ hostId, forwardId, on }, { clientId })).then(
      // Already on: no update follows.
      (view) => {
        if (view.state === 'on') settle(view);
      },
      (error: Error) => (off(), reject(error)),
    );
  });
}
