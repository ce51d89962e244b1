// One config file's text → blocks of directives (a preamble, then one block per
// Host/Match line), every line checked once, whatever host is later resolved.
// Host blocks are indexed by their literal names so that resolving one alias
// only visits the blocks that can apply to it.
import { splitConfigLine, strdelim } from './line-tokens';
import { asciiLower, type CompiledPattern, compileHostPattern } from './patterns';
import { parseSetting, type Setting } from './settings';
import type { ConfigIssue } from './types';
import type { ValueContext } from './value-context';

export type HostPattern = CompiledPattern;

export type MatchAttribute = 'all' | 'canonical' | 'final' | 'host' | 'originalhost' | 'user' | 'localuser';

export interface MatchCriterion {
  attribute: MatchAttribute;
  negated: boolean;
  /** the pattern list; null for all/canonical/final */
  argument: string | null;
}

export type Directive =
  /** aliases: the concrete names this line offers for import */
  | { kind: 'host'; line: number; patterns: HostPattern[]; aliases: string[] }
  /** criteria null: the block never applies (malformed, or a criterion Warren does not evaluate) */
  | { kind: 'match'; line: number; criteria: MatchCriterion[] | null }
  /** patterns as ssh globs them: relative ones under `~/.ssh/`, `~` still to expand */
  | { kind: 'include'; line: number; patterns: string[]; ordinal: number }
  | { kind: 'set'; line: number; setting: Setting }
  /** every option line ssh accepts (imported or not), so the importer can name each one that applies */
  | { kind: 'option'; line: number; keyword: string; value: string }
  /** reported unless a preceding IgnoreUnknown covers it (decided when the includes are known) */
  | { kind: 'unknown'; line: number; keyword: string };

export interface Block {
  /** null for the lines before the first Host/Match of the file */
  header: Extract<Directive, { kind: 'host' | 'match' }> | null;
  body: Directive[];
}

export interface ParsedFile {
  path: string;
  /** the raw lines, for issue text */
  lines: string[];
  blocks: Block[];
  issues: ConfigIssue[];
  /** a `Match final` line was read: ssh then reads the config a second time */
  wantsFinalPass: boolean;
  /** some keyword is unknown (reported unless an IgnoreUnknown covers it) */
  hasUnknownKeywords: boolean;
  /** block indexes whose Host line names this exact (case-sensitive) host */
  literalBlocks: Map<string, number[]>;
  /** block indexes that must be evaluated for every host (wildcards, Match) */
  dynamicBlocks: number[];
  includeCount: number;
}

