// Fuzzy matching for the command palette: the query's letters must appear in
// order. A match that starts the text beats one that starts a word, which
// beats letters scattered through it, as in VS Code's quick open. It runs for
// every host on every keystroke (2,000 hosts: several texts each), so it uses
// flat typed arrays and no regular expressions.

export interface FuzzyMatch {
  score: number;
  /** Indexes of the matched characters in the text, for highlighting. */
  positions: number[];
}

/** 3: the text starts with the query; 2: each run of matched letters starts a word; 1: scattered. */
export type MatchTier = 1 | 2 | 3;

const TIER = 1000;
/** Letters skipped between two matches: each costs until FAR of them, then no more. */
const FAR = 5;
const NONE = -1e9;
const SEPARATORS = new Set([' ', '-', '_', '.', '@', ':', '/', '\\', '(', '[', ','].map((c) => c.charCodeAt(0)));

const isLower = (c: number) => c >= 97 && c <= 122;
const isUpper = (c: number) => c >= 65 && c <= 90;
const isDigit = (c: number) => c >= 48 && c <= 57;

function isWordStart(text: string, i: number): boolean {
  if (i === 0) return true;
  const prev = text.charCodeAt(i - 1);
  if (SEPARATORS.has(prev)) return true;
  // camelCase and letter→digit boundaries start words too (webServer, db2).
  const c = text.charCodeAt(i);
  return (isLower(prev) && isUpper(c)) || ((isLower(prev) || isUpper(prev)) && isDigit(c));
}

// Reused between calls: best[i * n + j] is the best score with query[i] matched at text[j], from[] the j of query[i-1].
let best = new Float64Array(1024);
let from = new Int32Array(1024);

/** Null when the query's letters are not all in the text, in order. Case is ignored; an empty query matches with score 0. */
export function fuzzyMatch(query: string, text: string): FuzzyMatch | null {
  const q = query.toLowerCase();
  const t = text.toLowerCase();
  const m = q.length;
  const n = t.length;
  if (m === 0) return { score: 0, positions: [] };
  if (m > n || !isSubsequence(q, t)) return null;
  if (t.startsWith(q)) return { score: 3 * TIER + 100 - Math.min(99, n - m), positions: range(0, m) };

  if (best.length < m * n) {
    best = new Float64Array(m * n * 2);
    from = new Int32Array(m * n * 2);
  }
  best.fill(NONE, 0, m * n);
  for (let i = 0; i < m; i++) {
    const row = i * n;
    const prevRow = row - n;
    const qc = q.charCodeAt(i);
    // Gaps cost the same beyond FAR letters, so one running best covers every earlier k.
    let far = NONE;
    let farAt = -1;
    for (let j = i; j < n; j++) {
      const old = j - FAR - 1;
      if (i > 0 && old >= i - 1 && best[prevRow + old]! > far) {
        far = best[prevRow + old]!;
        farAt = old;
      }
      if (t.charCodeAt(j) !== qc) continue;
      const bonus = isWordStart(text, j) ? 9 : 1;
      if (i === 0) {
        best[j] = bonus - Math.min(j, 10) * 0.1;
        continue;
      }
      let top = NONE;
      let topAt = -1;
      if (farAt >= 0) {
        top = far + bonus - FAR * 0.5;
        topAt = farAt;
      }
      for (let k = Math.max(i - 1, j - FAR); k < j; k++) {
        const prev = best[prevRow + k]!;
        if (prev === NONE) continue;
        const score = prev + (k === j - 1 ? bonus + 5 : bonus - (j - k - 1) * 0.5);
        if (score > top) {
          top = score;
          topAt = k;
        }
      }
      best[row + j] = top;
      from[row + j] = topAt;
    }
  }
  const last = (m - 1) * n;
  let end = -1;
  for (let j = m - 1; j < n; j++) if (best[last + j]! > NONE && (end < 0 || best[last + j]! > best[last + end]!)) end = j;
  if (end < 0) return null;
  const total = best[last + end]!;
  const positions = new Array<number>(m);
  for (let i = m - 1, j = end; i >= 0; i--) {
    positions[i] = j;
    j = from[i * n + j]!;
  }
  const tier = runsStartWords(text, positions) ? 2 : 1;
  return { score: tier * TIER + Math.max(0, Math.min(TIER - 1, total)), positions };
}

export function tierOf(score: number): MatchTier {
  return Math.max(1, Math.min(3, Math.floor(score / TIER))) as MatchTier;
}

/** Each run of consecutive matched characters begins at a word start ("fb" in "foo-bar", "dbp" in "db-prod"). */
function runsStartWords(text: string, positions: number[]): boolean {
  return positions.every((p, i) => (i > 0 && positions[i - 1] === p - 1) || isWordStart(text, p));
}

function isSubsequence(q: string, t: string): boolean {
  let i = 0;
  for (let j = 0; j < t.length && i < q.length; j++) if (t.charCodeAt(j) === q.charCodeAt(i)) i++;
  return i === q.length;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}
