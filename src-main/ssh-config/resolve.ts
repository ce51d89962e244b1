// The options ssh ends up with for one alias: the loaded tree is walked like
// readconf.c reads it (first value wins, Host/Match switch blocks on and off,
// an Include inherits the state of the block it sits in), then once more when a
// `Match final` or CanonicalizeHostname asks ssh for its second pass.
import { isIP } from 'node:net';
import { expandTokens } from './expand';
import { sameForward } from './forwards';
import type { IncludedFile, LoadedSshConfig, ResolvedContext } from './load';
import type { Block, MatchCriterion } from './parse-file';
import { asciiLower, hostLineMatches, matchHostname, matchPatternList } from './patterns';
import { emptyState, type OptionState } from './option-state';
import { buildResolvedHost } from './resolved-host';
import type { Setting } from './settings';
import type { ResolvedSshHost } from './types';

/** One setting from an active line, with readconf.c's first-wins rules. */
function apply(state: OptionState, setting: Setting): void {
  const s = state;
  switch (setting.key) {
    case 'hostname':
      s.hostname ??= setting.value;
      break;
    case 'user':
      s.user ??= setting.value;
      break;
    case 'hostkeyalias':
      s.hostKeyAlias ??= setting.value;
      break;
    case 'canonicalizehostname':
      s.canonicalizeHostname ??= setting.value;
      break;
    case 'ignoreunknown':
      break; // needs the line's position: see Walker.body
    case 'identityfile':
      if (!s.identityFiles.includes(setting.value)) s.identityFiles.push(setting.value); // add_identity_file drops repeats
      break;
    case 'port':
      s.port ??= setting.value;
      break;
    case 'serveralivecountmax':
      s.serverAliveCountMax ??= setting.value;
      break;
    case 'serveraliveinterval':
      s.serverAliveInterval ??= setting.value;
      break;
    case 'connecttimeout':
      s.connectTimeout ??= setting.value;
      break;
    case 'identitiesonly':
      s.identitiesOnly ??= setting.value;
      break;
    case 'clearallforwardings':
      s.clearAllForwardings ??= setting.value;
      break;
    case 'forwardagent':
      // A socket path turns forwarding on if nothing decided yet, and is kept even after `no`.
      s.forwardAgent ??= setting.value;
      if (setting.socket !== null) s.agentSocket ??= setting.socket;
      break;
    case 'stricthostkeychecking':
      s.strictHostKeyChecking ??= setting.value;
      break;
    case 'userknownhostsfile':
      // parse_char_array: only a line that finds the list empty fills it.
      if (s.userKnownHostsFiles.length === 0) s.userKnownHostsFiles = [...setting.value];
      break;
    // ProxyJump and ProxyCommand: the first one read wins, except that `ProxyJump none`
    // only blocks later ProxyJumps (current readconf.c; this machine's 9.2 agrees).
    case 'proxycommand':
      s.proxyCommand ??= setting.value;
      break;
    case 'proxyjump':
      if (setting.value.kind === 'none') s.jump ??= setting.value;
      else if (s.jump === null && s.proxyCommand === null) {
        s.jump = setting.value;
        s.proxyCommand = 'none'; // as parse_jump does: a later ProxyCommand is ignored
      }
      break;
    case 'forward': {
      const list = setting.remote ? s.remoteForwards : s.localForwards;
      if (!list.some((f) => sameForward(f.spec, setting.value))) list.push({ keyword: setting.keyword, spec: setting.value });
      break;
    }
  }
}

const NO_BLOCKS: readonly number[] = [];

interface Pass {
  /** what Host lines match: the alias, or in the final pass the host name */
  host: string;
  alias: string;
  final: boolean;
}

class Walker {
  constructor(
    private readonly state: OptionState,
    private readonly pass: Pass,
    private readonly ctx: ResolvedContext,
  ) {}

  /** readconf.c read_config_file_depth with `active` as the Include's block left it. */
  file(node: IncludedFile, active: boolean): void {
    const { blocks, literalBlocks, dynamicBlocks } = node.parsed;
    if (active) this.body(node, (blocks[0] as Block).body);
    // Only blocks that name this host literally, or need evaluating, can switch on:
    // both index lists are in file order, so walk them merged.
    const literal = literalBlocks.get(this.pass.host) ?? NO_BLOCKS;
    let i = 0;
    let j = 0;
    while (i < literal.length || j < dynamicBlocks.length) {
      const nextLiteral = i < literal.length ? (literal[i] as number) : Infinity;
      const nextDynamic = j < dynamicBlocks.length ? (dynamicBlocks[j] as number) : Infinity;
      const index = nextLiteral < nextDynamic ? literal[i++] : dynamicBlocks[j++];
      const block = blocks[index as number] as Block;
      if (this.headerApplies(block.header)) this.body(node, block.body);
    }
  }

