// "Test connection": connect and authenticate as a session would (asking what
// it must), then let go, and hand back a verdict with the log. A host that is
// already connected answers from its shared connection: that login is the test.
import type { ConnectionTest } from '../../src-shared/contract';
import type { StoredHost } from '../hosts/hosts-model';
import type { Ask } from '../../src-shared/contract/prompts';
import type { ConnectionPool } from './connection-pool';
import { Cancelled } from './ssh-connection';

export async function testConnection(pool: ConnectionPool, host: StoredHost, ask: Ask): Promise<ConnectionTest> {
  const started = Date.now();
  const lease = pool.lease(host, ask);
  const through = host.jumpHosts.length ? ` through ${host.jumpHosts.join(' → ')}` : '';
  try {
    await lease.ready;
    const ms = Date.now() - started;
    const verdict = lease.shared
      ? `Connected: ${host.username}@${host.host}:${host.port}${through} is logged in, and this test used that connection (no new login).`
      : `Connected to ${host.host}:${host.port} and logged in as ${host.username} in ${ms} ms${through}.`;
    return { ok: true, verdict, log: lease.log.entries() };
  } catch (error) {
    const verdict = error instanceof Cancelled ? 'Cancelled.' : (error as Error).message;
    if (!lease.log.entries().some((l) => l.text.startsWith('Failed:'))) lease.log.add(`Failed: ${verdict}`);
    return { ok: false, verdict, log: lease.log.entries() };
  } finally {
    lease.release();
  }
}
