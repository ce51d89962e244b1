// Splitting one config line into a keyword and its arguments exactly as OpenSSH's
// readconf.c does (strdelim for the keyword, argv_split for the rest), so quotes,
// `key=value`, escapes and trailing comments mean here what they mean to ssh.

import { asciiLower } from './patterns';

const WHITESPACE = ' \t\r\n';
const DELIMITERS = /[ \t\r\n"=]/;

function skipWhitespace(text: string, from: number): number {
  let i = from;
  while (i < text.length && WHITESPACE.includes(text[i] as string)) i++;
  return i;
}

/**
 * misc.c strdelim: the next token, split on whitespace or one `=`; a `"` starts a
 * quoted part that runs to the next `"`. `token` null means an unmatched quote;
 * `rest` null means nothing followed the token.
 */
export function strdelim(text: string): { token: string | null; rest: string | null } {
  const found = DELIMITERS.exec(text);
  if (found === null) return { token: text, rest: null };
  const at = found.index;
  if (text[at] === '"') {
    const close = text.indexOf('"', at + 1);
    if (close < 0) return { token: null, rest: null };
    return { token: text.slice(0, at) + text.slice(at + 1, close), rest: text.slice(skipWhitespace(text, close + 1)) };
  }
  let next = skipWhitespace(text, at + 1);
  // Only one `=` may separate: `key = value` and `key=value`, but `key==v` keeps one `=`.
  if (text[at] !== '=' && text[next] === '=') next = skipWhitespace(text, next + 1);
  return { token: text.slice(0, at), rest: text.slice(next) };
}

/**
 * misc.c argv_split with terminate_on_comment: words split on spaces and tabs,
 * `"` and `'` quote (also mid-word), `\` escapes a quote, a backslash or (outside
 * quotes) a space, and a word starting with `#` ends the line. Null for an unclosed quote.
 */
export function argvSplit(text: string): string[] | null {
  // Most lines have no quotes, escapes or comments: plain words.
  if (!/["'\\#]/.test(text)) return text.split(/[ \t]+/).filter((word) => word !== '');
  const args: string[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (c === '#') break;
    let arg = '';
    let quote = '';
    for (; i < text.length; i++) {
      const ch = text[i] as string;
      const next = text[i + 1];
      if (ch === '\\') {
        if (next === "'" || next === '"' || next === '\\' || (quote === '' && next === ' ')) {
          i++;
          arg += next;
        } else {
          arg += ch; // unrecognised escapes stay as written
        }
      } else if (quote === '' && (ch === ' ' || ch === '\t')) {
        break;
      } else if (quote === '' && (ch === '"' || ch === "'")) {
        quote = ch;
      } else if (quote !== '' && ch === quote) {
        quote = '';
      } else {
        arg += ch;
      }
    }
    if (quote !== '') return null;
    args.push(arg);
  }
  return args;
}

export type SplitLine =
  | { kind: 'blank' }
  | { kind: 'error'; keyword: string; reason: string }
  /** `rest` is the raw text after the keyword (ProxyCommand and ProxyJump use it as is). */
  | { kind: 'ok'; keyword: string; rest: string; args: string[] };

/** readconf.c process_config_line up to the keyword switch. Keywords come back lowercased. */
export function splitConfigLine(raw: string): SplitLine {
  // Trailing whitespace (and a form feed) goes; the first character always stays, as in ssh.
  let end = raw.length;
  while (end > 1 && ' \t\r\n\f'.includes(raw[end - 1] as string)) end--;
  const line = raw.slice(0, end);
  if (line === '') return { kind: 'blank' };
  let { token: keyword, rest } = strdelim(line);
  if (keyword === '' && rest !== null) ({ token: keyword, rest } = strdelim(rest));
  if (keyword === null || keyword === '' || keyword.startsWith('#')) return { kind: 'blank' };
  const lowered = asciiLower(keyword);
  const value = rest === null ? '' : rest.slice(skipWhitespace(rest, 0));
  if (value === '') return { kind: 'error', keyword: lowered, reason: `no argument after keyword "${lowered}"` };
  const args = argvSplit(value);
  if (args === null) return { kind: 'error', keyword: lowered, reason: 'invalid quotes' };
  return { kind: 'ok', keyword: lowered, rest: value, args };
}
