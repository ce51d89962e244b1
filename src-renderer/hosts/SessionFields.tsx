// What a terminal to the host asks of the server and where its host key is
// kept: OpenSSH's SetEnv, SendEnv, RemoteCommand, RequestTTY,
// UserKnownHostsFile, HostKeyAlias, and GatewayPorts for its forwards.
import type { HostView } from '../../src-shared/contract';
import { parseEnvLines, requestTtyModes, type EnvPair, type RequestTty } from '../../src-shared/session-options';

export interface SessionValues {
  /** NAME=value, one per line, as typed. */
  setEnv: string;
  /** Names or patterns separated by spaces or commas. */
  sendEnv: string;
  remoteCommand: string;
  requestTty: RequestTty;
  /** One path per line. */
  knownHostsFiles: string;
  hostKeyAlias: string;
  gatewayPorts: boolean;
}

type SessionInput = Pick<HostView, 'setEnv' | 'sendEnv' | 'requestTty' | 'userKnownHostsFiles' | 'gatewayPorts'> & { remoteCommand: string; hostKeyAlias: string };

export function sessionValues(host: HostView | null): SessionValues {
  return {
    setEnv: (host?.setEnv ?? []).map((p) => `${p.name}=${p.value}`).join('\n'),
    sendEnv: (host?.sendEnv ?? []).join(' '),
    remoteCommand: host?.remoteCommand ?? '',
    requestTty: host?.requestTty ?? 'auto',
    knownHostsFiles: (host?.userKnownHostsFiles ?? []).join('\n'),
    hostKeyAlias: host?.hostKeyAlias ?? '',
    gatewayPorts: host?.gatewayPorts ?? false,
  };
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** What hosts:save takes (every field, so a cleared one is cleared), or a sentence on what to fix. Main checks it again. */
export function sessionInput(values: SessionValues): SessionInput | { error: string } {
  const env = parseEnvLines(values.setEnv.split('\n'));
  if ('error' in env) return { error: `Environment (SetEnv): ${env.error}` };
  const sendEnv = values.sendEnv.split(/[\s,]+/).filter(Boolean);
  const bad = sendEnv.find((p) => !/^[A-Za-z0-9_*?]+$/.test(p));
  if (bad) return { error: `Send local variables (SendEnv): "${bad}" is not a variable name or a pattern with * and ?.` };
  const setEnv: EnvPair[] = env.pairs;
  return {
    setEnv,
    sendEnv,
    remoteCommand: values.remoteCommand.trim(),
    requestTty: values.requestTty,
    userKnownHostsFiles: lines(values.knownHostsFiles),
    hostKeyAlias: values.hostKeyAlias.trim(),
    gatewayPorts: values.gatewayPorts,
  };
}

const TTY_LABELS: Record<RequestTty, string> = {
  auto: 'Auto: for a shell, not for a command',
  yes: 'Yes',
  force: 'Force',
  no: 'No: plain output',
};

export function SessionFields({ value, onChange }: { value: SessionValues; onChange(next: SessionValues): void }) {
  const set = <K extends keyof SessionValues>(key: K, next: SessionValues[K]) => onChange({ ...value, [key]: next });
  return (
    <>
      <label>
        Environment (SetEnv; NAME=value, one per line)
        <textarea className="mono" rows={2} value={value.setEnv} onChange={(e) => set('setEnv', e.target.value)} placeholder="LANG=en_GB.UTF-8" spellCheck={false} />
      </label>
      <label>
        Send local variables (SendEnv; names or patterns such as LC_*)
        <input className="mono" value={value.sendEnv} onChange={(e) => set('sendEnv', e.target.value)} placeholder="LANG LC_*" spellCheck={false} autoComplete="off" />
      </label>
      <p className="muted">The server passes on only the variables its AcceptEnv allows.</p>
      <label>
        Remote command (RemoteCommand; runs instead of a login shell)
        <input className="mono" value={value.remoteCommand} onChange={(e) => set('remoteCommand', e.target.value)} placeholder="tmux new -A -s main" spellCheck={false} autoComplete="off" />
      </label>
      <label>
        Terminal (RequestTTY; a pseudo-terminal for the session)
        <select value={value.requestTty} onChange={(e) => set('requestTty', e.target.value as RequestTty)}>
          {requestTtyModes.map((mode) => (
            <option key={mode} value={mode}>
              {TTY_LABELS[mode]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Known hosts files (UserKnownHostsFile; one per line; empty: Warren's)
        <textarea className="mono" rows={2} value={value.knownHostsFiles} onChange={(e) => set('knownHostsFiles', e.target.value)} placeholder="~/.ssh/known_hosts_lab" spellCheck={false} />
      </label>
      <label>
        Host key alias (HostKeyAlias; the name its key is kept under)
        <input className="mono" value={value.hostKeyAlias} onChange={(e) => set('hostKeyAlias', e.target.value)} placeholder="the address" spellCheck={false} autoComplete="off" />
      </label>
      <label className="inline">
        <input type="checkbox" checked={value.gatewayPorts} onChange={(e) => set('gatewayPorts', e.target.checked)} /> Forwards without a listen address listen on every interface (GatewayPorts)
      </label>
    </>
  );
}
