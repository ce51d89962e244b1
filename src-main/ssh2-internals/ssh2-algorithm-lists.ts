// ssh2's default and supported algorithm lists. They live in a private module
// (lib/protocol/constants.js) and depend on what this Node's OpenSSL offers,
// so they are read at run time rather than copied; the test beside this file
// fails loudly if an ssh2 upgrade moves them.
import { createRequire } from 'node:module';

export interface Ssh2AlgorithmLists {
  DEFAULT_KEX: string[];
  SUPPORTED_KEX: string[];
  DEFAULT_SERVER_HOST_KEY: string[];
  SUPPORTED_SERVER_HOST_KEY: string[];
  DEFAULT_CIPHER: string[];
  SUPPORTED_CIPHER: string[];
  DEFAULT_MAC: string[];
  SUPPORTED_MAC: string[];
}

export const ssh2AlgorithmLists = createRequire(import.meta.url)('ssh2/lib/protocol/constants.js') as Ssh2AlgorithmLists;
