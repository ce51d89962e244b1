// Every keyword an OpenSSH client accepts, with enough of its value syntax to
// report the lines ssh itself would refuse. Keywords Warren imports are parsed in
// parse-file.ts; the rest are checked here and otherwise ignored.
//
// Sources: readconf.c keywords[] of OpenSSH 9.2 (what this machine runs) and of
// current master, plus the keywords Debian's and Apple's builds add.

export type KeywordSyntax =
  /** yes/no/true/false */
  | { kind: 'flag' }
  /** one of these words, case-insensitive */
  | { kind: 'choice'; values: readonly string[] }
  /** convtime(3)-style seconds (`90`, `1h30m`) or `none` */
  | { kind: 'time' }
  /** a non-negative integer */
  | { kind: 'int' }
  /** exactly one argument, not checked further */
  | { kind: 'single' }
  /** a shell command: the raw rest of the line */
  | { kind: 'command' }
  /** file names: none empty, `none` only alone (GlobalKnownHostsFile, LogVerbose) */
  | { kind: 'list' }
  /** SendEnv: names without `=`; SetEnv: NAME=value pairs */
  | { kind: 'env-names' }
  | { kind: 'env-settings' }
  /** value rules of their own, checked in settings.ts */
  | { kind: 'add-keys' }
  | { kind: 'persist' }
  | { kind: 'escape' }
  | { kind: 'agent-socket' }
  /** any arguments (names lists, algorithm lists, multi-part values) */
  | { kind: 'any' }
  /** deprecated or unsupported: accepted and ignored by ssh */
  | { kind: 'ignored' }
  /** parsed by parse-file.ts because Warren imports it or it steers parsing */
  | { kind: 'warren' };

const FLAG: KeywordSyntax = { kind: 'flag' };
const TIME: KeywordSyntax = { kind: 'time' };
const INT: KeywordSyntax = { kind: 'int' };
const SINGLE: KeywordSyntax = { kind: 'single' };
const COMMAND: KeywordSyntax = { kind: 'command' };
const ANY: KeywordSyntax = { kind: 'any' };
const IGNORED: KeywordSyntax = { kind: 'ignored' };
const WARREN: KeywordSyntax = { kind: 'warren' };
const LIST: KeywordSyntax = { kind: 'list' };
const choice = (...values: string[]): KeywordSyntax => ({ kind: 'choice', values });
const BOOL_WORDS = ['yes', 'no', 'true', 'false'];

