// Ids that are built from other ids, so every place that keys a map by them
// agrees.

/** One saved forward of one host. */
export function forwardKey(hostId: string, forwardId: string): string {
  return `${hostId}/${forwardId}`;
}
