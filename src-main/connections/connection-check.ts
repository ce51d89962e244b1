// "Test connection": connect and authenticate as a session would (asking what
// it must), then disconnect, and hand back a verdict with the log.
import type { ConnectionTest } from '../../src-shared/contract';
import type { StoredHost } from '../hosts/hosts-model';
import type { Ask } from '../../src-shared/contract/prompts';
import type { HostConnector } from './host-connector';
import { ConnectionLog } from './connection-log';
import { Cancelled, SshConnection } from './ssh-connection';

export async function testConnection(connector: HostConnector, host: StoredHost, ask: Ask): Promise<ConnectionTest> {
  const log = new ConnectionLog();
  const started = Date.now();
  try {
    const connection = new SshConnection({ ...(await connector.options(host, ask)), log });
    await connection.connect();
    const ms = Date.now() - started;
    connection.close();
    return { ok: true, verdict: `Connected to ${host.host}:${host.port} and logged in as ${host.username} in ${ms} ms${host.jumpHosts.length ? ` through ${host.jumpHosts.join(' → ')}` : ''}.`, log: log.entries() };
  } catch (error) {
    const verdict = error instanceof Cancelled ? 'Cancelled.' : (error as Error).message;
    if (!log.entries().some((l) => l.text.startsWith('Failed:'))) log.add(`Failed: ${verdict}`);
    return { ok: false, verdict, log: log.entries() };
  }
}
