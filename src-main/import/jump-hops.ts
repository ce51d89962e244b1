// Jump hosts as ssh reaches them: `ProxyJump a,b` makes ssh run
// `ssh -J a -W %h:%p b`, so the last hop is resolved through the config as its
// own alias (its HostName, User, Port and key; the user and port written in the
// hop win), and only the first hop follows its own ProxyJump. A hop that is an
// alias of the imported file is referred to by name (the saved host carries all
// its values); any other becomes `user@host:port` with the hop's own values.
import { existsSync } from 'node:fs';
import { MAX_HOPS } from '../connections/jump-hosts';
import { resolveHost, type JumpHop, type LoadedSshConfig, type ResolvedSshHost } from '../ssh-config';

export interface PlannedHop {
  /** the alias of the file this hop is, when it can be referred to as that saved host */
  alias: string | null;
  /** `user@host:port` with the hop's own resolved values */
  inline: string;
}

export interface JumpPlan {
  hops: PlannedHop[];
  notes: string[];
  /** why the chain cannot be made in Warren; null when it can */
  blocks: string | null;
}

export interface JumpContext {
  config: LoadedSshConfig;
  /** the concrete aliases of the file (they become saved hosts named so) */
  aliases: ReadonlySet<string>;
  localUser: string;
  /** the key file the target host itself uses (inline hops log in with the target's key settings) */
  targetKey: string | null;
}

const bracket = (host: string): string => (host.includes(':') ? `[${host}]` : host);

/** The flattened chain for `target`, first hop first. */
export function planJumps(target: ResolvedSshHost, ctx: JumpContext): JumpPlan {
  const plan: JumpPlan = { hops: [], notes: [], blocks: null };
  try {
    expand(target.alias, target.proxyJump, ctx, plan, new Set([target.alias]));
  } catch (error) {
    plan.blocks = (error as Error).message;
  }
  return plan;
}

function expand(of: string, hops: JumpHop[], ctx: JumpContext, plan: JumpPlan, visiting: Set<string>): void {
  hops.forEach((hop, index) => {
    if (`${hop.user ?? ''}${hop.host}`.includes('%')) throw new Error(`the jump host ${hop.host} uses % tokens, which Warren cannot expand there`);
    const resolved = resolveHost(hop.host, ctx.config);
    const ownJumps = resolved.proxyJump;
    // A hop written with its own user or port, or that is only matched by wildcard blocks, is not a saved host.
    const byName = ctx.aliases.has(hop.host) && hop.user === null && hop.port === null;
    // Later hops are reached with `-J` (earlier hops), which overrides their own ProxyJump;
    // a saved host would bring its own jumps along, so only a hop without any may be named.
    const nameOk = byName && (index === 0 || (ownJumps.length === 0 && resolved.proxyCommand === null));
    if (index === 0 && !nameOk && (ownJumps.length > 0 || resolved.proxyCommand !== null)) {
      if (visiting.has(hop.host)) throw new Error(`the jump hosts of ${of} loop back through ${hop.host}`);
      if (ownJumps.length === 0) throw new Error(`the jump host ${hop.host} needs ProxyCommand ${resolved.proxyCommand}, which Warren runs only for saved hosts: import ${hop.host} as a host of its own`);
      expand(hop.host, ownJumps, ctx, plan, new Set([...visiting, hop.host]));
    }
    const user = hop.user ?? resolved.user ?? ctx.localUser;
    const port = hop.port ?? resolved.port ?? 22;
    const inline = `${user}@${bracket(resolved.hostName)}${port === 22 ? '' : `:${port}`}`;
    plan.hops.push({ alias: nameOk ? hop.host : null, inline });
    if (!nameOk) {
      const key = resolved.identityFiles.find((f) => f !== 'none' && existsSync(f)) ?? null;
      if (key !== null && key !== ctx.targetKey) {
        plan.notes.push(`Jump host ${hop.host}: ssh logs in there with ${key}; Warren uses this host's key and the agent (import ${hop.host} as a host to use its own key)`);
      }
    }
    if (plan.hops.length > MAX_HOPS) throw new Error(`more than ${MAX_HOPS} jump hosts, which Warren does not follow`);
  });
}

/** The jumpHosts entries: hop aliases that will exist as saved hosts by their names, the others inline. */
export function jumpEntries(hops: PlannedHop[], savedName: (alias: string) => string | null): string[] {
  return hops.map((hop) => (hop.alias === null ? hop.inline : (savedName(hop.alias) ?? hop.inline)));
}
