// Edit locally: a remote file opened in the user's own editor, each save sent
// back to the server (part file, then rename), with a question before a save
// would overwrite changes someone else made on the server meanwhile.
import { z } from 'zod';
import { empty, filePath, id, request } from './common';

export type EditState =
  /** Waiting for the editor to save. */
  | 'watching'
  | 'uploading'
  /** The server's copy changed since it was opened: the user must choose. */
  | 'conflict'
  /** The last save could not be sent; the local copy keeps it. */
  | 'failed'
  | 'stopped';

/** One file being edited, as the Editing list shows it. */
export interface EditView {
  editId: string;
  browserId: string;
  remotePath: string;
  /** The private local copy the editor has open; shown so no edit is ever lost. */
  localPath: string;
  state: EditState;
  /** Saves sent to the server so far. */
  uploads: number;
  lastUploadAt: number | null;
  /** What happened last, in words (an error, the conflict, where a kept copy is). */
  message: string | null;
}

export type EditChoice = 'overwrite' | 'reload' | 'cancel';

export const editRequests = {
  /** Downloads the file to a private folder and opens it in the editor (the configured command, else the OS default). */
  'edit:open': request<EditView>()(z.object({ browserId: id, path: filePath }).strict()),
  /** Stops watching; `kept` is the local copy when it holds something the server does not have. */
  'edit:stop': request<{ kept: string | null }>()(z.object({ editId: id }).strict()),
  /** The answer to a conflict: overwrite the server's copy, reload the local copy from it, or leave both. */
  'edit:resolve': request<null>()(z.object({ editId: id, choice: z.enum(['overwrite', 'reload', 'cancel']) }).strict()),
  /** Tries the last save again (after an error). */
  'edit:upload': request<null>()(z.object({ editId: id }).strict()),
  /** The editor setting: a command line with {file} where the path goes; empty means the OS default app. */
  'edit:getEditor': request<EditorSettings>()(empty),
  'edit:setEditor': request<EditorSettings>()(z.object({ command: z.string().max(1000).refine((c) => !c.includes('\0'), 'must not contain NUL') }).strict()),
};

export interface EditorSettings {
  command: string;
}

export interface EditEvents {
  'edit:update': EditView;
}
export const editEventNames = ['edit:update'] as const satisfies readonly (keyof EditEvents)[];
