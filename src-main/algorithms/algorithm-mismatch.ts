// When no algorithm matches, ssh2 says only "no matching host key format";
// OpenSSH also names the server's offer ("Their offer: ssh-rsa"), which is
// what a user needs to decide. ssh2 writes the server's lists to its debug
// hook during the handshake, so they are kept until the handshake is done.
import { AppError } from '../errors/app-error';
import { algorithmKeywords, legacyAlgorithms, type AlgorithmKind } from '../../src-shared/ssh-algorithms';
import { algorithmLists } from './algorithms';

const failures: Array<{ kind: AlgorithmKind; match: RegExp; label: string; what: string }> = [
  { kind: 'kex', match: /no matching key exchange/i, label: 'KEX method', what: 'key exchange methods' },
  { kind: 'hostKey', match: /no matching host key/i, label: 'Host key format', what: 'host key types' },
  { kind: 'cipher', match: /no matching C->S cipher/i, label: 'C->S cipher', what: 'ciphers' },
  { kind: 'cipher', match: /no matching S->C cipher/i, label: 'S->C cipher', what: 'ciphers' },
  { kind: 'mac', match: /no matching C->S MAC/i, label: 'C->S MAC', what: 'MACs' },
  { kind: 'mac', match: /no matching S->C MAC/i, label: 'S->C MAC', what: 'MACs' },
];

/** Give `debug` to ssh2's connect(); call `done()` at the first 'handshake'. */
export class ServerOffer {
  private readonly lists = new Map<string, string[]>();
  private finished = false;

  readonly debug = (message: string): void => {
    if (this.finished) return;
    const found = /^Handshake: \(remote\) (.+?): (.*)$/.exec(message);
    // ext-info-s and kex-strict-s are signals in the KEX list, not methods a user could pick.
    if (found) this.lists.set(found[1]!, found[2]!.split(',').filter((name) => name && !/^(ext-info-|kex-strict-)/.test(name)));
  };

  done(): void {
    this.finished = true;
    this.lists.clear();
  }

  list(label: string): string[] | undefined {
    return this.lists.get(label);
  }
}

/** A sentence for a handshake that found no common algorithm; null for any other error. */
export function algorithmMismatch(error: Error, where: string, offer: ServerOffer, ours: Partial<Record<AlgorithmKind, string[]>> | undefined): AppError | null {
  const failure = failures.find((f) => f.match.test(error.message));
  if (!failure) return null;
  const { kind, what } = failure;
  const theirs = offer.list(failure.label);
  const keyword = algorithmKeywords[kind];
  const offered = ours?.[kind] ?? algorithmLists[kind].defaults;
  const usable = (theirs ?? []).filter((name) => algorithmLists[kind].supported.includes(name));
  const legacy = usable.filter((name) => legacyAlgorithms[kind].includes(name));
  const head = `${where} and Warren have no ${what} in common${theirs ? `: the server offers only ${theirs.join(', ')}` : ''}.`;
  if (legacy.length > 0) {
    return new AppError(
      'protocol',
      `${head} ${legacy.join(', ')} ${legacy.length === 1 ? 'is a legacy algorithm' : 'are legacy algorithms'} that Warren (like OpenSSH) does not use unless a host asks. ` +
        `If you trust this server, edit the host and add +${legacy[0]} to ${keyword} under Advanced; better, ask its administrator to enable a modern one.`,
    );
  }
  if (usable.length > 0) {
    return new AppError('protocol', `${head} The host's ${keyword} setting leaves all of them out (Warren offered ${offered.join(', ')}): edit the host and clear ${keyword} under Advanced for Warren's defaults, or include ${usable[0]}.`);
  }
  return new AppError('protocol', `${head} Warren supports none of them (it offered ${offered.join(', ')}); ask the server's administrator to enable a current algorithm.`);
}
