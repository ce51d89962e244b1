// Reads a host's key file before any connection is made, so that a missing,
// unreadable or unsupported key fails fast with the file named.
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ssh2 from 'ssh2';
import { AppError } from '../errors/app-error';

export interface KeyFile {
  path: string;
  data: Buffer;
  encrypted: boolean;
}

/** `~` and `~/…` against `home` (the user's, unless a test gives another). */
export function expandHome(file: string, home = os.homedir()): string {
  if (file === '~') return home;
  if (file.startsWith('~/')) return path.join(home, file.slice(2));
  return file;
}

const isEncryptedError = (error: Error) => /encrypted|passphrase/i.test(error.message);

export async function readKeyFile(keyPath: string): Promise<KeyFile> {
  const file = expandHome(keyPath);
  let data: Buffer;
  try {
    data = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'there is no such file'
      : code === 'EACCES' || code === 'EPERM' ? 'permission denied'
      : code === 'EISDIR' ? 'it is a folder'
      : (error as Error).message;
    throw new AppError('key-unreadable', `Cannot read the key file ${file}: ${why}. Check the path in the host's settings.`);
  }
  const parsed = ssh2.utils.parseKey(data);
  if (parsed instanceof Error && !isEncryptedError(parsed)) {
    throw new AppError(
      'key-invalid',
      `The key file ${file} is not a private key Warren can read (${parsed.message}). Use an OpenSSH or PEM private key (Ed25519, ECDSA or RSA); a .pub file is the public half.`,
    );
  }
  // A .pub file parses too; offering it would only end in a puzzling "not accepted".
  if (!(parsed instanceof Error) && !parsed.isPrivateKey()) {
    throw new AppError('key-invalid', `The key file ${file} is a public key. Choose the private half (usually the same name without .pub).`);
  }
  return { path: file, data, encrypted: parsed instanceof Error };
}

/** Null when the passphrase opens the key, else why not. */
export function checkPassphrase(key: KeyFile, passphrase: string): string | null {
  const parsed = ssh2.utils.parseKey(key.data, passphrase);
  return parsed instanceof Error ? parsed.message : null;
}
