// Reads what a host needs to authenticate, before any connection is made, so
// that an unreadable key file fails fast with the file named.
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ssh2 from 'ssh2';
import { AppError } from '../app/app-error';

export type Credential =
  | { type: 'password'; password: string | undefined }
  | { type: 'key'; keyPath: string; privateKey: Buffer };

export function expandHome(file: string): string {
  if (file === '~') return os.homedir();
  if (file.startsWith('~/')) return path.join(os.homedir(), file.slice(2));
  return file;
}

export async function loadKeyCredential(keyPath: string): Promise<Credential> {
  const file = expandHome(keyPath);
  let privateKey: Buffer;
  try {
    privateKey = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'there is no such file'
      : code === 'EACCES' || code === 'EPERM' ? 'permission denied'
      : code === 'EISDIR' ? 'it is a folder'
      : (error as Error).message;
    throw new AppError('key-unreadable', `Cannot read the key file ${file}: ${why}. Check the path in the host's settings.`);
  }
  const parsed = ssh2.utils.parseKey(privateKey);
  if (parsed instanceof Error) {
    if (/encrypted|passphrase/i.test(parsed.message)) {
      throw new AppError('key-encrypted', `The key file ${file} is protected by a passphrase, and this version of Warren cannot ask for one yet. Load the key into ssh-agent, or use a key without a passphrase.`);
    }
    throw new AppError('key-invalid', `The key file ${file} is not a private key Warren can read (${parsed.message}). Use an OpenSSH or PEM private key (Ed25519, ECDSA or RSA).`);
  }
  return { type: 'key', keyPath: file, privateKey };
}
