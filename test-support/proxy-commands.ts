// ProxyCommands for tests. No nc, ncat or socat is installed on these
// machines, so the nc-style one is a small node script (pipe-proxy.mjs).
import { fileURLToPath } from 'node:url';

export const PIPE_PROXY_SCRIPT = fileURLToPath(new URL('./pipe-proxy.mjs', import.meta.url));

/** `nc %h %p` in spirit: the tokens are left for Warren to expand; the script's pid goes to `pidFile`. */
export function pipeProxyCommand(pidFile = '/dev/null'): string {
  return `'${process.execPath}' '${PIPE_PROXY_SCRIPT}' %h %p '${pidFile}'`;
}
