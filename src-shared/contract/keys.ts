// Key pairs: generating one, and copying a public key to a saved host.
import { z } from 'zod';
import { filePath, id, request } from './common';

/** A key pair just written (its files, the .pub line, and how ssh-keygen -l would name it). */
export interface GeneratedKeyView {
  privateKeyPath: string;
  publicKeyPath: string;
  /** The .pub line, without the newline. */
  publicKey: string;
  /** `SHA256:…`, as `ssh-keygen -l` prints it. */
  fingerprint: string;
  /** The SSH type name, e.g. 'ssh-ed25519'. */
  keyType: string;
  bits: number;
}

export interface CopyIdView {
  added: boolean;
  path: string;
  /** True once a fresh login offering only the new key worked. */
  verified: boolean;
  message: string;
  warnings: string[];
}

export const keyRequests = {
  /** Writes a new key pair (never over an existing file unless `overwrite`). */
  'keys:generate': request<GeneratedKeyView>()(
    z
      .object({
        file: filePath,
        type: z.enum(['ed25519', 'ecdsa', 'rsa']).default('ed25519'),
        bits: z.number().int().optional(),
        comment: z.string().max(1024).optional(),
        passphrase: z.string().max(1024).optional(),
        overwrite: z.boolean().optional(),
      })
      .strict(),
  ),
  /** ssh-copy-id: appends the public key to the host's authorized_keys, then logs in with that key alone. */
  'keys:copyToHost': request<CopyIdView>()(z.object({ hostId: id, publicKeyPath: filePath }).strict()),
};
