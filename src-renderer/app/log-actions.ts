// Opening a connection's log, and "Test connection" on a host.
import type { HostView } from '../../src-shared/contract';
import { value, warren } from '../api/warren';
import { useStore } from '../store/store';

export function showConnectionLog(title: string, id: string): void {
  useStore.getState().showDialog({ kind: 'log', title, load: async () => ({ lines: await value(warren().log.get({ id })) }) });
}

export function testConnection(host: HostView): void {
  useStore.getState().showDialog({
    kind: 'log',
    title: `Test connection: ${host.name}`,
    load: async () => {
      const result = await value(warren().hosts.test({ hostId: host.id }));
      return { verdict: { ok: result.ok, text: result.verdict }, lines: result.log };
    },
  });
}
