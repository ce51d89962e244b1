// The file browser: the local side, and one SFTP connection per remote pane.
import { z } from 'zod';
import { empty, fileMode, filePath, id, request } from './common';
import { openId, type ConnectState } from './lifecycle';

/** One entry of a folder listing, local or remote. */
export interface FileEntry {
  name: string;
  path: string;
  kind: 'file' | 'dir' | 'symlink' | 'other';
  size: number;
  mtimeMs: number;
  /** Permission bits only (e.g. 0o644), without the file-type bits. */
  mode: number;
  uid: number;
  gid: number;
  /** For symlinks: what the link says, verbatim. */
  linkTarget?: string;
  /** For symlinks: what it leads to ('file' covers anything that is not a folder); 'missing' when broken or looping. */
  targetKind?: 'file' | 'dir' | 'missing';
}

export const fileRequests = {
  'local:home': request<string>()(empty),
  'local:list': request<FileEntry[]>()(z.object({ path: filePath }).strict()),
  'local:mkdir': request<null>()(z.object({ path: filePath }).strict()),
  'local:rename': request<null>()(z.object({ from: filePath, to: filePath }).strict()),
  'local:remove': request<null>()(z.object({ path: filePath }).strict()),
  'local:chmod': request<null>()(z.object({ path: filePath, mode: fileMode }).strict()),
  // The remote side: the browser id is chosen by the renderer so it can cancel while connecting.
  /**
   * Answers at once; files:state events for `browserId` follow (see contract/lifecycle.ts), `connected` with the login folder.
   * `replaces`: the browser this one reconnects (same tab); its paused transfers continue here.
   */
  'files:open': request<null>()(z.object({ browserId: openId, hostId: id, replaces: id.optional() }).strict()),
  'files:close': request<null>()(z.object({ browserId: id }).strict()),
  /** Downloads remote files to a staging folder for a drag to the desktop; the shell then starts the OS drag. */
  'files:dragOut': request<{ files: string[] }>()(z.object({ browserId: id, paths: z.array(filePath).min(1).max(100) }).strict()),
  'files:list': request<FileEntry[]>()(z.object({ browserId: id, path: filePath }).strict()),
  'files:stat': request<FileEntry>()(z.object({ browserId: id, path: filePath }).strict()),
  'files:mkdir': request<null>()(z.object({ browserId: id, path: filePath }).strict()),
  'files:rename': request<null>()(z.object({ browserId: id, from: filePath, to: filePath }).strict()),
  'files:remove': request<null>()(z.object({ browserId: id, path: filePath }).strict()),
  'files:chmod': request<null>()(z.object({ browserId: id, path: filePath, mode: fileMode }).strict()),
};

export interface FileEvents {
  /** `lost`: the link went away (not closed by the user); auto-reconnect may try again. */
  'files:closed': { browserId: string; message: string; lost: boolean };
  'files:state': FilesStateEvent;
}

/**
 * The lifecycle's ConnectState for a browser: `connecting`, then `connected`
 * with the login folder, or `failed`. A browser that stays through a drop
 * (Reconnect automatically) says `connecting` with code 'connection-lost',
 * then `connected` once it has a new SFTP channel (same browserId; its paused
 * transfers continue). Its end is files:closed.
 */
export interface FilesStateEvent extends ConnectState {
  browserId: string;
  /** With `connected`: the login folder. */
  home?: string;
}
export const fileEventNames = ['files:closed', 'files:state'] as const satisfies readonly (keyof FileEvents)[];