/** Not a name ssh accepts on its command line (ssh.c valid_hostname, plus `,` and `@`). */
const UNUSABLE_IN_ALIAS = /['`"$\\;&<>|(){},@\s\x00-\x1f\x7f]/;
const unusableAlias = (alias: string): boolean => alias.startsWith('-') || UNUSABLE_IN_ALIAS.test(alias);

/** Match criteria ssh can evaluate but Warren does not (exec runs a command), or newer ssh adds. */
/** Options whose value the importer needs as written, quotes and all. */
const RAW_VALUE = new Set(['remotecommand', 'setenv']);
const SKIPPED_ATTRIBUTES = new Set(['exec', 'localnetwork', 'tagged', 'version', 'sessiontype', 'command']);

type MatchParse = { criteria: MatchCriterion[]; skipped: string | null; wantsFinal: boolean } | { error: string; wantsFinal: boolean };

/** readconf.c match_cfg_line, the syntax half; the words come from strdelim like in ssh. */
function parseMatch(rest: string): MatchParse {
  const criteria: MatchCriterion[] = [];
  let skipped: string | null = null;
  let wantsFinal = false;
  let attributes = 0;
  let cursor: string | null = rest;
  const next = (): string | null => {
    if (cursor === null) return null;
    const { token, rest: after } = strdelim(cursor);
    cursor = after;
    return token;
  };
  for (let word = next(); word !== null && word !== ''; word = next()) {
    if (word.startsWith('#')) break;
    const negated = word.startsWith('!');
    const name = asciiLower(negated ? word.slice(1) : word);
    if (name === 'all') {
      const extra = next();
      if (attributes > 1 || (extra !== null && extra !== '' && !extra.startsWith('#'))) {
        return { error: `'${word}' cannot be combined with other Match attributes`, wantsFinal };
      }
      criteria.push({ attribute: 'all', negated, argument: null });
      return { criteria, skipped, wantsFinal };
    }
    attributes++;
    if (name === 'canonical' || name === 'final') {
      wantsFinal ||= name === 'final';
      criteria.push({ attribute: name, negated, argument: null });
      continue;
    }
    const argument = next();
    if (argument === null || argument === '' || argument.startsWith('#')) return { error: `missing Match criteria for ${name}`, wantsFinal };
    if (name === 'host' || name === 'originalhost' || name === 'user' || name === 'localuser') {
      criteria.push({ attribute: name, negated, argument });
    } else if (SKIPPED_ATTRIBUTES.has(name)) {
      skipped ??= `Match ${name} ${argument}`;
    } else {
      return { error: `unsupported Match attribute ${name}`, wantsFinal };
    }
  }
  if (attributes === 0) return { error: 'one or more attributes required for Match', wantsFinal };
  return { criteria, skipped, wantsFinal };
}

function parseHost(args: readonly string[]): HostPattern[] | string {
  const patterns: HostPattern[] = [];
  for (const arg of args) {
    if (arg === '') return 'empty argument';
    patterns.push(compileHostPattern(arg));
  }
  return patterns;
}

/** Where ssh looks for an Include word: absolute and `~` as they are, the rest under ~/.ssh/. */
const includePattern = (arg: string): string => (arg.startsWith('/') || arg.startsWith('~') ? arg : `~/.ssh/${arg}`);

export function parseConfigText(path: string, text: string, values: ValueContext): ParsedFile {
  const lines = text.split('\n');
  const file: ParsedFile = {
    path,
    lines,
    blocks: [{ header: null, body: [] }],
    issues: [],
    wantsFinalPass: false,
    hasUnknownKeywords: false,
    literalBlocks: new Map(),
    dynamicBlocks: [],
    includeCount: 0,
  };
  const issue = (line: number, reason: string, kind: ConfigIssue['kind']) =>
    file.issues.push({ file: path, line, text: (lines[line - 1] ?? '').replace(/\r$/, ''), reason, kind });
  const startBlock = (header: Block['header'] & object) => file.blocks.push({ header, body: [] });
  const body = () => (file.blocks[file.blocks.length - 1] as Block).body;

  lines.forEach((raw, index) => {
    const line = index + 1;
    const split = splitConfigLine(raw);
    if (split.kind === 'blank') return;
    if (split.kind === 'error') {
      issue(line, split.reason, 'invalid');
      // A broken Host/Match line still ends the block before it; its own block applies to nothing.
      if (split.keyword === 'host' || split.keyword === 'match') startBlock({ kind: 'host', line, patterns: [], aliases: [] });
      return;
    }
    const { keyword, rest, args } = split;
    if (keyword === 'host') {
      const patterns = parseHost(args);
      if (typeof patterns === 'string') issue(line, patterns, 'invalid');
      const header = { kind: 'host' as const, line, patterns: typeof patterns === 'string' ? [] : patterns, aliases: [] as string[] };
      indexHostBlock(file, header, file.blocks.length);
      startBlock(header);
      for (const { pattern, negated, glob } of header.patterns) {
        if (negated || glob !== null) continue;
        if (unusableAlias(pattern)) issue(line, `"${pattern}" cannot be used as a host name; not imported`, 'skipped-host');
        else header.aliases.push(pattern);
      }
    } else if (keyword === 'match') {
      const parsed = parseMatch(rest);
      file.wantsFinalPass ||= parsed.wantsFinal;
      let criteria: MatchCriterion[] | null = null;
      if ('error' in parsed) issue(line, parsed.error, 'invalid');
      else if (parsed.skipped !== null) issue(line, `${parsed.skipped} is not evaluated by Warren; this block's options were not applied`, 'skipped-match');
      else criteria = parsed.criteria;
      if (criteria !== null) file.dynamicBlocks.push(file.blocks.length);
      startBlock({ kind: 'match', line, criteria });
    } else if (keyword === 'include') {
      if (args.some((arg) => arg === '')) issue(line, 'empty argument', 'invalid');
      else body().push({ kind: 'include', line, patterns: args.map(includePattern), ordinal: file.includeCount++ });
    } else {
      const result = parseSetting(keyword, rest, args, values);
      if (!result.ok && result.unknown === true) {
        body().push({ kind: 'unknown', line, keyword });
        file.hasUnknownKeywords = true;
      } else if (!result.ok) issue(line, result.reason, 'invalid');
      else {
        if (result.setting !== null) body().push({ kind: 'set', line, setting: result.setting });
        // RemoteCommand is the rest of the line as written (readconf.c parse_command); SetEnv's quoted words are split again by the importer.
        body().push({ kind: 'option', line, keyword, value: RAW_VALUE.has(keyword) ? rest : args.join(' ') });
      }
    }
  });
  return file;
}

/** A Host block applies only to names its non-negated words match: literal words go in the index. */
function indexHostBlock(file: ParsedFile, header: { patterns: HostPattern[] }, blockIndex: number): void {
  let positives = 0;
  for (const { negated, glob } of header.patterns) {
    if (negated) continue;
    positives++;
    if (glob !== null) {
      file.dynamicBlocks.push(blockIndex);
      return;
    }
  }
  if (positives === 0) return; // matches nothing
  for (const { pattern, negated } of header.patterns) {
    if (negated) continue;
    const list = file.literalBlocks.get(pattern);
    if (list === undefined) file.literalBlocks.set(pattern, [blockIndex]);
    else if (list[list.length - 1] !== blockIndex) list.push(blockIndex); // `Host a a` lists the block once
  }
}
