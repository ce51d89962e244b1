// The "Export as ssh config…" request: the picked hosts and every host in the
// picked folders (and their subfolders), once each, in the order picked.
import type { SshConfigExportView } from '../../src-shared/contract';
import { AppError } from '../errors/app-error';
import type { HostsService } from '../hosts/hosts-service';
import { exportSshConfig } from './ssh-config-export';

export function exportHostsAsSshConfig(hosts: Pick<HostsService, 'get' | 'hostsUnder' | 'findByName'>, hostIds: readonly string[], folderIds: readonly string[]): SshConfigExportView {
  const ids = [...new Set([...hostIds, ...folderIds.flatMap((id) => hosts.hostsUnder(id))])];
  if (ids.length === 0) throw new AppError('not-found', 'There are no hosts to export here. Pick a host, or a folder with hosts in it.');
  const { text, aliases } = exportSshConfig(
    ids.map((id) => hosts.get(id)),
    (name) => hosts.findByName(name),
  );
  return { text, chosen: ids.length, written: aliases.length };
}
