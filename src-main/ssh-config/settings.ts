// One option line → a typed setting, or the reason ssh would refuse the line.
// Mirrors the value checks of readconf.c process_config_line for the keywords
// Warren imports, and checks the syntax of the others through keywords.ts.
import { type ForwardSpec, parseForwardSpec } from './forwards';
import { type JumpSpec, parseProxyJump } from './jumps';
import { keywordSyntax } from './keywords';
import { asciiLower } from './patterns';
import { a2port, convtime, parseFlag, parseInteger, parseStrictHostKeyChecking, type StrictHostKeyChecking } from './scalars';
import type { Env, ValueContext } from './value-context';

export type Setting =
  | { key: 'hostname' | 'user' | 'hostkeyalias' | 'identityfile' | 'ignoreunknown' | 'canonicalizehostname'; value: string }
  | { key: 'proxycommand'; value: string }
  | { key: 'port' | 'serveralivecountmax'; value: number }
  /** null for `none`, which leaves the option unset (a later line may still set it) */
  | { key: 'serveraliveinterval' | 'connecttimeout'; value: number | null }
  | { key: 'identitiesonly' | 'clearallforwardings'; value: boolean }
  | { key: 'forwardagent'; value: boolean; socket: string | null }
  | { key: 'stricthostkeychecking'; value: StrictHostKeyChecking }
  /** [] when the line names no file (ssh accepts that and changes nothing) */
  | { key: 'userknownhostsfile'; value: string[] }
  | { key: 'proxyjump'; value: JumpSpec }
  | { key: 'forward'; keyword: 'LocalForward' | 'RemoteForward' | 'DynamicForward'; remote: boolean; value: ForwardSpec };

export type SettingResult =
  | { ok: true; setting: Setting | null }
  /** `unknown`: no ssh knows the keyword (IgnoreUnknown may still cover it) */
  | { ok: false; reason: string; unknown?: boolean };

const fail = (reason: string): SettingResult => ({ ok: false, reason });
const ok = (setting: Setting | null): SettingResult => ({ ok: true, setting });

/** The value as ProxyCommand/ProxyJump take it: the raw rest of the line, minus leading blanks and `=`. */
const rawValue = (rest: string): string => rest.replace(/^[ \t\r\n=]+/, '');

/** parse_string and friends: exactly one non-empty word (ssh sets the value, then rejects extra words). */
function single(args: readonly string[]): { value: string } | { error: string } {
  const value = args[0];
  if (value === undefined || value === '') return { error: 'missing argument' };
  if (args.length > 1) return { error: 'extra arguments at end of line' };
  return { value };
}

function time(args: readonly string[]): { value: number | null } | { error: string } {
  const word = single(args);
  if ('error' in word) return word.error === 'missing argument' ? { error: 'missing time value' } : word;
  if (word.value === 'none') return { value: null };
  const seconds = convtime(word.value);
  return seconds < 0 ? { error: `invalid time value "${word.value}"` } : { value: seconds };
}

function flag(args: readonly string[]): { value: boolean } | { error: string } {
  const word = single(args);
  if ('error' in word) return word;
  const value = parseFlag(word.value);
  return value === null ? { error: `unsupported option "${word.value}" (expected yes or no)` } : { value };
}

/** readconf.c's checks for ForwardAgent's socket form: a path, `${VAR}` or a legacy `$VAR`. */
function agentSocketError(arg: string, env: Env): string | null {
  if (/\$\{[^}]*$|\$\{\}/.test(arg)) return `invalid environment expansion ${arg}`;
  for (const [, name] of arg.matchAll(/\$\{([^}]*)\}/g)) if (env[name as string] === undefined) return `invalid environment expansion ${arg}`;
  if (arg.startsWith('$') && arg[1] !== '{' && !/^[A-Za-z0-9_]+$/.test(arg.slice(1))) return `invalid environment name ${arg}`;
  return null;
}

