// The saved host tree as it lies on disk, its schema version and migrations.
import { z } from 'zod';

export const HOSTS_SCHEMA_VERSION = 1;

const storedAuth = z.discriminatedUnion('type', [
  z.object({ type: z.literal('password'), sealedPassword: z.string().optional() }),
  z.object({ type: z.literal('key'), keyPath: z.string() }),
]);

export const storedHost = z.object({
  id: z.string(),
  name: z.string(),
  host: z.string(),
  port: z.number().int(),
  username: z.string(),
  auth: storedAuth,
  folderId: z.string().nullable(),
});

export const storedFolder = z.object({ id: z.string(), name: z.string(), parentId: z.string().nullable() });

export const storedTree = z.object({ folders: z.array(storedFolder), hosts: z.array(storedHost) });

export type StoredHost = z.infer<typeof storedHost>;
export type StoredFolder = z.infer<typeof storedFolder>;
export type StoredTree = z.infer<typeof storedTree>;

/**
 * Each entry upgrades the raw value written by version `from` to `from + 1`.
 * Version 0 is "nothing saved yet" (or a file from before versioning).
 */
const migrations: Record<number, (raw: unknown) => unknown> = {
  0: (raw) => (raw && typeof raw === 'object' ? raw : { folders: [], hosts: [] }),
};

export type LoadResult =
  | { kind: 'ok'; tree: StoredTree; migratedFrom: number | null }
  | { kind: 'newer'; version: number }
  | { kind: 'invalid'; reason: string };

export function loadTree(version: unknown, raw: unknown): LoadResult {
  let from = typeof version === 'number' && Number.isInteger(version) ? version : 0;
  if (from > HOSTS_SCHEMA_VERSION) return { kind: 'newer', version: from };
  const start = from;
  let value = raw;
  while (from < HOSTS_SCHEMA_VERSION) {
    const step = migrations[from];
    if (!step) return { kind: 'invalid', reason: `no migration from version ${from}` };
    value = step(value);
    from += 1;
  }
  const parsed = storedTree.safeParse(value);
  if (!parsed.success) return { kind: 'invalid', reason: parsed.error.issues[0]?.message ?? 'invalid' };
  return { kind: 'ok', tree: parsed.data, migratedFrom: start === HOSTS_SCHEMA_VERSION ? null : start };
}
