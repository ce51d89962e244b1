// What the importer does with every ssh_config keyword, in one table, so that no
// keyword of an imported host is ever dropped without a word in the preview.
//
// Each row is one of:
//   imported()              carried into the saved host as configured (no note)
//   noted(note)             carried over, with a note on how Warren's behaviour differs
//   unsupported(reason)     not carried over; the preview says `<Keyword> <value>: <reason>`
//   readingOnly()           shapes how the file is read (Host, Match, Include, IgnoreUnknown)
//   deprecated()            OpenSSH itself ignores it
// Options on unsupported/noted rows:
//   same: values for which Warren already behaves as configured (no note then),
//         e.g. `PasswordAuthentication yes`. Compared lowercased, first word.
//   blocks: values that mean the host cannot work in Warren; the preview then
//         leaves the host unchecked with this reason.
// When a host-model field is added for a keyword, flip its row to imported() and
// import the value in ssh-config-import.ts; the test then checks it is not noted.

export type KeywordRow =
  | { status: 'imported' }
  | { status: 'reading' }
  | { status: 'deprecated' }
  | { status: 'noted' | 'unsupported'; reason: string; same?: readonly string[]; blocks?: readonly string[] };

const imported = (): KeywordRow => ({ status: 'imported' });
const readingOnly = (): KeywordRow => ({ status: 'reading' });
const deprecated = (): KeywordRow => ({ status: 'deprecated' });
const noted = (reason: string, options: { same?: readonly string[]; blocks?: readonly string[] } = {}): KeywordRow => ({ status: 'noted', reason, ...options });
const unsupported = (reason: string, options: { same?: readonly string[]; blocks?: readonly string[] } = {}): KeywordRow => ({ status: 'unsupported', reason, ...options });

const NO = ['no', 'false'];
const YES = ['yes', 'true'];
const ALGORITHMS = 'Warren has no host-based login or certificate checks for this list to apply to';
const GSSAPI = 'Kerberos (GSSAPI) is not supported';
const X11 = 'X11 forwarding is not supported';
const CANONICAL = 'host names are not canonicalised: the name is used as written';
const PROMPTS = 'Warren offers password and keyboard-interactive login whenever the server allows them';
const HARDWARE = 'hardware keys are used only through the agent';
const NO_COMMANDS = 'Warren does not run local commands';
const ESCAPES = 'Warren has no ~ escape commands (its menus do that)';
const SOCKETS = 'unix socket forwarding is not supported';
const CONTROL = 'Warren manages its own connections';

