// Reading a config file and everything it Includes, as readconf.c does: globs,
// relative paths under ~/.ssh, nesting up to 16 deep. Which files are included
// does not depend on the host, so this is done once; resolve.ts then walks the
// tree for each alias. Nothing here throws: problems become issues.
import { readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import { expandTilde } from './expand';
import { globPaths } from './include-glob';
import { type Block, type Directive, parseConfigText, type ParsedFile } from './parse-file';
import { loadPortNames, type PortNames } from './port-names';
import type { ConfigIssue, SshConfigContext } from './types';
import type { ValueContext } from './value-context';

/** readconf.c READCONF_MAX_DEPTH: the top file is depth 0. */
const MAX_INCLUDE_DEPTH = 16;
/** Guards against include trees that fan out exponentially (a file included twice at every level). */
const MAX_INCLUDED_FILES = 4096;

export interface IncludedFile {
  parsed: ParsedFile;
  /** for each Include line of the file (by ordinal), the files it brought in, in glob order */
  children: IncludedFile[][];
  /** reading-order positions of this inclusion's IgnoreUnknown lines */
  ordinals: Map<Directive, number>;
}

export interface UnknownKeyword {
  file: ParsedFile;
  line: number;
  keyword: string;
  /** reading-order position, comparable with IncludedFile.ordinals */
  ordinal: number;
}

/** The context with every optional field filled in. */
export type ResolvedContext = Required<SshConfigContext>;

export interface LoadedSshConfig {
  file: string;
  root: IncludedFile | null;
  aliases: Array<{ alias: string; file: string; line: number }>;
  issues: ConfigIssue[];
  wantsFinalPass: boolean;
  ctx: ResolvedContext;
  /** service names for ports (`Port ssh`), from the system's services file */
  ports: PortNames;
  /** unknown keywords, each a problem unless the IgnoreUnknown ssh uses for a host covers it */
  unknownKeywords: UnknownKeyword[];
  /** the files in reading order, to sort issues by */
  files: string[];
}

function resolveContext(ctx: SshConfigContext): ResolvedContext {
  return {
    home: ctx.home,
    user: ctx.user,
    localHost: ctx.localHost,
    uid: ctx.uid ?? os.userInfo().uid,
    includeHome: ctx.includeHome ?? ctx.home,
    env: ctx.env ?? process.env,
  };
}

type ReadResult = { parsed: ParsedFile } | { missing: true } | { error: string };
type FileRole = 'top' | 'include';

const errorCode = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? String(error);

class Loader {
  readonly issues: ConfigIssue[] = [];
  private readonly cache = new Map<string, Promise<ReadResult>>();
  private visits = 0;

  constructor(
    private readonly ctx: ResolvedContext,
    private readonly values: ValueContext,
  ) {}

  read(path: string, role: FileRole): Promise<ReadResult> {
    let pending = this.cache.get(path);
    if (pending === undefined) {
      pending = this.readUncached(path, role);
      this.cache.set(path, pending);
    }
    return pending;
  }

  private async readUncached(path: string, role: FileRole): Promise<ReadResult> {
    try {
      if (role === 'include') {
        // readconf.c refuses an included file another user owns or others may write.
        const info = await stat(path);
        const foreign = this.ctx.uid >= 0 && info.uid !== 0 && info.uid !== this.ctx.uid;
        if (process.platform !== 'win32' && (foreign || (info.mode & 0o022) !== 0)) {
          return { error: 'bad owner or permissions (OpenSSH refuses to read it)' };
        }
        if (info.isDirectory()) return { missing: true }; // ssh reads nothing from a directory
      }
      const parsed = parseConfigText(path, await readFile(path, 'utf8'), this.values);
      this.issues.push(...parsed.issues);
      return { parsed };
    } catch (error) {
      const code = errorCode(error);
      // A dangling match is skipped silently, like ssh does for ENOENT.
      if (code === 'ENOENT') return { missing: true };
      if (code === 'EISDIR') return role === 'include' ? { missing: true } : { error: 'is a directory' };
      return { error: `cannot be read (${code})` };
    }
  }

  async expand(parsed: ParsedFile, depth: number, stack: readonly string[]): Promise<IncludedFile> {
    const node: IncludedFile = { parsed, children: [], ordinals: new Map() };
    for (const block of parsed.blocks) {
      for (const directive of block.body) {
        if (directive.kind !== 'include') continue;
        const found: IncludedFile[] = [];
        node.children[directive.ordinal] = found;
        const issue = (reason: string) =>
          this.issues.push({ file: parsed.path, line: directive.line, text: lineText(parsed, directive.line), reason, kind: 'include' });
        for (const pattern of directive.patterns) {
          const absolute = this.tilde(pattern);
          if (absolute === null) continue; // ~otheruser: glob(3) finds nothing we can read
          for (const path of await globPaths(absolute)) {
            if (stack.includes(path)) {
              issue(`Include cycle: ${[...stack.slice(stack.indexOf(path)), path].join(' → ')}`);
              continue;
            }
            if (depth + 1 > MAX_INCLUDE_DEPTH) {
              issue(`Include nested more than ${MAX_INCLUDE_DEPTH} deep (${path}); OpenSSH refuses this configuration`);
              continue;
            }
            if (++this.visits > MAX_INCLUDED_FILES) {
              if (this.visits === MAX_INCLUDED_FILES + 1) issue(`more than ${MAX_INCLUDED_FILES} files included; the rest were not read`);
              continue;
            }
            const result = await this.read(path, 'include');
            if ('error' in result) issue(`${path} ${result.error}`);
            else if ('parsed' in result) found.push(await this.expand(result.parsed, depth + 1, [...stack, path]));
          }
        }
      }
    }
    return node;
  }

  /** GLOB_TILDE: `~` and `~/` from the Include home; `~me/` from the passwd home. */
  private tilde(pattern: string): string | null {
    if (!pattern.startsWith('~')) return pattern;
    const own = pattern === '~' || pattern.startsWith('~/');
    const expanded = expandTilde(pattern, own ? this.ctx.includeHome : this.ctx.home, this.ctx.user);
    return expanded.ok ? expanded.value.replace(/\/$/, pattern.endsWith('/') ? '/' : '') : null;
  }
}

interface ReadingVisitor {
  header?(node: IncludedFile, header: NonNullable<Block['header']>): void;
  directive?(node: IncludedFile, directive: Directive): void;
}

/** Every header and directive of the tree in the order ssh reads them (a file once per Include of it). */
function readInOrder(node: IncludedFile, visit: ReadingVisitor): void {
  for (const block of node.parsed.blocks) {
    if (block.header !== null) visit.header?.(node, block.header);
    for (const directive of block.body) {
      visit.directive?.(node, directive);
      if (directive.kind === 'include') for (const child of node.children[directive.ordinal] ?? []) readInOrder(child, visit);
    }
  }
}

/**
 * Numbers the IgnoreUnknown lines and unknown keywords of the tree in reading
 * order (each inclusion of a file separately): whether ssh excuses an unknown
 * keyword depends on which IgnoreUnknown it read first, and where.
 */
function numberForUnknownKeywords(root: IncludedFile): UnknownKeyword[] {
  const unknown: UnknownKeyword[] = [];
  let ordinal = 0;
  readInOrder(root, {
    directive(node, directive) {
      ordinal++;
      if (directive.kind === 'set' && directive.setting.key === 'ignoreunknown') node.ordinals.set(directive, ordinal);
      if (directive.kind === 'unknown') unknown.push({ file: node.parsed, line: directive.line, keyword: directive.keyword, ordinal });
    },
  });
  return unknown;
}

/** Concrete aliases in reading order; the first Host line naming one is its source. */
function collectAliases(root: IncludedFile): LoadedSshConfig['aliases'] {
  const aliases: LoadedSshConfig['aliases'] = [];
  const seen = new Set<string>();
  readInOrder(root, {
    header(node, header) {
      if (header.kind !== 'host') return;
      for (const alias of header.aliases) {
        if (seen.has(alias)) continue;
        seen.add(alias);
        aliases.push({ alias, file: node.parsed.path, line: header.line });
      }
    },
  });
  return aliases;
}

function collectFiles(node: IncludedFile, into: Map<string, ParsedFile>): void {
  into.set(node.parsed.path, node.parsed);
  for (const list of node.children) for (const child of list ?? []) collectFiles(child, into);
}

/**
 * Reads `file` and its includes. Never throws: an unreadable file is an issue.
 * Unknown keywords are not issues yet: see unknown-keywords.ts.
 */
export async function loadConfigTree(file: string, context: SshConfigContext): Promise<LoadedSshConfig> {
  const ctx = resolveContext(context);
  const ports = await loadPortNames();
  const loader = new Loader(ctx, { env: ctx.env, ports });
  const top = await loader.read(file, 'top');
  if (!('parsed' in top)) {
    const reason = 'error' in top ? `${file} ${top.error}` : `${file} does not exist`;
    const issues: ConfigIssue[] = [{ file, line: 0, text: '', reason, kind: 'include' }];
    return { file, root: null, aliases: [], issues, wantsFinalPass: false, ctx, ports, unknownKeywords: [], files: [file] };
  }
  const root = await loader.expand(top.parsed, 0, [file]);
  const files = new Map<string, ParsedFile>();
  collectFiles(root, files);
  const parsedFiles = [...files.values()];
  const unknownKeywords = parsedFiles.some((parsed) => parsed.hasUnknownKeywords) ? numberForUnknownKeywords(root) : [];
  const wantsFinalPass = parsedFiles.some((parsed) => parsed.wantsFinalPass);
  return { file, root, aliases: collectAliases(root), issues: loader.issues, wantsFinalPass, ctx, ports, unknownKeywords, files: [...files.keys()] };
}

export const lineText = (parsed: ParsedFile, line: number): string => (parsed.lines[line - 1] ?? '').replace(/\r$/, '');
