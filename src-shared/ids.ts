// Ids that are built from other ids, so every place that keys a map by them
// agrees.

/** One saved forward of one host. */
export function forwardKey(hostId: string, forwardId: string): string {
  return `${hostId}/${forwardId}`;
}

/**
 * A new id for something the caller opens (a terminal, a Files tab): callers
 * name what they open (contract/lifecycle.ts). `kind` is a letter that keeps
 * ids readable in logs ('s' terminal, 'b' file browser).
 */
export function newOpenId(kind: 's' | 'b'): string {
  return `${kind}${crypto.randomUUID().replace(/-/g, '')}`;
}
