// "Does the server now accept this key?" — a fresh connection that offers
// that one key and nothing else (no agent, no password, no prompts), so a
// success cannot come from some other credential.
import ssh2, { type AuthenticationType } from 'ssh2';
import { AppError } from '../src-main/errors/app-error';
import type { HostKeyCheck } from '../src-main/host-keys/host-key-check';
import { describeConnectError, type Endpoint } from '../src-main/connections/connect-errors';

export interface VerifyKeyLoginOptions {
  /** Empty or absent for an unencrypted key. */
  passphrase?: string;
  /** Checked before the key is offered, as for every connection. */
  hostKeys: HostKeyCheck;
  /** For the network part of the handshake and for the server's answer; default 20 s. */
  timeoutMs?: number;
}

export type KeyLoginResult = { ok: true } | { ok: false; error: AppError };

function fail(error: AppError): KeyLoginResult {
  return { ok: false, error };
}

function rejected({ host, port, username }: Endpoint): AppError {
  return new AppError(
    'auth-failed',
    `${username}@${host}:${port} did not accept the key. If it was just installed, the server may read keys from elsewhere (AuthorizedKeysFile), ignore a folder others can write to (StrictModes), or not allow this key type.`,
  );
}

/**
 * Logs in to `endpoint` with `privateKey` alone and disconnects. Never
 * rejects: `{ ok: false }` carries an AppError whose code says why —
 * 'auth-failed' when the server refused the key, 'key-invalid' or
 * 'bad-passphrase' when the key could not be used, otherwise the connection's
 * own error (host key refused, timeout, refused, …).
 */
export async function verifyKeyLogin(endpoint: Endpoint, privateKey: Buffer | string, options: VerifyKeyLoginOptions): Promise<KeyLoginResult> {
  const passphrase = options.passphrase || undefined;
  const parsed = ssh2.utils.parseKey(privateKey, passphrase);
  if (parsed instanceof Error) {
    const locked = /encrypted|passphrase|decrypt/i.test(parsed.message);
    return fail(
      locked
        ? new AppError('bad-passphrase', passphrase ? 'The passphrase does not open this key.' : 'This key is protected by a passphrase: enter it to test the login.')
        : new AppError('key-invalid', `That is not a private key Warren can read (${parsed.message}).`),
    );
  }
  if (!parsed.isPrivateKey()) return fail(new AppError('key-invalid', 'That is a public key; the login test needs the private key.'));

  const { host, port, username } = endpoint;
  const limitMs = options.timeoutMs ?? 20_000;
  const client = new ssh2.Client();
  return new Promise<KeyLoginResult>((resolve) => {
    let settled = false;
    let refusal: AppError | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const settle = (result: KeyLoginResult) => {
      clearTimeout(timer);
      if (settled) return;
      settled = true;
      client.end();
      resolve(result);
    };
    // Runs only while Warren waits on the network: not while the host-key check may be asking the user.
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        settle(fail(new AppError('timeout', `${host}:${port} did not answer within ${Math.round(limitMs / 1000)} s. Check the address and port, and any firewall in between.`)));
        client.destroy();
      }, limitMs);
    };
    let offered = false;
    client.once('ready', () => settle({ ok: true }));
    client.on('error', (error) => {
      if (refusal) return settle(fail(refusal));
      if ((error as { level?: string }).level === 'client-authentication') return settle(fail(rejected(endpoint)));
      settle(fail(describeConnectError(error, endpoint)));
    });
    client.on('close', () => settle(fail(refusal ?? describeConnectError(new Error('the server closed the connection'), endpoint))));
    arm();
    client.connect({
      host,
      port,
      username,
      readyTimeout: 0,
      hostVerifier: (key: Buffer, verify: (ok: boolean) => void) => {
        clearTimeout(timer);
        options.hostKeys.check(host, port, key).then(
          (why) => {
            refusal = why;
            if (!why) arm();
            verify(why === null);
          },
          (error: unknown) => {
            refusal = new AppError('host-key-error', `Could not check the host key: ${(error as Error).message}`);
            verify(false);
          },
        );
      },
      // One offer of the key; after that ssh2 must give up rather than try 'none' or anything else.
      authHandler: (_methods: AuthenticationType[] | null, _partial: boolean | null, next: (step: unknown) => void) => {
        if (offered) return next(false);
        offered = true;
        // Already decrypted: ssh2 would otherwise run bcrypt (~0.2 s on this thread) a second time.
        next({ type: 'publickey', username, key: parsed });
      },
    } as ssh2.ConnectConfig);
  });
}
