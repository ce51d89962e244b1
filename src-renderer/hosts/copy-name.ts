/** The name a duplicated host gets: "web (copy)", or "web (copy 2)" … when that one is taken too. */
export function copyName(name: string, taken: Iterable<string>): string {
  const names = new Set(taken);
  for (let n = 1; ; n++) {
    const candidate = `${name} (copy${n === 1 ? '' : ` ${n}`})`;
    if (!names.has(candidate)) return candidate;
  }
}