const TABLE: Record<string, KeywordSyntax> = {
  // Parsed for the import (or they change how other lines are read).
  host: WARREN,
  match: WARREN,
  include: WARREN,
  hostname: WARREN,
  user: WARREN,
  port: WARREN,
  identityfile: WARREN,
  identityfile2: WARREN,
  identitiesonly: WARREN,
  proxyjump: WARREN,
  proxycommand: WARREN,
  localforward: WARREN,
  remoteforward: WARREN,
  dynamicforward: WARREN,
  serveraliveinterval: WARREN,
  serveralivecountmax: WARREN,
  forwardagent: WARREN,
  stricthostkeychecking: WARREN,
  userknownhostsfile: WARREN,
  connecttimeout: WARREN,
  clearallforwardings: WARREN,
  hostkeyalias: WARREN,
  canonicalizehostname: WARREN,
  ignoreunknown: WARREN,
  protocolkeepalives: WARREN, // Debian: another name for ServerAliveInterval

  // Deprecated and unsupported: ssh accepts them and does nothing.
  protocol: IGNORED,
  cipher: IGNORED,
  fallbacktorsh: IGNORED,
  globalknownhostsfile2: IGNORED,
  rhostsauthentication: IGNORED,
  userknownhostsfile2: IGNORED,
  useroaming: IGNORED,
  usersh: IGNORED,
  useprivilegedport: IGNORED,
  afstokenpassing: IGNORED,
  kerberosauthentication: IGNORED,
  kerberostgtpassing: IGNORED,
  rsaauthentication: IGNORED,
  rhostsrsaauthentication: IGNORED,
  compressionlevel: IGNORED,

  forwardx11: FLAG,
  forwardx11trusted: FLAG,
  forwardx11timeout: TIME,
  exitonforwardfailure: FLAG,
  xauthlocation: SINGLE,
  gatewayports: FLAG,
  passwordauthentication: FLAG,
  kbdinteractiveauthentication: FLAG,
  challengeresponseauthentication: FLAG,
  skeyauthentication: FLAG,
  tisauthentication: FLAG,
  kbdinteractivedevices: SINGLE,
  pubkeyauthentication: choice(...BOOL_WORDS, 'unbound', 'host-bound'),
  dsaauthentication: choice(...BOOL_WORDS, 'unbound', 'host-bound'),
  hostbasedauthentication: FLAG,
  gssapiauthentication: FLAG,
  gssapidelegatecredentials: FLAG,
  pkcs11provider: SINGLE,
  smartcarddevice: SINGLE,
  certificatefile: SINGLE,
  addkeystoagent: { kind: 'add-keys' },
  identityagent: { kind: 'agent-socket' },
  ciphers: SINGLE,
  macs: SINGLE,
  permitremoteopen: ANY,
  escapechar: { kind: 'escape' },
  globalknownhostsfile: LIST,
  connectionattempts: INT,
  batchmode: FLAG,
  checkhostip: FLAG,
  compression: choice('yes', 'no'),
  tcpkeepalive: FLAG,
  keepalive: FLAG,
  numberofpasswordprompts: INT,
  syslogfacility: choice('daemon', 'user', 'auth', 'authpriv', ...[0, 1, 2, 3, 4, 5, 6, 7].map((n) => `local${n}`)),
  loglevel: choice('quiet', 'fatal', 'error', 'info', 'verbose', 'debug', 'debug1', 'debug2', 'debug3'),
  logverbose: LIST,
  preferredauthentications: SINGLE,
  hostkeyalgorithms: SINGLE,
  casignaturealgorithms: SINGLE,
  bindaddress: SINGLE,
  bindinterface: SINGLE,
  enablesshkeysign: FLAG,
  verifyhostkeydns: choice(...BOOL_WORDS, 'ask'),
  nohostauthenticationforlocalhost: FLAG,
  rekeylimit: ANY,
  addressfamily: choice('inet', 'inet6', 'any'),
  sendenv: { kind: 'env-names' },
  setenv: { kind: 'env-settings' },
  controlpath: SINGLE,
  controlmaster: choice(...BOOL_WORDS, 'auto', 'ask', 'autoask'),
  controlpersist: { kind: 'persist' },
  hashknownhosts: FLAG,
  tunnel: choice(...BOOL_WORDS, 'ethernet', 'point-to-point'),
  tunneldevice: SINGLE,
  localcommand: COMMAND,
  permitlocalcommand: FLAG,
  remotecommand: COMMAND,
  visualhostkey: FLAG,
  kexalgorithms: SINGLE,
  ipqos: ANY,
  requesttty: choice(...BOOL_WORDS, 'force', 'auto'),
  sessiontype: choice('none', 'subsystem', 'default'),
  stdinnull: FLAG,
  forkafterauthentication: FLAG,
  proxyusefdpass: FLAG,
  canonicaldomains: ANY,
  canonicalizefallbacklocal: FLAG,
  canonicalizemaxdots: INT,
  canonicalizepermittedcnames: ANY,
  streamlocalbindmask: SINGLE,
  streamlocalbindunlink: FLAG,
  revokedhostkeys: SINGLE,
  fingerprinthash: SINGLE,
  updatehostkeys: choice(...BOOL_WORDS, 'ask'),
  hostbasedacceptedalgorithms: SINGLE,
  hostbasedkeytypes: SINGLE,
  pubkeyacceptedalgorithms: SINGLE,
  pubkeyacceptedkeytypes: SINGLE,
  securitykeyprovider: SINGLE,
  knownhostscommand: COMMAND,
  requiredrsasize: INT,
  enableescapecommandline: FLAG,

  // Newer than 9.2 (a config written for a newer ssh is still a valid config).
  channeltimeout: ANY,
  obscurekeystroketiming: ANY,
  refuseconnection: ANY,
  tag: ANY,
  versionaddendum: ANY,
  warnweakcrypto: ANY,

  // Debian's GSSAPI key exchange and keepalive patches.
  gssapikeyexchange: FLAG,
  gssapitrustdns: FLAG,
  gssapirenewalforcesrekey: FLAG,
  gssapiclientidentity: SINGLE,
  gssapiserveridentity: SINGLE,
  gssapikexalgorithms: SINGLE,
  setuptimeout: ANY,

  // Apple's ssh reads keys' passphrases from the keychain. Other builds refuse the
  // keyword (configs shared with a Mac add `IgnoreUnknown UseKeychain`), so it is
  // known only where ssh knows it.
  ...(process.platform === 'darwin' ? { usekeychain: ANY } : {}),
};

/** The syntax of a (lowercased) keyword; undefined when no OpenSSH knows it. */
export function keywordSyntax(keyword: string): KeywordSyntax | undefined {
  return Object.hasOwn(TABLE, keyword) ? TABLE[keyword] : undefined;
}

/** Every keyword some OpenSSH client on this platform knows, lowercased. */
export function knownKeywords(): string[] {
  return Object.keys(TABLE);
}