function forward(keyword: string, args: readonly string[], values: ValueContext): SettingResult {
  const remote = keyword === 'remoteforward';
  let dynamic = keyword === 'dynamicforward';
  const first = args[0];
  if (first === undefined || first === '') return fail('missing argument');
  let spec = first;
  let used = 1;
  if (!dynamic) {
    const target = args[1];
    if (target === undefined || target === '') {
      if (!remote) return fail('missing target argument');
      dynamic = true;
    } else {
      spec = `${first}:${target}`;
      used = 2;
    }
  }
  const value = parseForwardSpec(spec, dynamic, remote, values);
  if (value === null) return fail('bad forwarding specification');
  if (args.length > used) return fail('extra arguments at end of line');
  const name = keyword === 'localforward' ? 'LocalForward' : remote ? 'RemoteForward' : 'DynamicForward';
  return ok({ key: 'forward', keyword: name, remote, value });
}

/** readconf.c parse_char_array: no empty word, `none` only on its own. */
function listError(args: readonly string[]): string | null {
  for (const [i, arg] of args.entries()) {
    if (arg === '') return 'empty argument';
    if (asciiLower(arg) === 'none' && (i > 0 || args.length > 1)) return '"none" must appear alone';
  }
  return null;
}

function knownHostsFiles(args: readonly string[]): SettingResult {
  const error = listError(args);
  return error === null ? ok({ key: 'userknownhostsfile', value: [...args] }) : fail(error);
}

/** readconf.c oAddKeysToAgent: yes/no/ask/confirm, `confirm <time>`, or a time alone. */
function addKeysError(args: readonly string[]): string | null {
  const [first, second, ...extra] = args;
  const word = first === undefined ? null : asciiLower(first);
  const known = word !== null && ['yes', 'no', 'true', 'false', 'ask', 'confirm'].includes(word);
  if (extra.length > 0) return 'extra arguments at end of line';
  if (word === 'confirm' && second !== undefined) return convtime(second) < 0 ? 'invalid time value' : null;
  if (!known && second === undefined) return first !== undefined && convtime(first) >= 0 ? null : 'unsupported option';
  return !known || second !== undefined ? 'unsupported option' : null;
}

/** readconf.c oControlPersist: yes/no/true/false (as written, lowercase) or a time. */
function persistError(value: string): string | null {
  return ['yes', 'no', 'true', 'false'].includes(value) || convtime(value) >= 0 ? null : `bad ControlPersist argument "${value}"`;
}

/** readconf.c oEscapeChar: `none`, one character, or `^` and a character from @ to DEL. */
function escapeError(value: string): string | null {
  if (value === 'none' || value.length === 1) return null;
  const code = value.charCodeAt(1);
  return value.length === 2 && value[0] === '^' && code >= 64 && code < 128 ? null : 'bad escape character';
}

const settingFromWord = (
  args: readonly string[],
  make: (value: string) => Setting | null | string,
): SettingResult => {
  const word = single(args);
  if ('error' in word) return fail(word.error);
  const setting = make(word.value);
  return typeof setting === 'string' ? fail(setting) : ok(setting);
};

/**
 * An option line (not Host/Match/Include). `rest` is the raw text after the
 * keyword, `args` its words. ok with a null setting: valid, nothing Warren uses.
 */