  private body(node: IncludedFile, body: Block['body']): void {
    for (const directive of body) {
      if (directive.kind === 'set') {
        apply(this.state, directive.setting);
        if (directive.setting.key === 'ignoreunknown' && this.state.ignoreUnknown === null) {
          this.state.ignoreUnknown = { list: directive.setting.value, ordinal: node.ordinals.get(directive) ?? 0 };
        }
      }
      else if (directive.kind === 'option') {
        const values = this.state.options.get(directive.keyword);
        if (values === undefined) this.state.options.set(directive.keyword, [directive.value]);
        else if (!values.includes(directive.value)) values.push(directive.value); // the final pass reads lines again
      } else if (directive.kind === 'include') for (const child of node.children[directive.ordinal] ?? []) this.file(child, true);
    }
  }

  private headerApplies(header: Block['header']): boolean {
    if (header === null) return true;
    if (header.kind === 'host') return hostLineMatches(this.pass.host, header.patterns);
    return header.criteria !== null && header.criteria.every((c) => this.criterion(c));
  }

  /** readconf.c match_cfg_line, the evaluating half. */
  private criterion(c: MatchCriterion): boolean {
    let result: boolean;
    switch (c.attribute) {
      case 'all':
        result = true;
        break;
      case 'canonical':
      case 'final':
        result = this.pass.final;
        break;
      case 'host':
        result = matchHostname(this.matchHost(), c.argument ?? '');
        break;
      case 'originalhost':
        result = matchHostname(this.pass.alias, c.argument ?? '');
        break;
      case 'user':
        result = matchPatternList(this.state.user ?? this.ctx.user, c.argument ?? '', false) === 1;
        break;
      case 'localuser':
        result = matchPatternList(this.ctx.user, c.argument ?? '', false) === 1;
        break;
    }
    return result !== c.negated;
  }

  /** `Match host` tests HostName as far as it is known: with %h expanded, or as the final pass set it. */
  private matchHost(): string {
    const { hostname } = this.state;
    if (hostname === null) return this.pass.host;
    if (this.pass.final) return hostname;
    const expanded = expandTokens(hostname, { h: this.pass.host }, null);
    return expanded.ok ? expanded.value : hostname;
  }
}

/** ssh.c: HostName with %h expanded; names lowercased, addresses in canonical form. */
export function effectiveHostName(hostname: string | null, alias: string): { value: string; note: string | null } {
  let value = alias;
  let note: string | null = null;
  if (hostname !== null) {
    const expanded = expandTokens(hostname, { h: alias }, null);
    if (expanded.ok) value = expanded.value;
    else {
      value = hostname;
      note = `HostName ${hostname}: ${expanded.reason} (OpenSSH accepts only %h and %% there)`;
    }
  }
  // Only something made of address characters can be an address (isIP is slow on names).
  const family = /^[0-9a-f:.]+$/i.test(value) ? isIP(value) : 0;
  if (family === 0) return { value: asciiLower(value), note };
  // ssh.c resolve_canonicalize: an address is rewritten in canonical form, but only
  // when that differs from what was written by more than letter case.
  const canonical = family === 6 && !value.includes('.') ? new URL(`http://[${value}]/`).hostname.slice(1, -1) : value;
  return { value: asciiLower(canonical) === asciiLower(value) ? value : canonical, note };
}

/** ssh's options after its first reading of the config for `alias` (no defaults, no final pass). */
export function firstPass(alias: string, config: LoadedSshConfig): OptionState {
  const state = emptyState();
  if (config.root !== null) new Walker(state, { host: alias, alias, final: false }, config.ctx).file(config.root, true);
  return state;
}

/** Everything ssh would use for `ssh <alias>` from this configuration. */
export function resolveHost(alias: string, config: LoadedSshConfig, source?: { file: string; line: number }): ResolvedSshHost {
  const { ctx } = config;
  const state = firstPass(alias, config);
  const host = effectiveHostName(state.hostname, alias);
  const canonicalize = state.canonicalizeHostname !== null && !['no', 'false'].includes(state.canonicalizeHostname);
  if (config.root !== null && (config.wantsFinalPass || canonicalize)) {
    state.hostname = host.value;
    new Walker(state, { host: host.value, alias, final: true }, ctx).file(config.root, true);
  }
  const notes: string[] = [];
  if (host.note !== null) notes.push(host.note);
  if (canonicalize) notes.push(`CanonicalizeHostname ${state.canonicalizeHostname} is not applied: Warren does not look names up while importing`);
  const declared = source ?? config.aliases.find((a) => a.alias === alias) ?? { file: config.file, line: 0 };
  return buildResolvedHost({ alias, hostName: host.value, state, ctx, source: { file: declared.file, line: declared.line }, notes, ports: config.ports });
}
