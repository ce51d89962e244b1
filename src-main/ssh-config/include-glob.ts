// The glob(3) an `Include` goes through: `*`, `?` and `[...]` per path component,
// dot files only for a pattern that starts with a dot, results in byte order
// (ssh's bundled glob sorts with strcmp), and only paths that exist.
import { lstat, readdir } from 'node:fs/promises';

const META = /[*?[]/;

function unescape(part: string): string {
  return part.replace(/\\(.)/g, '$1');
}

/** One path component's pattern as a RegExp (fnmatch without FNM_PERIOD handling, done by the caller). */
function componentRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '*') source += '.*';
    else if (c === '?') source += '.';
    else if (c === '\\' && i + 1 < pattern.length) source += escapeRegExp(pattern[++i] as string);
    else if (c === '[') {
      let j = i + 1;
      if (pattern[j] === '!') j++;
      if (pattern[j] === ']') j++;
      const close = pattern.indexOf(']', j);
      if (close < 0) {
        source += '\\[';
        continue;
      }
      const negated = pattern[i + 1] === '!';
      const body = pattern.slice(negated ? i + 2 : i + 1, close);
      source += `[${negated ? '^' : ''}${body.replace(/[\\\]^]/g, '\\$&')}]`;
      i = close;
    } else source += escapeRegExp(c);
  }
  return new RegExp(`^${source}$`, 's');
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

async function listDirectory(dir: string): Promise<string[]> {
  try {
    return await readdir(dir === '' ? '/' : dir);
  } catch {
    return []; // unreadable or not a directory: glob(3) without GLOB_ERR skips it
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}

const byteOrder = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** The existing paths an absolute pattern matches, sorted; [] when none (GLOB_NOMATCH). */
export async function globPaths(pattern: string): Promise<string[]> {
  const parts = pattern.split('/');
  let bases = [unescape(parts[0] ?? '')];
  for (const part of parts.slice(1)) {
    if (!META.test(part)) {
      bases = bases.map((base) => `${base}/${unescape(part)}`);
      continue;
    }
    const re = componentRegExp(part);
    const next: string[] = [];
    for (const base of bases) {
      for (const name of await listDirectory(base)) {
        if (name.startsWith('.') && !part.startsWith('.')) continue;
        if (re.test(name)) next.push(`${base}/${name}`);
      }
    }
    bases = next;
  }
  const found: string[] = [];
  for (const path of bases) if (await exists(path)) found.push(path);
  return found.sort(byteOrder);
}
