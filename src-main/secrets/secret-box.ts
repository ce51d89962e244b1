// Encrypts secrets at rest. The app uses Electron's safeStorage (OS keychain);
// a box that is not `available` must not be used to store anything.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface SecretBox {
  readonly available: boolean;
  /** Why secrets cannot be stored, when not available. */
  readonly unavailableReason?: string;
  encrypt(plain: string): Promise<string>;
  decrypt(sealed: string): Promise<string>;
}

/**
 * AES-256-GCM with a random key kept in a 0600 file beside the data. Used by
 * the e2e bridge and tests only, where there is no OS keychain; the key file
 * sits next to the ciphertext, so this protects against nothing on a real
 * desktop and the Electron app never uses it.
 */
export function keyFileSecretBox(dir: string): SecretBox {
  const keyFile = path.join(dir, 'test-secret.key');
  if (!existsSync(keyFile)) writeFileSync(keyFile, randomBytes(32), { mode: 0o600 });
  const key = readFileSync(keyFile);
  return {
    available: true,
    async encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    async decrypt(sealed) {
      const raw = Buffer.from(sealed, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

export const noSecretBox = (reason: string): SecretBox => ({
  available: false,
  unavailableReason: reason,
  encrypt: () => Promise.reject(new Error(reason)),
  decrypt: () => Promise.reject(new Error(reason)),
});
