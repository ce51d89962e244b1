// Host-tree changes a user makes; each reloads the tree or shows why it failed.
import type { HostView } from '../../src-shared/contract';
import { value, warren } from '../api/warren';
import { useStore } from '../store/store';
import { sshCommand } from './ssh-command';
import { copyName } from './copy-name';

async function run(action: () => Promise<unknown>): Promise<boolean> {
  const store = useStore.getState();
  try {
    await action();
    store.setTreeError(null);
    return true;
  } catch (error) {
    store.setTreeError((error as Error).message);
    return false;
  } finally {
    await store.reloadTree().catch(() => {});
  }
}

export const moveNode = (kind: 'host' | 'folder', id: string, folderId: string | null) =>
  run(() => value(warren().tree.move({ kind, id, folderId })));

export const createFolder = (name: string, parentId: string | null) => run(() => value(warren().folders.save({ name, parentId })));

export const renameFolder = (id: string, name: string, parentId: string | null) => run(() => value(warren().folders.save({ id, name, parentId })));

/** Where a host is and how it logs in, as hosts:save takes them. No password field: a saved one (if any) is kept. */
function addressAndLogin(host: HostView) {
  return {
    host: host.host,
    port: host.port,
    username: host.username,
    auth: { keyPath: host.auth.keyPath, useAgent: host.auth.useAgent },
    hostKeyPolicy: host.hostKeyPolicy,
    folderId: host.folderId,
  };
}

/** Pins the host to Favourites at the top of the tree, or unpins it. */
export const setFavourite = (host: HostView, on: boolean) => run(() => value(warren().hosts.favourite({ id: host.id, on })));

export const renameHost = (host: HostView, name: string) => run(() => value(warren().hosts.save({ id: host.id, name, ...addressAndLogin(host) })));

export function confirmDelete(kind: 'host' | 'folder', id: string, name: string): void {
  const store = useStore.getState();
  const inside = kind === 'folder' ? ' and everything in it' : '';
  store.showDialog({
    kind: 'confirm',
    title: `Delete ${kind} “${name}”?`,
    body: `This removes the ${kind}${inside} from Warren. Open terminals stay open.`,
    confirmLabel: 'Delete',
    onConfirm: () => void run(() => value(kind === 'host' ? warren().hosts.remove({ id }) : warren().folders.remove({ id }))),
  });
}

/**
 * Saves a copy of a host with its forwards, next to it. The renderer never sees
 * a saved password or passphrase, so the copy asks for them on first connect.
 */
export async function duplicateHost(host: HostView): Promise<HostView | null> {
  const store = useStore.getState();
  let copy: HostView | null = null;
  await run(async () => {
    copy = await value(
      warren().hosts.save({
        name: copyName(host.name, store.tree.hosts.map((h) => h.name)),
        ...addressAndLogin(host),
        exitOnForwardFailure: host.exitOnForwardFailure,
        jumpHosts: host.jumpHosts,
        proxyCommand: host.proxyCommand ?? '',
        keepaliveIntervalSec: host.keepaliveIntervalSec,
        keepaliveCountMax: host.keepaliveCountMax,
        agentForward: host.agentForward,
        recordSessions: host.recordSessions,
        algorithms: host.algorithms,
        identityAgent: host.identityAgent ?? '',
        identityFiles: host.identityFiles,
        identitiesOnly: host.identitiesOnly,
        certificateFiles: host.certificateFiles,
        preferredAuthentications: host.preferredAuthentications,
        connectTimeoutSec: host.connectTimeoutSec,
        setEnv: host.setEnv,
        sendEnv: host.sendEnv,
        remoteCommand: host.remoteCommand ?? '',
        requestTty: host.requestTty,
        userKnownHostsFiles: host.userKnownHostsFiles,
        hostKeyAlias: host.hostKeyAlias ?? '',
        gatewayPorts: host.gatewayPorts,
        color: host.color,
        tags: host.tags,
      }),
    );
    const saved: HostView = copy;
    for (const t of Object.values(store.tunnels).filter((t) => t.hostId === host.id)) {
      useStore.getState().applyTunnel(await value(warren().tunnels.save({ hostId: saved.id, name: t.name, autoStart: t.autoStart, spec: t.spec })));
    }
  });
  return copy;
}

export async function copySshCommand(host: HostView): Promise<void> {
  try {
    await navigator.clipboard.writeText(sshCommand(host));
  } catch (error) {
    useStore.getState().setTreeError(`Could not copy to the clipboard: ${(error as Error).message}`);
  }
}
