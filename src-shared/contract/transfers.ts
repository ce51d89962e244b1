// The transfer queue between this machine and a file browser's host.
import { z } from 'zod';
import { empty, filePath, id, request } from './common';

/**
 * `paused`: its connection was lost and it goes on when the tab reconnects;
 * `interrupted`: Warren closed before it finished, and Resume continues it.
 */
export type TransferState = 'queued' | 'running' | 'paused' | 'interrupted' | 'done' | 'failed' | 'cancelled' | 'skipped';

/** A transfer as the queue panel shows it. */
export interface TransferView {
  transferId: string;
  browserId: string;
  direction: 'upload' | 'download';
  name: string;
  source: string;
  target: string;
  state: TransferState;
  bytesDone: number;
  bytesTotal: number;
  filesDone: number;
  filesTotal: number;
  /** Bytes per second, smoothed. */
  speed: number;
  error?: string;
  /** Entries a folder transfer left out, each with why (the first SKIPPED_SHOWN of `skippedCount`). */
  skipped?: { rel: string; why: string }[];
  skippedCount?: number;
}

/** Skipped entries sent to the window per transfer; the rest are counted. */
export const SKIPPED_SHOWN = 50;

export const transferRequests = {
  'transfer:start': request<{ transferIds: string[] }>()(
    z
      .object({
        browserId: id,
        direction: z.enum(['upload', 'download']),
        sources: z.array(filePath).min(1).max(10_000),
        targetDir: filePath,
      })
      .strict(),
  ),
  'transfer:cancel': request<null>()(z.object({ transferId: id }).strict()),
  /** Resumes a failed or cancelled transfer, on `browserId` when given (after a reconnect the browser is a new one). */
  'transfer:retry': request<null>()(z.object({ transferId: id, browserId: id.optional() }).strict()),
  'transfer:clearFinished': request<null>()(empty),
};

export interface TransferEvents {
  'transfer:update': TransferView;
}
export const transferEventNames = ['transfer:update'] as const satisfies readonly (keyof TransferEvents)[];
