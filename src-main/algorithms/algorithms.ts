// A host's algorithm specs turned into the lists ssh2 offers. Warren's
// defaults are ssh2's without the legacy names (as OpenSSH's are), so ssh-rsa
// host keys or SHA-1 key exchange reach only a host that asks for them.
import { AppError } from '../errors/app-error';
import { ssh2AlgorithmLists as ssh2 } from '../ssh2-internals/ssh2-algorithm-lists';
import { algorithmKeywords, algorithmKinds, applyAlgorithmSpec, legacyAlgorithms, type AlgorithmKind, type AlgorithmSpecs } from '../../src-shared/ssh-algorithms';

const modern = (kind: AlgorithmKind, list: readonly string[]) => list.filter((name) => !legacyAlgorithms[kind].includes(name));

/** User-key signature algorithms ssh2 can make (lib/client.js getKeyAlgos and the key parsers). */
const PUBKEY_SUPPORTED = ['ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521', 'rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa', 'ssh-dss'];

export const algorithmLists: Record<AlgorithmKind, { defaults: string[]; supported: string[] }> = {
  hostKey: { defaults: modern('hostKey', ssh2.DEFAULT_SERVER_HOST_KEY), supported: ssh2.SUPPORTED_SERVER_HOST_KEY },
  kex: { defaults: modern('kex', ssh2.DEFAULT_KEX), supported: ssh2.SUPPORTED_KEX },
  cipher: { defaults: modern('cipher', ssh2.DEFAULT_CIPHER), supported: ssh2.SUPPORTED_CIPHER },
  mac: { defaults: modern('mac', ssh2.DEFAULT_MAC), supported: ssh2.SUPPORTED_MAC },
  pubkey: { defaults: modern('pubkey', PUBKEY_SUPPORTED), supported: PUBKEY_SUPPORTED },
};

export type ResolvedAlgorithms = Record<AlgorithmKind, string[]>;

/** Throws an 'invalid-input' AppError naming the keyword when a spec leaves nothing to offer. */
export function resolveAlgorithms(specs: AlgorithmSpecs | undefined): ResolvedAlgorithms {
  const out = {} as ResolvedAlgorithms;
  for (const kind of algorithmKinds) {
    const { defaults, supported } = algorithmLists[kind];
    try {
      out[kind] = applyAlgorithmSpec(specs?.[kind], defaults, supported).list;
    } catch (error) {
      throw new AppError('invalid-input', `${algorithmKeywords[kind]}: ${(error as Error).message}. Leave it empty for Warren's defaults.`);
    }
  }
  return out;
}

/** The public-key algorithms a user key of this type may sign with under `accepted`. */
export function keyTypeAccepted(keyType: string, accepted: readonly string[]): boolean {
  if (keyType === 'ssh-rsa') return accepted.some((a) => a === 'ssh-rsa' || a === 'rsa-sha2-256' || a === 'rsa-sha2-512');
  return accepted.includes(keyType);
}

/** The lists a host sets, empty ones dropped; throws (as resolveAlgorithms) when one leaves nothing to offer. */
export function algorithmsField(specs: AlgorithmSpecs | undefined): { algorithms?: AlgorithmSpecs } {
  const set = Object.fromEntries(algorithmKinds.flatMap((kind) => (specs?.[kind]?.trim() ? [[kind, specs[kind]!.trim()]] : []))) as AlgorithmSpecs;
  if (Object.keys(set).length === 0) return {};
  resolveAlgorithms(set);
  return { algorithms: set };
}

/**
 * A host's lists from ssh_config (`first` gives a lowercased keyword's value),
 * with a note for names Warren cannot use; a list left with nothing Warren
 * supports is noted and not imported, so Warren's defaults apply.
 */
export function algorithmsFromConfig(first: (keyword: string) => string | undefined): { algorithms: AlgorithmSpecs; notes: string[] } {
  const algorithms: AlgorithmSpecs = {};
  const notes: string[] = [];
  for (const kind of algorithmKinds) {
    const keyword = algorithmKeywords[kind];
    const value = first(keyword.toLowerCase()) ?? (kind === 'pubkey' ? first('pubkeyacceptedkeytypes') : undefined);
    if (!value) continue;
    const spec = value.replace(/\s+/g, '');
    const { defaults, supported } = algorithmLists[kind];
    try {
      const { unsupported } = applyAlgorithmSpec(spec, defaults, supported);
      algorithms[kind] = spec;
      if (unsupported.length > 0) notes.push(`${keyword} ${value}: Warren does not support ${unsupported.join(', ')} and leaves ${unsupported.length === 1 ? 'it' : 'them'} out`);
    } catch {
      notes.push(`${keyword} ${value}: Warren supports none of these, so its defaults apply`);
    }
  }
  return { algorithms, notes };
}
