// The import preview goes to the renderer, which may name any local file. So a
// file is read as an OpenSSH client config only when it looks like one, and
// what comes back is what was parsed, never raw lines of unknown content.
//
// The rule, for the file chosen (files it Includes are read as ssh reads them,
// and their issues are shown the same way): it is an ssh_config when at least half of its statement lines
// (neither blank nor `#` comments) start with a keyword some OpenSSH client
// knows, and at least one does. Otherwise the preview is refused with
// 'not-ssh-config' and counts only, no content. In a file that passes, an
// issue names its line's keyword (when it is shaped like one: ASCII letters and
// digits, at most 40) instead of the line, and a reason written by the parser
// is kept only for lines that start with a known keyword (their values are
// config, shown like the parsed hosts are), cut to 160 characters.
import { AppError } from '../errors/app-error';
import { keywordSyntax } from '../ssh-config/keywords';
import { splitConfigLine } from '../ssh-config/line-tokens';
import type { ConfigIssue } from '../ssh-config';

/** Far more than any real config (tens of thousands of hosts); larger files are not read. */
export const MAX_CONFIG_BYTES = 4 << 20;

const KEYWORD_SHAPE = /^[a-z][a-z0-9]{0,39}$/;
const REASON_MAX = 160;

/** The line's keyword, lowercased, or null for blank and comment lines. */
function keywordOf(line: string): string | null {
  const split = splitConfigLine(line.replace(/\r$/, ''));
  return split.kind === 'blank' ? null : split.keyword;
}

const known = (keyword: string | null): boolean => keyword !== null && keywordSyntax(keyword) !== undefined;

/** Throws 'not-ssh-config' unless `text` reads as an OpenSSH client config (see the rule above). */
export function assertSshConfigText(file: string, text: string): void {
  let statements = 0;
  let recognised = 0;
  for (const line of text.split('\n')) {
    const keyword = keywordOf(line);
    if (keyword === null) continue;
    statements++;
    if (known(keyword)) recognised++;
  }
  const refuse = (why: string) =>
    new AppError('not-ssh-config', `${file} is not an OpenSSH client config: ${why}. Choose your ssh config file (usually ~/.ssh/config).`);
  if (recognised === 0) throw refuse(statements === 0 ? 'it has no config lines' : 'none of its lines starts with an ssh_config keyword');
  if (recognised * 2 < statements) throw refuse(`${statements - recognised} of its ${statements} lines do not start with an ssh_config keyword`);
}

/** An issue as the renderer may see it: the keyword (not the line) and a reason that echoes no unknown content. */
export function safeIssue(issue: ConfigIssue): { file: string; line: number; text: string; reason: string } {
  const { file, line } = issue;
  // Whole-file issues (unreadable, missing) carry no line, and a reason Warren wrote.
  if (line === 0) return { file, line, text: '', reason: cut(issue.reason) };
  const keyword = keywordOf(issue.text);
  const shaped = keyword !== null && KEYWORD_SHAPE.test(keyword);
  const text = shaped ? asWritten(issue.text, keyword) : '';
  if (issue.kind === 'unknown-keyword') return { file, line, text, reason: shaped ? 'unknown keyword' : 'not an ssh_config line' };
  if (known(keyword)) return { file, line, text, reason: cut(issue.reason) };
  return { file, line, text, reason: 'not an ssh_config line' };
}

/** The keyword with the case it was written in (it is ASCII, so lowercasing kept its length). */
function asWritten(line: string, keyword: string): string {
  const at = line.replace(/[A-Z]/g, (c) => c.toLowerCase()).indexOf(keyword);
  return at < 0 ? keyword : line.slice(at, at + keyword.length);
}

const cut = (reason: string): string => (reason.length > REASON_MAX ? `${reason.slice(0, REASON_MAX - 1)}…` : reason);
