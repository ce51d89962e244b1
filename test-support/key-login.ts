// "Does the server now accept this key?", asked the way the app asks it (Keys…
// → copy to host): a fresh SshConnection whose plan offers that one key and
// nothing else, so a success cannot come from some other credential.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AppError } from '../src-main/errors/app-error';
import { AuthPlan } from '../src-main/connections/auth-plan';
import type { Endpoint } from '../src-main/connections/connect-errors';
import { readKeyFile } from '../src-main/connections/credentials';
import { SshConnection } from '../src-main/connections/ssh-connection';
import type { HostKeyCheck } from '../src-main/host-keys/host-key-check';

export type KeyLoginResult = { ok: true } | { ok: false; error: AppError };

/**
 * Logs in with `privateKey` alone and disconnects. Never rejects: a failure
 * carries the app's own AppError (key-invalid, auth-failed, host-key-…).
 * The passphrase, when given, is the answer to every passphrase prompt.
 */
export async function loginWithKeyOnly(endpoint: Endpoint, privateKey: Buffer, options: { passphrase?: string; hostKeys: HostKeyCheck }): Promise<KeyLoginResult> {
  // The app reads keys from files; so does this, from a private temp copy.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'warren-key-login-'));
  const file = path.join(dir, 'id');
  writeFileSync(file, privateKey, { mode: 0o600 });
  try {
    const keyFile = await readKeyFile(file);
    const plan = new AuthPlan(
      { ...endpoint, agentSocket: null, keyFile, canRemember: false, keyFileOnly: true },
      async (question) => (question.kind === 'passphrase' && options.passphrase !== undefined ? { kind: 'passphrase', passphrase: options.passphrase, remember: false } : null) as never,
    );
    const connection = new SshConnection({ endpoint, auth: plan, hostKeys: options.hostKeys, readyTimeoutMs: 20_000 });
    await connection.connect();
    connection.close();
    return { ok: true };
  } catch (error) {
    return { ok: false, error: error as AppError };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
