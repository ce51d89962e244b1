// What a file pane can do, the same shape for the local and the remote side.
import type { FileEntry } from '../../src-shared/contract';
import { value, warren } from '../api/warren';

export interface PaneApi {
  side: 'local' | 'remote';
  list(path: string): Promise<FileEntry[]>;
  mkdir(path: string): Promise<unknown>;
  rename(from: string, to: string): Promise<unknown>;
  remove(path: string): Promise<unknown>;
  chmod(path: string, mode: number): Promise<unknown>;
}

export const localApi: PaneApi = {
  side: 'local',
  list: (path) => value(warren().local.list({ path })),
  mkdir: (path) => value(warren().local.mkdir({ path })),
  rename: (from, to) => value(warren().local.rename({ from, to })),
  remove: (path) => value(warren().local.remove({ path })),
  chmod: (path, mode) => value(warren().local.chmod({ path, mode })),
};

export function remoteApi(browserId: string): PaneApi {
  return {
    side: 'remote',
    list: (path) => value(warren().files.list({ browserId, path })),
    mkdir: (path) => value(warren().files.mkdir({ browserId, path })),
    rename: (from, to) => value(warren().files.rename({ browserId, from, to })),
    remove: (path) => value(warren().files.remove({ browserId, path })),
    chmod: (path, mode) => value(warren().files.chmod({ browserId, path, mode })),
  };
}

/** What a drag between panes carries. */
export const FILES_DRAG = 'application/x-warren-files';
export interface FilesDrag {
  browserId: string;
  side: 'local' | 'remote';
  paths: string[];
}
