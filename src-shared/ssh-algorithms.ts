// Per-host algorithm lists written as in ssh_config: "a,b" replaces the
// default list, "+a,b" appends, "-a,b" removes and "^a,b" puts names first;
// `*` and `?` match as in OpenSSH patterns. Pure, so the host form can warn
// about legacy names and main can build ssh2's lists from the same rules.

export const algorithmKinds = ['hostKey', 'kex', 'cipher', 'mac', 'pubkey'] as const;
export type AlgorithmKind = (typeof algorithmKinds)[number];

/** The ssh_config keyword of each list. */
export const algorithmKeywords: Record<AlgorithmKind, string> = {
  hostKey: 'HostKeyAlgorithms',
  kex: 'KexAlgorithms',
  cipher: 'Ciphers',
  mac: 'MACs',
  pubkey: 'PubkeyAcceptedAlgorithms',
};

/**
 * Algorithms OpenSSH no longer offers by default (SHA-1 signatures and key
 * exchange, CBC and RC4 ciphers, MD5 and truncated MACs). Warren offers them
 * only to a host whose list asks for them.
 */
export const legacyAlgorithms: Record<AlgorithmKind, readonly string[]> = {
  hostKey: ['ssh-rsa', 'ssh-dss'],
  kex: ['diffie-hellman-group14-sha1', 'diffie-hellman-group1-sha1', 'diffie-hellman-group-exchange-sha1'],
  cipher: ['aes256-cbc', 'aes192-cbc', 'aes128-cbc', 'blowfish-cbc', '3des-cbc', 'arcfour256', 'arcfour128', 'cast128-cbc', 'arcfour'],
  mac: ['hmac-md5', 'hmac-md5-96', 'hmac-sha1-96', 'hmac-ripemd160'],
  pubkey: ['ssh-rsa', 'ssh-dss'],
};

export type AlgorithmSpecs = Partial<Record<AlgorithmKind, string>>;

export interface AppliedSpec {
  /** The list to offer, most preferred first. */
  list: string[];
  /** Names in the spec that match nothing this client supports (OpenSSH drops them too). */
  unsupported: string[];
}

/** OpenSSH's `*` (any run) and `?` (one character) patterns. */
export function matchesPattern(name: string, pattern: string): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`).test(name);
}

function names(text: string): string[] {
  return text
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
}

function expand(patterns: string[], supported: readonly string[], unsupported: string[]): string[] {
  const out: string[] = [];
  for (const pattern of patterns) {
    const found = supported.filter((name) => matchesPattern(name, pattern));
    if (found.length === 0) unsupported.push(pattern);
    for (const name of found) if (!out.includes(name)) out.push(name);
  }
  return out;
}

/**
 * Applies one spec to a default list, as OpenSSH's kex_assemble_names does.
 * An empty spec is the default. Throws when the result offers nothing.
 */
export function applyAlgorithmSpec(spec: string | undefined, defaults: readonly string[], supported: readonly string[]): AppliedSpec {
  const text = (spec ?? '').trim();
  if (!text) return { list: [...defaults], unsupported: [] };
  const unsupported: string[] = [];
  const op = text[0];
  const rest = names(op === '+' || op === '-' || op === '^' ? text.slice(1) : text);
  let list: string[];
  if (op === '-') {
    list = defaults.filter((name) => !rest.some((pattern) => matchesPattern(name, pattern)));
  } else if (op === '+') {
    list = [...defaults];
    for (const name of expand(rest, supported, unsupported)) if (!list.includes(name)) list.push(name);
  } else if (op === '^') {
    const first = expand(rest, supported, unsupported);
    list = [...first, ...defaults.filter((name) => !first.includes(name))];
  } else {
    list = expand(rest, supported, unsupported);
  }
  if (list.length === 0) throw new Error(`"${text}" leaves no algorithm that Warren supports`);
  return { list, unsupported };
}

/** Legacy names that a spec turns on (the host form warns about them). */
export function legacyNamed(kind: AlgorithmKind, spec: string | undefined): string[] {
  const text = (spec ?? '').trim();
  if (!text || text.startsWith('-')) return [];
  const patterns = names(text.replace(/^[+^]/, ''));
  return legacyAlgorithms[kind].filter((name) => patterns.some((pattern) => matchesPattern(name, pattern)));
}
