// The OpenSSH command line that reaches a saved host, for "Copy ssh command":
// what a user would type, leaving out whatever ssh does by default.
import type { HostView } from '../../src-shared/contract';

// Single quotes unless every character is safe in any POSIX shell.
const quote = (arg: string) => (/^[\w@%+=:,./~-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`);

export function sshCommand(host: Pick<HostView, 'host' | 'port' | 'username' | 'auth' | 'jumpHosts' | 'agentForward'> & { proxyCommand?: string | null }): string {
  const args = ['ssh'];
  if (host.port !== 22) args.push('-p', String(host.port));
  if (host.auth.keyPath) args.push('-i', host.auth.keyPath);
  if (host.jumpHosts.length > 0) args.push('-J', host.jumpHosts.join(','));
  else if (host.proxyCommand) args.push('-o', `ProxyCommand=${host.proxyCommand}`);
  if (host.agentForward) args.push('-A');
  const destination = `${host.username}@${host.host}`;
  // A pasted destination that starts with '-' would be read as an option.
  if (destination.startsWith('-')) args.push('--');
  args.push(destination);
  return args.map(quote).join(' ');
}
