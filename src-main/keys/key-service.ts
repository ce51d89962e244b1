// Key tools as the app offers them: generate a pair, and copy a public key to
// a saved host (what ssh-copy-id does) then prove that it logs in, offering
// that key alone. Connections go through the host's usual path: its jump
// hosts, its host-key policy, and prompts for whatever it needs.
import { readFile } from 'node:fs/promises';
import type { CopyIdView } from '../../src-shared/contract';
import type { HostsService } from '../hosts/hosts-service';
import type { HostConnector } from '../connections/host-connector';
import type { ConnectionPool } from '../connections/connection-pool';
import type { Ask } from '../../src-shared/contract/prompts';
import { AppError } from '../errors/app-error';
import { Cancelled, SshConnection } from '../connections/ssh-connection';
import { copyId } from './copy-id';
import { generateKey, type GenerateKeyOptions, type GeneratedKey } from './key-generator';
import { parsePublicKey } from './public-key';
import { expandHome } from '../connections/credentials';

export type CopyIdOutcome = CopyIdView;

export class KeyService {
  constructor(private readonly deps: { hosts: HostsService; connector: HostConnector; pool: ConnectionPool; home?: string }) {}

  generate(options: GenerateKeyOptions): Promise<GeneratedKey> {
    return generateKey({ ...options, file: this.expand(options.file) });
  }

  async copyToHost(hostId: string, publicKeyPath: string, ask: Ask): Promise<CopyIdOutcome> {
    const host = this.deps.hosts.get(hostId);
    const pubPath = this.expand(publicKeyPath);
    const text = await readFile(pubPath, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new AppError(error.code === 'ENOENT' ? 'not-found' : 'unreadable', `Cannot read the public key ${pubPath}: ${error.code === 'ENOENT' ? 'there is no such file' : error.message}.`);
    });
    const line = text.split('\n').find((l) => l.trim() !== '') ?? '';
    parsePublicKey(line); // throws a clear AppError for a file that is not a public key
    // The host's shared connection: a host already open in a tab asks for nothing.
    const lease = this.deps.pool.lease(host, ask);
    let result;
    try {
      result = await copyId((await lease.ready).client, line.trim());
    } catch (error) {
      if (error instanceof Cancelled) throw new AppError('cancelled', 'Cancelled.');
      throw error;
    } finally {
      lease.release();
    }
    const privatePath = pubPath.endsWith('.pub') ? pubPath.slice(0, -4) : null;
    const verified = privatePath ? await this.verify(host.id, privatePath, ask) : { ok: false, why: 'the private key is not beside the .pub file, so the login was not tried' };
    const where = `${host.username}@${host.host}:${result.path}`;
    const message = `${result.added ? 'Added the key to' : 'The key was already in'} ${where}. ${verified.ok ? 'Logging in with the key alone works.' : `Could not log in with the key alone: ${verified.why}`}`;
    return { added: result.added, path: result.path, verified: verified.ok, message, warnings: result.warnings };
  }

  /** A connection of its own, never shared: it must prove this key alone logs in. */
  private async verify(hostId: string, privatePath: string, ask: Ask): Promise<{ ok: boolean; why: string }> {
    try {
      const connection = new SshConnection(await this.deps.connector.options(this.deps.hosts.get(hostId), ask, { keyPath: privatePath }));
      await connection.connect();
      connection.close();
      return { ok: true, why: '' };
    } catch (error) {
      return { ok: false, why: (error as Error).message };
    }
  }

  private expand(file: string): string {
    return expandHome(file, this.deps.home);
  }
}
