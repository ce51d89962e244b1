// A saved host's UserKnownHostsFile, HostKeyAlias, SetEnv, SendEnv,
// RemoteCommand, RequestTTY and GatewayPorts: what a save keeps of them (an
// omitted field keeps the saved value; an empty or default one is not stored),
// and the view the renderer gets.
import type { HostView } from '../../src-shared/contract';
import type { StoredHost } from './hosts-model';

type Fields = 'userKnownHostsFiles' | 'hostKeyAlias' | 'setEnv' | 'sendEnv' | 'remoteCommand' | 'requestTty' | 'gatewayPorts';
export type SessionFieldsInput = { [K in Fields]?: StoredHost[K] | undefined };

export function sessionFields(input: SessionFieldsInput, existing: StoredHost | undefined): Pick<StoredHost, Fields> {
  const pick = <K extends Fields>(key: K): StoredHost[K] => (input[key] === undefined ? existing?.[key] : input[key]) as StoredHost[K];
  const files = [...new Set((pick('userKnownHostsFiles') ?? []).map((f) => f.trim()).filter(Boolean))];
  const alias = pick('hostKeyAlias')?.trim();
  // The last value of a name wins, as sshd applies env requests in order.
  const env = [...new Map((pick('setEnv') ?? []).map((p) => [p.name, p])).values()];
  const send = [...new Set(pick('sendEnv') ?? [])];
  const command = pick('remoteCommand')?.trim();
  const tty = pick('requestTty');
  return {
    ...(files.length > 0 ? { userKnownHostsFiles: files } : {}),
    ...(alias ? { hostKeyAlias: alias } : {}),
    ...(env.length > 0 ? { setEnv: env } : {}),
    ...(send.length > 0 ? { sendEnv: send } : {}),
    ...(command && command.toLowerCase() !== 'none' ? { remoteCommand: command } : {}),
    ...(tty && tty !== 'auto' ? { requestTty: tty } : {}),
    ...(pick('gatewayPorts') ? { gatewayPorts: true } : {}),
  };
}

export function sessionView(host: StoredHost): Pick<HostView, Fields> {
  return {
    userKnownHostsFiles: host.userKnownHostsFiles ?? [],
    hostKeyAlias: host.hostKeyAlias ?? null,
    setEnv: host.setEnv ?? [],
    sendEnv: host.sendEnv ?? [],
    remoteCommand: host.remoteCommand ?? null,
    requestTty: host.requestTty ?? 'auto',
    gatewayPorts: host.gatewayPorts ?? false,
  };
}