/** Keyed by the name as ssh_config(5) writes it; looked up lowercased. */
export const KEYWORD_SUPPORT = {
  // How the file is read.
  Host: readingOnly(),
  Match: readingOnly(),
  Include: readingOnly(),
  IgnoreUnknown: readingOnly(),

  // Carried into the saved host.
  Hostname: imported(),
  User: imported(),
  Port: imported(),
  IdentityFile: imported(),
  IdentityFile2: imported(),
  IdentitiesOnly: imported(),
  ProxyJump: imported(),
  ProxyCommand: imported(),
  LocalForward: imported(),
  RemoteForward: imported(),
  DynamicForward: imported(),
  ClearAllForwardings: imported(),
  ExitOnForwardFailure: imported(),
  ServerAliveInterval: imported(),
  ServerAliveCountMax: imported(),
  ProtocolKeepAlives: imported(),
  ForwardAgent: imported(),
  StrictHostKeyChecking: imported(),

  // Carried over with a difference.
  GatewayPorts: imported(),
  CanonicalizeHostname: noted(CANONICAL, { same: NO }),

  // Not carried over (engineer hostopts adds host fields for some of these: flip the row then).
  IdentityAgent: imported(),
  CertificateFile: imported(),
  HostKeyAlgorithms: imported(),
  KexAlgorithms: imported(),
  Ciphers: imported(),
  MACs: imported(),
  PubkeyAcceptedAlgorithms: imported(),
  PubkeyAcceptedKeyTypes: imported(),
  HostbasedAcceptedAlgorithms: unsupported(ALGORITHMS),
  HostbasedKeyTypes: unsupported(ALGORITHMS),
  CASignatureAlgorithms: unsupported(ALGORITHMS),
  PreferredAuthentications: imported(),
  PubkeyAuthentication: unsupported('Warren always offers the agent\u2019s keys and the key file', { same: [...YES, 'unbound', 'host-bound'] }),
  DSAAuthentication: unsupported('Warren always offers the agent\u2019s keys and the key file', { same: YES }),
  SendEnv: imported(),
  SetEnv: imported(),
  RemoteCommand: imported(),
  RequestTTY: imported(),
  ConnectTimeout: imported(),
  UserKnownHostsFile: imported(),
  GlobalKnownHostsFile: unsupported('Warren checks host keys in its own known_hosts files (see Settings)', { same: ['/etc/ssh/ssh_known_hosts', '/etc/ssh/ssh_known_hosts2'] }),
  HostKeyAlias: imported(),
  CheckHostIP: unsupported('host keys are checked under the host name only', { same: NO }),
  HashKnownHosts: unsupported('Warren writes known_hosts entries its own way'),
  KnownHostsCommand: unsupported(NO_COMMANDS, { same: ['none'] }),
  RevokedHostKeys: unsupported('revoked host key lists are not checked', { same: ['none'] }),
  UpdateHostKeys: unsupported('Warren does not learn additional host keys from the server', { same: NO }),
  VerifyHostKeyDNS: unsupported('SSHFP records are not checked', { same: NO }),
  VisualHostKey: unsupported('Warren shows fingerprints, not ASCII art', { same: NO }),
  FingerprintHash: unsupported('Warren shows SHA256 fingerprints', { same: ['sha256'] }),
  NoHostAuthenticationForLocalhost: unsupported('host keys are checked for localhost too', { same: NO }),
  AddKeysToAgent: unsupported('Warren does not add keys to the agent', { same: NO }),
  UseKeychain: unsupported('Warren keeps passphrases in its own vault when you ask it to'),
  PKCS11Provider: unsupported(HARDWARE, { same: ['none'] }),
  SecurityKeyProvider: unsupported(HARDWARE, { same: ['internal'] }),
  SmartcardDevice: unsupported(HARDWARE),
  PasswordAuthentication: unsupported(PROMPTS, { same: YES }),
  KbdInteractiveAuthentication: unsupported(PROMPTS, { same: YES }),
  ChallengeResponseAuthentication: unsupported(PROMPTS, { same: YES }),
  SkeyAuthentication: unsupported(PROMPTS, { same: YES }),
  TISAuthentication: unsupported(PROMPTS, { same: YES }),
  KbdInteractiveDevices: unsupported(PROMPTS),
  NumberOfPasswordPrompts: unsupported('Warren asks again until you cancel', { same: ['3'] }),
  BatchMode: unsupported('Warren asks for passwords and host keys in its own dialogs', { same: NO }),
  HostbasedAuthentication: unsupported('host-based authentication is not supported', { same: NO }),
  EnableSSHKeysign: unsupported('host-based authentication is not supported', { same: NO }),
  GSSAPIAuthentication: unsupported(GSSAPI, { same: NO }),
  GSSAPIDelegateCredentials: unsupported(GSSAPI, { same: NO }),
  GSSAPIKeyExchange: unsupported(GSSAPI, { same: NO }),
  GSSAPITrustDns: unsupported(GSSAPI, { same: NO }),
  GSSAPIRenewalForcesRekey: unsupported(GSSAPI, { same: NO }),
  GSSAPIClientIdentity: unsupported(GSSAPI),
  GSSAPIServerIdentity: unsupported(GSSAPI),
  GSSAPIKexAlgorithms: unsupported(GSSAPI),
  ForwardX11: unsupported(X11, { same: NO }),
  ForwardX11Trusted: unsupported(X11, { same: NO }),
  ForwardX11Timeout: unsupported(X11),
  XAuthLocation: unsupported(X11),
  ProxyUseFdpass: unsupported('Warren reads the proxy command\u2019s output; it cannot take a socket passed back', { same: NO, blocks: YES }),
  AddressFamily: unsupported('Warren connects over whichever address family the name resolves to', { same: ['any'] }),
  BindAddress: unsupported('the system chooses the local address'),
  BindInterface: unsupported('the system chooses the local interface'),
  ConnectionAttempts: unsupported('Warren tries to connect once', { same: ['1'] }),
  CanonicalDomains: unsupported(CANONICAL),
  CanonicalizeFallbackLocal: unsupported(CANONICAL, { same: YES }),
  CanonicalizeMaxDots: unsupported(CANONICAL, { same: ['1'] }),
  CanonicalizePermittedCNAMEs: unsupported(CANONICAL, { same: ['none'] }),
  ControlMaster: unsupported(CONTROL, { same: NO }),
  ControlPath: unsupported(CONTROL, { same: ['none'] }),
  ControlPersist: unsupported(CONTROL, { same: NO }),
  Compression: unsupported('connections are not compressed', { same: NO }),
  IPQoS: unsupported('the system\u2019s default traffic class is used', { same: ['af21'] }),
  RekeyLimit: unsupported('Warren re-keys at its own limits', { same: ['default'] }),
  TCPKeepAlive: unsupported('Warren detects dead connections with ServerAlive keepalives', { same: YES }),
  KeepAlive: unsupported('Warren detects dead connections with ServerAlive keepalives', { same: YES }),
  EscapeChar: unsupported(ESCAPES, { same: ['none'] }),
  EnableEscapeCommandline: unsupported(ESCAPES, { same: NO }),
  LocalCommand: unsupported(NO_COMMANDS),
  PermitLocalCommand: unsupported(NO_COMMANDS, { same: NO }),
  PermitRemoteOpen: unsupported('remote SOCKS forwards are not supported', { same: ['any'] }),
  StreamLocalBindMask: unsupported(SOCKETS, { same: ['0177'] }),
  StreamLocalBindUnlink: unsupported(SOCKETS, { same: NO }),
  Tunnel: unsupported('tun/tap device forwarding is not supported', { same: NO }),
  TunnelDevice: unsupported('tun/tap device forwarding is not supported'),
  SessionType: unsupported('Warren opens a shell (use a tunnel alone for forwards only)', { same: ['default'] }),
  StdinNull: unsupported('a command-line switch with no meaning in Warren', { same: NO }),
  ForkAfterAuthentication: unsupported('a command-line switch with no meaning in Warren', { same: NO }),
  LogLevel: unsupported('Warren keeps its own connection log', { same: ['info'] }),
  LogVerbose: unsupported('Warren keeps its own connection log', { same: ['none'] }),
  SyslogFacility: unsupported('Warren keeps its own connection log', { same: ['user'] }),
  RequiredRSASize: unsupported('Warren does not refuse short RSA keys', { same: ['1024'] }),
  // Newer than the ssh on this machine, or from Debian's patches.
  ChannelTimeout: unsupported('idle channels are not closed by Warren', { same: ['none'] }),
  ObscureKeystrokeTiming: unsupported('keystroke timing is not obscured', { same: NO }),
  RefuseConnection: unsupported('ssh refuses to connect to this host', { same: NO, blocks: YES }),
  Tag: unsupported('tags for Match are not used'),
  VersionAddendum: unsupported('Warren sends its own version string', { same: ['none'] }),
  WarnWeakCrypto: unsupported('Warren warns in its own way'),
  SetupTimeOut: unsupported('Warren\u2019s own connection time limit applies'),

  // OpenSSH ignores these too.
  Protocol: deprecated(),
  Cipher: deprecated(),
  FallBackToRsh: deprecated(),
  GlobalKnownHostsFile2: deprecated(),
  RhostsAuthentication: deprecated(),
  UserKnownHostsFile2: deprecated(),
  UseRoaming: deprecated(),
  UseRsh: deprecated(),
  UsePrivilegedPort: deprecated(),
  AFSTokenPassing: deprecated(),
  KerberosAuthentication: deprecated(),
  KerberosTGTPassing: deprecated(),
  RSAAuthentication: deprecated(),
  RhostsRSAAuthentication: deprecated(),
  CompressionLevel: deprecated(),
} satisfies Record<string, KeywordRow>;

