import { describe, expect, it } from 'vitest';
import { covered, decodeRecord, encodeRecord, holes, normalize, pieces } from './ranges';

describe('ranges', () => {
  it('joins touching and overlapping ranges and drops empty ones', () => {
    expect(normalize([[10, 20], [0, 5], [5, 8], [15, 30], [40, 40]])).toEqual([[0, 8], [10, 30]]);
  });

  it('finds the holes of a file, including before the first and after the last range', () => {
    expect(holes([[2, 4], [6, 8]], 10)).toEqual([[0, 2], [4, 6], [8, 10]]);
    expect(holes([], 5)).toEqual([[0, 5]]);
    expect(holes([[0, 5]], 5)).toEqual([]);
  });

  it('counts covered bytes once where ranges overlap', () => {
    expect(covered([[0, 10], [5, 15]])).toBe(15);
  });

  it('cuts holes into about four pieces per lane, none below the minimum, covering every byte once', () => {
    const todo = holes([[100, 200]], 1000);
    const cut = pieces(todo, 2, 50);
    expect(cut.every(([a, b]) => b - a <= 113)).toBe(true);
    expect(normalize(cut)).toEqual(normalize(todo));
    expect(covered(cut)).toBe(900);
    expect(pieces([[0, 100]], 4, 64)).toEqual([[0, 64], [64, 100]]);
  });

  it('round-trips a record and refuses anything else, so a torn save keeps nothing', () => {
    const record = { size: 100, mtimeMs: 1_700_000_000_000, done: [[0, 10], [50, 60]] as [number, number][] };
    expect(decodeRecord(encodeRecord(record))).toEqual(record);
    const text = encodeRecord(record);
    expect(decodeRecord(text.slice(0, text.length / 2))).toBeNull();
    expect(decodeRecord('')).toBeNull();
    expect(decodeRecord(JSON.stringify({ v: 1, size: 100, mtimeMs: 1, done: [[0, 101]] }))).toBeNull();
    expect(decodeRecord(JSON.stringify({ v: 1, size: 100, mtimeMs: 1, done: [[20, 10]] }))).toBeNull();
  });
});
