// Unknown keywords: ssh refuses the whole config over one, unless the
// IgnoreUnknown in force when it reads that line lists it. IgnoreUnknown is itself
// first-wins and only counts in blocks that apply, so the answer depends on the
// host: a keyword is reported when ssh would refuse the config for at least one
// of the aliases offered for import.
import { type LoadedSshConfig, lineText } from './load';
import { matchPatternList } from './patterns';
import { firstPass } from './resolve';
import type { ConfigIssue } from './types';

export function unknownKeywordIssues(config: LoadedSshConfig): ConfigIssue[] {
  if (config.unknownKeywords.length === 0) return [];
  // The IgnoreUnknown each alias ends up with; few distinct ones in practice.
  const inForce = new Map<string, { list: string; ordinal: number } | null>();
  // With no alias to import, a name only wildcard blocks match stands for "any host".
  const aliases = config.aliases.length === 0 ? [''] : config.aliases.map((a) => a.alias);
  for (const alias of aliases) {
    const ignore = firstPass(alias, config).ignoreUnknown;
    inForce.set(ignore === null ? '' : `${ignore.ordinal}\0${ignore.list}`, ignore);
  }
  const issues: ConfigIssue[] = [];
  const reported = new Set<string>();
  for (const { file, line, keyword, ordinal } of config.unknownKeywords) {
    const key = `${file.path}\0${line}`;
    if (reported.has(key)) continue;
    const excusedForAll = [...inForce.values()].every(
      (ignore) => ignore !== null && ignore.ordinal < ordinal && matchPatternList(keyword, ignore.list, true) === 1,
    );
    if (excusedForAll) continue;
    reported.add(key);
    issues.push({ file: file.path, line, text: lineText(file, line), reason: `unknown keyword ${JSON.stringify(keyword)}`, kind: 'unknown-keyword' });
  }
  return issues;
}