const ROWS = new Map<string, { name: string; row: KeywordRow }>(Object.entries(KEYWORD_SUPPORT).map(([name, row]) => [name.toLowerCase(), { name, row }]));

/** The row for a lowercased keyword, with its name as ssh_config(5) writes it. */
export function keywordSupport(keyword: string): { name: string; row: KeywordRow } | undefined {
  return ROWS.get(keyword.toLowerCase());
}

export interface KeywordVerdict {
  /** what the preview says about this keyword, or null when it is imported as configured */
  note: string | null;
  /** set when the host cannot work in Warren with this value */
  blocks: string | null;
}

/** What the preview says about `keyword` with the values that apply to one host (first one first, as ssh uses it). */
export function keywordVerdict(keyword: string, values: readonly string[]): KeywordVerdict {
  const found = keywordSupport(keyword);
  const shown = `${found?.name ?? keyword} ${values.join(', ')}`.trim();
  if (found === undefined) return { note: `${shown}: not known to Warren, not imported`, blocks: null };
  const { row } = found;
  if (row.status === 'imported' || row.status === 'reading') return { note: null, blocks: null };
  if (row.status === 'deprecated') return { note: `${shown}: deprecated; OpenSSH ignores it too`, blocks: null };
  const first = (values[0] ?? '').trim().split(/\s+/)[0]!.toLowerCase();
  if (row.same?.includes(first) && values.length <= 1) return { note: null, blocks: null };
  const note = `${shown}: ${row.status === 'unsupported' ? 'not supported: ' : ''}${row.reason}`;
  return { note, blocks: row.blocks?.includes(first) ? note : null };
}
