// From ssh's option state for one alias to the ResolvedSshHost Warren imports:
// paths expanded as ssh.c expands them, ProxyCommand turned into a jump where it
// is one, and a note for every value Warren cannot carry over.
import { connectionTokens, expandTilde, expandTokens } from './expand';
import { describeForward, toForwardRule } from './forwards';
import { proxyCommandAsJump } from './jumps';
import { asciiLower } from './patterns';
import type { PortNames } from './port-names';
import type { ResolvedContext } from './load';
import type { OptionState } from './option-state';
import type { ForwardRule, JumpHop, ResolvedSshHost } from './types';

export interface ResolvedHostInput {
  alias: string;
  hostName: string;
  state: OptionState;
  ctx: ResolvedContext;
  source: { file: string; line: number };
  notes: string[];
  ports: PortNames;
}

const isNone = (value: string): boolean => asciiLower(value) === 'none';

export function buildResolvedHost({ alias, hostName, state: s, ctx, source, notes: initialNotes, ports }: ResolvedHostInput): ResolvedSshHost {
  const notes = [...initialNotes];
  let tokens: Record<string, string> | null = null;
  const pathTokens = () =>
    (tokens ??= connectionTokens({
      host: hostName,
      alias,
      port: s.port ?? 22,
      remoteUser: s.user ?? ctx.user,
      keyAlias: s.hostKeyAlias === null ? alias : asciiLower(s.hostKeyAlias),
      home: ctx.home,
      localUser: ctx.user,
      localHost: ctx.localHost,
      uid: ctx.uid,
    }));
  /** ssh.c: tilde_expand_filename, then percent_dollar_expand with the default client tokens. */
  const expandPath = (keyword: string, raw: string, report = true): string => {
    const tilde = expandTilde(raw, ctx.home, ctx.user);
    // Most paths have no token: skip hashing %C for them.
    const expanded = tilde.ok ? expandTokens(tilde.value, tilde.value.includes('%') ? pathTokens() : {}, ctx.env) : tilde;
    if (expanded.ok) return expanded.value;
    if (report) notes.push(`${keyword} ${raw}: ${expanded.reason}; left as written (OpenSSH would stop here)`);
    return raw;
  };

  const identityFiles = s.identityFiles.map((file) => (isNone(file) ? 'none' : expandPath('IdentityFile', file)));
  // CertificateFile lines add up like IdentityFile (readconf.c add_certificate_file), expanded the same way.
  const certificateFiles = (s.options.get('certificatefile') ?? []).filter((file) => !isNone(file)).map((file) => expandPath('CertificateFile', file));
  const knownHosts = s.userKnownHostsFiles;
  const userKnownHostsFiles =
    knownHosts[0] !== undefined && isNone(knownHosts[0]) ? ['none'] : knownHosts.map((file) => expandPath('UserKnownHostsFile', file));

  let proxyJump: JumpHop[] = [];
  let proxyCommand: string | null = null;
  if (s.jump?.kind === 'hops') {
    proxyJump = s.jump.hops.map((hop) => ({ ...hop }));
  } else if (s.proxyCommand !== null && !isNone(s.proxyCommand)) {
    proxyCommand = s.proxyCommand;
    const hop = proxyCommandAsJump(proxyCommand, ports);
    // Any other command is the importer's to judge (Warren can run it as a ProxyCommand).
    if (hop !== null) proxyJump = [hop];
  }
  if (proxyJump.some((hop) => `${hop.user ?? ''}${hop.host}`.includes('%'))) {
    notes.push('a jump host uses % tokens, which Warren does not expand there');
  }

  const forwards: ForwardRule[] = [];
  if (s.clearAllForwardings !== true) {
    for (const { keyword, spec } of [...s.localForwards, ...s.remoteForwards]) {
      const rule = toForwardRule(spec, keyword === 'RemoteForward');
      if (rule !== null) {
        forwards.push(rule);
        continue;
      }
      // ssh.c expands tokens in socket paths; the note shows what ssh would use.
      const expanded = {
        ...spec,
        listenPath: spec.listenPath === null ? null : expandPath(keyword, spec.listenPath, false),
        connectPath: spec.connectPath === null ? null : expandPath(keyword, spec.connectPath, false),
      };
      notes.push(`${describeForward(keyword, expanded)}: unix socket forwarding is not supported`);
    }
  }
  if (s.agentSocket !== null) {
    // ssh.c expands the socket path like IdentityAgent's.
    notes.push(`ForwardAgent ${expandPath('ForwardAgent', s.agentSocket, false)}: Warren forwards its own agent, not this socket`);
  }

  return {
    alias,
    hostName,
    user: s.user,
    port: s.port,
    identityFiles,
    certificateFiles,
    identitiesOnly: s.identitiesOnly,
    proxyJump,
    proxyCommand,
    forwards,
    serverAliveInterval: s.serverAliveInterval,
    serverAliveCountMax: s.serverAliveCountMax,
    forwardAgent: s.forwardAgent,
    strictHostKeyChecking: s.strictHostKeyChecking,
    userKnownHostsFiles,
    connectTimeout: s.connectTimeout,
    hostKeyAlias: s.hostKeyAlias === null ? null : asciiLower(s.hostKeyAlias),
    options: Object.fromEntries(s.options),
    source,
    notes,
  };
}
