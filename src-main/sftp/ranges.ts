// Byte ranges of a striped transfer. Parts of one file travel on several
// channels at once and land out of order, so "how much is done" is a set of
// ranges, not a size. The set is kept beside the part file (`<part>.ranges`)
// so a resume fetches exactly the holes. Pure: no I/O here.

/** [start, end), end exclusive. */
export type Range = readonly [number, number];

/** Sorted, without empty ranges, touching or overlapping ones joined. */
export function normalize(ranges: readonly Range[]): Range[] {
  const sorted = ranges.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = out.at(-1);
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** What of [0, total) the ranges do not cover. */
export function holes(done: readonly Range[], total: number): Range[] {
  const out: Range[] = [];
  let at = 0;
  for (const [a, b] of normalize(done)) {
    if (a >= total) break;
    if (a > at) out.push([at, a]);
    at = Math.max(at, b);
  }
  if (at < total) out.push([at, total]);
  return out;
}

export function covered(ranges: readonly Range[]): number {
  return normalize(ranges).reduce((n, [a, b]) => n + b - a, 0);
}

/**
 * Cuts the holes into pieces for `lanes` workers: about four pieces per lane
 * (so lanes that run faster take more, and all finish near together), none
 * smaller than `minPiece` unless the hole itself is.
 */
export function pieces(todo: readonly Range[], lanes: number, minPiece: number): Range[] {
  const bytes = todo.reduce((n, [a, b]) => n + b - a, 0);
  const size = Math.max(minPiece, Math.ceil(bytes / Math.max(1, lanes * 4)));
  const out: Range[] = [];
  for (const [a, b] of todo) for (let at = a; at < b; at += size) out.push([at, Math.min(b, at + size)]);
  return out;
}

/** What `<part>.ranges` holds: the source it belongs to, and the bytes of the part known to be written. */
export interface RangeRecord {
  size: number;
  mtimeMs: number;
  done: Range[];
}

export function encodeRecord(record: RangeRecord): string {
  return `${JSON.stringify({ v: 1, size: record.size, mtimeMs: record.mtimeMs, done: normalize(record.done) })}\n`;
}

/**
 * The record, or null when the text is not one (a write cut short by a
 * crash): the caller then trusts nothing in the part, since a striped part
 * has holes that its size does not show.
 */
export function decodeRecord(text: string): RangeRecord | null {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return null;
    const { v, size, mtimeMs, done } = value as Record<string, unknown>;
    if (v !== 1 || !Number.isSafeInteger(size) || typeof mtimeMs !== 'number' || !Array.isArray(done)) return null;
    const ranges: Range[] = [];
    for (const r of done) {
      if (!Array.isArray(r) || r.length !== 2 || !r.every((n) => Number.isSafeInteger(n) && n >= 0) || r[0] > r[1] || r[1] > (size as number)) return null;
      ranges.push([r[0], r[1]]);
    }
    return { size: size as number, mtimeMs, done: normalize(ranges) };
  } catch {
    return null;
  }
}
