// Host and Match patterns as OpenSSH's match.c reads them. `Host` tests each
// word with a case-sensitive glob (a comma there is an ordinary character);
// `Match host`/`user` take comma lists with `!` negation.
import { globMatch } from '../host-keys/host-patterns';

/** C tolower(3) in the C locale: only A-Z change. ssh lowercases names and keywords this way. */
export const asciiLower = (text: string): string => text.replace(/[A-Z]+/g, (run) => run.toLowerCase());

/** match.c match_pattern: `*` and `?`, case-sensitive. */
export const matchPattern = (text: string, pattern: string): boolean => globMatch(text, pattern);

export const hasWildcard = (pattern: string): boolean => /[*?]/.test(pattern);

/**
 * match.c match_pattern_list: 1 for a match, 0 for none, -1 when a `!pattern`
 * matched (which vetoes the list). With `lowerPatterns` the patterns are
 * lowercased (the caller lowercases the name, as match_hostname does).
 */
export function matchPatternList(name: string, list: string, lowerPatterns: boolean): -1 | 0 | 1 {
  let positive = false;
  for (const raw of list.split(',')) {
    const negated = raw.startsWith('!');
    const body = negated ? raw.slice(1) : raw;
    if (body.length >= 1023) return 0; // OpenSSH gives up on a list with an oversized pattern
    if (!matchPattern(name, lowerPatterns ? asciiLower(body) : body)) continue;
    if (negated) return -1;
    positive = true;
  }
  return positive ? 1 : 0;
}

/** match.c match_hostname. */
export const matchHostname = (host: string, list: string): boolean => matchPatternList(asciiLower(host), list, true) === 1;

/** A Host word ready to test many names: a RegExp for a wildcard, plain equality otherwise. */
export interface CompiledPattern {
  pattern: string;
  negated: boolean;
  glob: RegExp | null;
}

const compiled = new Map<string, RegExp>();

/** The same language as match_pattern, as a RegExp (compiled once per distinct pattern). */
function globRegExp(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (re === undefined) {
    const source = pattern.replace(/[.+^${}()|[\]\\/]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
    re = new RegExp(`^${source}$`, 's');
    if (compiled.size >= 10_000) compiled.clear(); // bounded: patterns come from files
    compiled.set(pattern, re);
  }
  return re;
}

export function compileHostPattern(word: string): CompiledPattern {
  const negated = word.startsWith('!');
  const pattern = negated ? word.slice(1) : word;
  return { pattern, negated, glob: hasWildcard(pattern) ? globRegExp(pattern) : null };
}

/** What a Host line's word list says about one name: a negated hit wins over any positive. */
export function hostLineMatches(name: string, patterns: readonly CompiledPattern[]): boolean {
  let matched = false;
  for (const p of patterns) {
    if (!(p.glob === null ? name === p.pattern : p.glob.test(name))) continue;
    if (p.negated) return false;
    matched = true;
  }
  return matched;
}