export function parseSetting(keyword: string, rest: string, args: readonly string[], values: ValueContext): SettingResult {
  switch (keyword) {
    case 'hostname':
    case 'user':
    case 'hostkeyalias':
    case 'ignoreunknown':
    case 'identityfile':
    case 'identityfile2':
      return settingFromWord(args, (value) => ({ key: keyword === 'identityfile2' ? 'identityfile' : keyword, value }));
    case 'port':
      return settingFromWord(args, (value) => {
        const port = a2port(value, values.ports);
        return port <= 0 ? `bad port "${value}"` : { key: 'port', value: port };
      });
    case 'serveralivecountmax':
      return settingFromWord(args, (value) => {
        const count = parseInteger(value);
        return count === null ? `bad integer "${value}"` : { key: 'serveralivecountmax', value: count };
      });
    case 'serveraliveinterval':
    case 'protocolkeepalives':
    case 'connecttimeout': {
      const parsed = time(args);
      if ('error' in parsed) return fail(parsed.error);
      return ok({ key: keyword === 'connecttimeout' ? 'connecttimeout' : 'serveraliveinterval', value: parsed.value });
    }
    case 'identitiesonly':
    case 'clearallforwardings': {
      const parsed = flag(args);
      return 'error' in parsed ? fail(parsed.error) : ok({ key: keyword, value: parsed.value });
    }
    case 'stricthostkeychecking':
      return settingFromWord(args, (value) => {
        const mode = parseStrictHostKeyChecking(value);
        return mode === null ? `unsupported option "${value}"` : { key: 'stricthostkeychecking', value: mode };
      });
    case 'canonicalizehostname':
      return settingFromWord(args, (value) =>
        ['yes', 'no', 'true', 'false', 'always'].includes(asciiLower(value))
          ? { key: 'canonicalizehostname', value: asciiLower(value) }
          : `unsupported option "${value}"`,
      );
    case 'forwardagent':
      return settingFromWord(args, (value) => {
        const on = parseFlag(value);
        if (on !== null) return { key: 'forwardagent', value: on, socket: null };
        return agentSocketError(value, values.env) ?? { key: 'forwardagent', value: true, socket: value };
      });
    case 'userknownhostsfile':
      return knownHostsFiles(args);
    case 'proxycommand':
      return ok({ key: 'proxycommand', value: rawValue(rest) });
    case 'proxyjump': {
      const value = parseProxyJump(rawValue(rest), values.ports);
      return value === null ? fail(`invalid ProxyJump "${rawValue(rest)}"`) : ok({ key: 'proxyjump', value });
    }
    case 'localforward':
    case 'remoteforward':
    case 'dynamicforward':
      return forward(keyword, args, values);
    default:
      return checkOtherKeyword(keyword, args, values.env);
  }
}

/** Keywords Warren does not import: only the syntax ssh checks. */
function checkOtherKeyword(keyword: string, args: readonly string[], env: Env): SettingResult {
  const syntax = keywordSyntax(keyword);
  if (syntax === undefined) return { ok: false, reason: `unknown keyword ${JSON.stringify(keyword)}`, unknown: true };
  switch (syntax.kind) {
    case 'flag': {
      const parsed = flag(args);
      return 'error' in parsed ? fail(parsed.error) : ok(null);
    }
    case 'choice':
      return settingFromWord(args, (value) =>
        syntax.values.includes(asciiLower(value)) ? null : `unsupported option "${value}"`,
      );
    case 'time': {
      const parsed = time(args);
      return 'error' in parsed ? fail(parsed.error) : ok(null);
    }
    case 'int':
      return settingFromWord(args, (value) => (parseInteger(value) === null ? `bad integer "${value}"` : null));
    case 'single': {
      const word = single(args);
      return 'error' in word ? fail(word.error) : ok(null);
    }
    case 'list': {
      const error = listError(args);
      return error === null ? ok(null) : fail(error);
    }
    case 'env-names':
      return args.every((arg) => arg !== '' && !arg.includes('=')) ? ok(null) : fail('invalid environment name');
    case 'env-settings':
      return args.every((arg) => arg.includes('=')) ? ok(null) : fail('invalid SetEnv');
    case 'add-keys': {
      const error = addKeysError(args);
      return error === null ? ok(null) : fail(error);
    }
    case 'persist':
      return settingFromWord(args, persistError);
    case 'escape':
      return settingFromWord(args, escapeError);
    case 'agent-socket':
      return settingFromWord(args, (value) => agentSocketError(value, env));
    default:
      return ok(null);
  }
}
