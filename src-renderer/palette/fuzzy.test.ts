import { describe, expect, it } from 'vitest';
import { fuzzyMatch, tierOf } from './fuzzy';

const score = (q: string, t: string) => fuzzyMatch(q, t)?.score ?? null;

describe('fuzzyMatch', () => {
  it('needs every letter, in order, ignoring case', () => {
    expect(fuzzyMatch('wb', 'Web-01')).not.toBeNull();
    expect(fuzzyMatch('bw', 'web')).toBeNull();
    expect(fuzzyMatch('webx', 'web')).toBeNull();
    expect(fuzzyMatch('', 'anything')).toEqual({ score: 0, positions: [] });
  });

  it('ranks a name prefix over a word start over scattered letters', () => {
    const prefix = score('pro', 'production-db')!;
    const wordStart = score('pro', 'db-production')!;
    const scattered = score('pro', 'apache-reverse-o')!;
    expect(tierOf(prefix)).toBe(3);
    expect(tierOf(wordStart)).toBe(2);
    expect(tierOf(scattered)).toBe(1);
    expect(prefix).toBeGreaterThan(wordStart);
    expect(wordStart).toBeGreaterThan(scattered);
  });

  it('counts initials of words as word starts (db prod → "dp")', () => {
    expect(tierOf(score('dp', 'db-prod')!)).toBe(2);
    expect(tierOf(score('ws', 'webServer')!)).toBe(2);
  });

  it('prefers the tighter of two scattered matches', () => {
    expect(score('abc', 'xabcx')!).toBeGreaterThan(score('abc', 'xaxbxcx')!);
  });

  it('finds the best alignment, not the first one (the word start later in the text)', () => {
    const match = fuzzyMatch('st', 'test-stage')!;
    expect(match.positions).toEqual([5, 6]);
    expect(tierOf(match.score)).toBe(2);
  });

  it('returns the matched positions for highlighting', () => {
    expect(fuzzyMatch('lsd', 'local sshd')!.positions).toEqual([0, 6, 9]);
    expect(fuzzyMatch('loc', 'local sshd')!.positions).toEqual([0, 1, 2]);
  });
});
