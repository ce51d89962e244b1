// Makes a key pair as `ssh-keygen -t … -C … -N …` would: OpenSSH's private key
// format (bcrypt KDF + aes256-ctr when there is a passphrase) and a .pub line.
// ssh2 does the work, so no ssh-keygen is needed (Windows without OpenSSH).
import os from 'node:os';
import path from 'node:path';
import ssh2 from 'ssh2';
import { AppError } from '../errors/app-error';
import type { GeneratedKeyView } from '../../src-shared/contract';
import { expandHome } from '../connections/credentials';
import { publicKeyPath, refuseExisting, writeKeyPair } from './key-files';
import { fingerprint, formatPublicKey, parsePublicKey } from './public-key';

export type KeyType = 'ed25519' | 'ecdsa' | 'rsa';

export interface GenerateKeyOptions {
  /** The private key's path (absolute, or starting with ~/); the public key goes beside it as `<file>.pub`. */
  file: string;
  /** Default 'ed25519'. */
  type?: KeyType;
  /** RSA: 2048–16384, default 3072. ECDSA: 256, 384 or 521, default 256. Ed25519: ignored. */
  bits?: number;
  /** Default `user@host`, as ssh-keygen does. */
  comment?: string;
  /** Empty or absent: the private key is stored unencrypted. */
  passphrase?: string;
  /** Replace an existing key pair at `file` (the UI has asked). Default false. */
  overwrite?: boolean;
}

export type GeneratedKey = GeneratedKeyView;

/** ssh-keygen's defaults: aes256-ctr, 16 bcrypt rounds (`-a 16`). */
const CIPHER = 'aes256-ctr';
const KDF_ROUNDS = 16;
const RSA_BITS = { min: 2048, max: 16384, default: 3072 };
const ECDSA_BITS = [256, 384, 521];
/** ssh2 (1.17) writes a broken Ed25519 key ~1 time in 256; see generatePair. */
const ATTEMPTS = 8;

function checkBits(type: KeyType, bits: number | undefined): number {
  if (type === 'ed25519') return 256;
  if (type === 'ecdsa') {
    const chosen = bits ?? 256;
    if (!ECDSA_BITS.includes(chosen)) throw new AppError('bad-key-size', `An ECDSA key is 256, 384 or 521 bits, not ${chosen}.`);
    return chosen;
  }
  const chosen = bits ?? RSA_BITS.default;
  if (!Number.isInteger(chosen) || chosen < RSA_BITS.min || chosen > RSA_BITS.max) {
    throw new AppError('bad-key-size', `An RSA key must be ${RSA_BITS.min} to ${RSA_BITS.max} bits (3072 or 4096 is usual); ${chosen} is not allowed.`);
  }
  return chosen;
}

function defaultComment(): string {
  let user: string;
  try {
    user = os.userInfo().username;
  } catch {
    // No passwd entry for this uid (some containers): ssh-keygen would fail; a comment is not worth that.
    user = process.env.USER ?? process.env.USERNAME ?? 'user';
  }
  return `${user}@${os.hostname()}`;
}

function checkOptions(options: GenerateKeyOptions): { file: string; type: KeyType; bits: number; comment: string } {
  const type = options.type ?? 'ed25519';
  if (!['ed25519', 'ecdsa', 'rsa'].includes(type)) throw new AppError('bad-key-type', `Warren can make Ed25519, ECDSA and RSA keys, not "${String(type)}".`);
  const comment = options.comment ?? defaultComment();
  // The comment ends the .pub line and sits in authorized_keys: one line, printable.
  if (/[\x00-\x1f\x7f]/.test(comment)) throw new AppError('bad-comment', 'The key comment must be a single line without control characters.');
  const file = expandHome(options.file ?? '');
  // Main's working folder is wherever the app was started from: never a place to put a key.
  if (!path.isAbsolute(file)) throw new AppError('bad-path', 'Choose a full path (or one starting with ~/) for the new key.');
  return { file, type, bits: checkBits(type, options.bits), comment };
}

function generate(type: KeyType, bits: number, comment: string, passphrase: string): Promise<ssh2.utils.KeyPairReturn> {
  const encryption = passphrase ? { passphrase, cipher: CIPHER, rounds: KDF_ROUNDS } : {};
  // The key itself is made on libuv's thread pool (RSA 4096: 0.4-2.5 s
  // here); ssh2 then runs bcrypt on this thread (~0.2 s with a passphrase).
  return new Promise((resolve, reject) => {
    const done = (error: Error | null, pair: ssh2.utils.KeyPairReturn) => (error ? reject(error) : resolve(pair));
    if (type === 'ed25519') ssh2.utils.generateKeyPair('ed25519', { comment, ...encryption }, done);
    else if (type === 'ecdsa') ssh2.utils.generateKeyPair('ecdsa', { bits: bits as 256 | 384 | 521, comment, ...encryption }, done);
    else ssh2.utils.generateKeyPair('rsa', { bits, comment, ...encryption }, done);
  });
}

/**
 * ssh2 strips leading zero bytes from the public key it reads out of Node's
 * DER, so an Ed25519 key whose first byte is 0 comes out 31 bytes long and
 * unusable (mscdex/ssh2#1390, #1513, open in 1.17). Such a pair is thrown
 * away and a new one made; the check is whether the .pub parses.
 */
async function generatePair(type: KeyType, bits: number, comment: string, passphrase: string) {
  for (let attempt = 1; ; attempt++) {
    let pair: ssh2.utils.KeyPairReturn;
    try {
      pair = await generate(type, bits, comment, passphrase);
    } catch (error) {
      throw new AppError('keygen-failed', `Could not generate the key: ${(error as Error).message}.`);
    }
    try {
      return { privateText: pair.private, key: parsePublicKey(pair.public) };
    } catch (error) {
      if (attempt >= ATTEMPTS) throw new AppError('keygen-failed', `Could not generate a valid key: ${(error as Error).message}`);
    }
  }
}

/**
 * Generates a key pair and writes it to `options.file` and `<file>.pub`.
 * Rejects with an AppError: 'exists' (either file is there and `overwrite`
 * is not set; nothing is touched), 'bad-key-type', 'bad-key-size',
 * 'bad-comment', or a file error ('disk-full', 'permission-denied',
 * 'read-only', …) after removing anything it had written.
 */
export async function generateKey(options: GenerateKeyOptions): Promise<GeneratedKey> {
  const { file, type, bits, comment } = checkOptions(options);
  // Checked first so the user is not kept waiting for an RSA key that cannot be saved.
  if (!options.overwrite) await refuseExisting(file);
  const { privateText, key } = await generatePair(type, bits, comment, options.passphrase ?? '');
  const publicKey = formatPublicKey(key);
  await writeKeyPair(file, privateText, `${publicKey}\n`, options.overwrite ?? false);
  return {
    privateKeyPath: file,
    publicKeyPath: publicKeyPath(file),
    publicKey,
    fingerprint: fingerprint(key.blob),
    keyType: key.type,
    bits,
  };
}
