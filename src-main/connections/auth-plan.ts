// Decides what to offer the server next, in OpenSSH's order: agent keys, the
// key file, keyboard-interactive, password — each only when configured (or
// askable) and offered by the server. It runs inside ssh2's authHandler, so
// nothing here happens before the host key has been verified.
import type { AuthenticationType, BaseAgent, ParsedKey } from 'ssh2';
import type { Ask } from '../../src-shared/contract/prompts';
import ssh2 from 'ssh2';
import { checkPassphrase, type KeyFile } from './credentials';
import { keyTypeAccepted } from '../algorithms/algorithms';
import type { AuthMethod } from '../../src-shared/auth-methods';
import { REPLY_TIMEOUT_MS } from './deadline';
import { TimedAgent } from './timed-agent';
import { certificateKey, isCertificateKey } from '../ssh2-internals/certificate-auth';
import { validityProblem, type OpenSshCertificate } from './user-certificate';

export interface AuthConfig {
  username: string;
  host: string;
  port: number;
  /** The ssh-agent socket to use, or null. */
  agentSocket: string | null;
  /** How long the agent may take to answer one request. */
  agentTimeoutMs?: number | undefined;
  keyFile: KeyFile | null;
  savedPassphrase?: string | undefined;
  savedPassword?: string | undefined;
  /** Whether remembered secrets can be stored (a keychain exists). */
  canRemember: boolean;
  /** Offer the key file and nothing else (to prove that a key logs in). */
  keyFileOnly?: boolean;
  /** PubkeyAcceptedAlgorithms: keys whose type none of these can sign with are not offered. Absent: any. */
  acceptedKeyAlgorithms?: readonly string[];
  /** More IdentityFiles, offered in order after `keyFile`; their passphrases are asked, never saved. */
  extraKeyFiles?: KeyFile[];
  /** IdentitiesOnly: the public keys (wire format) of the agent's keys that may be offered. Absent: all of them. */
  agentKeysOnly?: Buffer[];
  /** PreferredAuthentications: only these methods, in this order (publickey: the agent, then key files). Absent or empty: OpenSSH's order. */
  preferred?: readonly AuthMethod[];
  /** User certificates (CertificateFile, and `<key>-cert.pub` beside each key file): each is offered before the key it certifies. */
  certificates?: readonly (OpenSshCertificate & { path: string })[];
  /** Configured certificates that could not be read, said in the failure message. */
  certificateProblems?: readonly string[];
}

type KbdPrompt = (name: string, instructions: string, lang: string, prompts: { prompt: string; echo: boolean }[], finish: (answers: string[]) => void) => void;

export type AuthStep =
  | { type: 'none'; username: string }
  | { type: 'agent'; username: string; agent: BaseAgent }
  | { type: 'publickey'; username: string; key: Buffer | ParsedKey; passphrase?: string }
  | { type: 'keyboard-interactive'; username: string; prompt: KbdPrompt }
  | { type: 'password'; username: string; password: string };

const MAX_ATTEMPTS = 3;
const AGENT_TRIED = 'the keys in ssh-agent';

export class AuthPlan {
  private stages: Array<AuthStep['type']> = ['none', 'agent', 'publickey', 'keyboard-interactive', 'password'];
  private offered: string[] | null = null;
  private readonly tried: string[] = [];
  /** Key files still to offer, the host's own first. */
  private readonly keyQueue: KeyFile[];
  /** Whether the last key offered was the host's own key file (whose passphrase may be remembered). */
  private lastKeyPrimary = true;
  /** Configured keys left out on purpose, and why. */
  private readonly skipped: string[] = [];
  private lastStep: AuthStep['type'] | null = null;
  private passwordAttempts = 0;
  private usedSavedPasswordForKbd = false;
  private pending: { password?: string; passphrase?: string } = {};
  /** True once the user cancelled a prompt: the failure is theirs, not the server's. */
  cancelled = false;
  /** Why the agent's keys could not be offered (it failed or did not answer), if so. */
  private agentProblem: string | null = null;
  /** The plain key, queued behind its certificate (OpenSSH offers both, the certificate first). */
  private readonly queued: AuthStep[] = [];
  /** Why certificates cannot be offered on this connection, if so. */
  private certificatesBlocked: string | null = null;

  constructor(
    private readonly config: AuthConfig,
    private readonly ask: Ask,
  ) {
    // 'none' stays: it is how the server tells which methods it accepts.
    if (config.preferred && config.preferred.length > 0) this.stages = ['none', ...config.preferred.flatMap((m): AuthStep['type'][] => (m === 'publickey' ? ['agent', 'publickey'] : [m]))];
    if (config.keyFileOnly) this.stages = ['none', 'publickey'];
    this.keyQueue = [...(config.keyFile ? [config.keyFile] : []), ...(config.keyFileOnly ? [] : (config.extraKeyFiles ?? []))];
    this.skipped.push(...(config.certificateProblems ?? []));
  }

  /** ssh2 cannot carry certificates on this connection (see ssh2-internals/certificate-auth): offer plain keys only. */
  certificatesUnavailable(reason: string): void {
    this.certificatesBlocked = reason;
  }

  /** What the server said it accepts, once known. */
  get serverMethods(): readonly string[] | null {
    return this.offered;
  }

  /** The method of the last attempt: after 'ready', the one that worked. */
  get lastMethod(): string | null {
    return this.lastStep;
  }

  /** ssh2 reported the agent failing (ssh2 then goes on to the next method). */
  agentFailed(message: string): void {
    this.agentProblem = message;
    const i = this.tried.indexOf(AGENT_TRIED);
    if (i >= 0) this.tried.splice(i, 1);
  }

  /** A sentence on why the agent's keys were not tried, or null. */
  get agentTrouble(): string | null {
    if (!this.agentProblem) return null;
    return `Warren could not use the ssh-agent, so its keys were not offered. ${this.agentProblem.replace(/\.?$/, '.')}`;
  }

  describeTried(): string {
    const skipped = this.skipped.length > 0 ? ` (${this.skipped.join('; ')})` : '';
    if (this.tried.length === 0) return `any method: none is configured that the server offers${skipped}`;
    return this.tried.join(', then ') + skipped;
  }

  /** Secrets the user asked to remember, to save only now that they worked. */
  toRemember(): { password?: string; passphrase?: string } {
    const out: { password?: string; passphrase?: string } = {};
    if (this.pending.passphrase !== undefined && this.lastStep === 'publickey' && this.lastKeyPrimary) out.passphrase = this.pending.passphrase;
    if (this.pending.password !== undefined && (this.lastStep === 'password' || this.lastStep === 'keyboard-interactive')) out.password = this.pending.password;
    return out;
  }

  /** ssh2's authHandler. */
  readonly handler = (methodsLeft: AuthenticationType[] | null, _partial: boolean | null, next: (step: AuthStep | false) => void): void => {
    if (methodsLeft) this.offered = [...methodsLeft];
    this.nextStep().then(next, () => next(false));
  };

  private offers(method: string): boolean {
    return this.offered === null || this.offered.includes(method);
  }

  private async nextStep(): Promise<AuthStep | false> {
    const { username } = this.config;
    while (!this.cancelled) {
      const stage = this.stages[0];
      if (!stage) return false;
      let step: AuthStep | null = null;
      switch (stage) {
        case 'none':
          this.stages.shift();
          step = { type: 'none', username };
          break;
        case 'agent':
          this.stages.shift();
          if (this.config.agentSocket && this.offers('publickey')) {
            step = { type: 'agent', username, agent: new TimedAgent(this.config.agentSocket, this.config.agentTimeoutMs ?? REPLY_TIMEOUT_MS, this.acceptsAgentKey) };
            this.tried.push(AGENT_TRIED);
          }
          break;
        case 'publickey': {
          const queued = this.queued.shift();
          if (queued) {
            step = queued;
            break;
          }
          const key = this.keyQueue.shift();
          if (!key) this.stages.shift();
          else if (this.offers('publickey')) step = await this.keyStep(key, key === this.config.keyFile);
          break;
        }
        case 'keyboard-interactive':
          this.stages.shift();
          if (this.offered?.includes('keyboard-interactive')) {
            step = { type: 'keyboard-interactive', username, prompt: this.kbdPrompt };
            this.tried.push('keyboard-interactive');
          }
          break;
        case 'password':
          if (!this.offered?.includes('password') || this.passwordAttempts >= MAX_ATTEMPTS) {
            this.stages.shift();
            break;
          }
          step = await this.passwordStep();
          break;
      }
      if (step) {
        this.lastStep = step.type;
        return step;
      }
    }
    return false;
  }

  private readonly acceptsKeyType = (type: string): boolean => !this.config.acceptedKeyAlgorithms || keyTypeAccepted(type, this.config.acceptedKeyAlgorithms);

  private readonly acceptsAgentKey = (key: ParsedKey): boolean => {
    if (isCertificateKey(key) && this.certificatesBlocked) return false;
    if (!this.acceptsKeyType(key.type)) return false;
    const only = this.config.agentKeysOnly;
    return !only || only.some((blob) => blob.equals(key.getPublicSSH()));
  };

  /** False (and noted) when PubkeyAcceptedAlgorithms leaves out the key's type. */
  private keyAccepted(key: KeyFile, passphrase?: string): boolean {
    const parsed = ssh2.utils.parseKey(key.data, passphrase);
    const type = parsed instanceof Error ? null : (Array.isArray(parsed) ? parsed[0] : parsed)?.type;
    if (!type || this.acceptsKeyType(type)) return true;
    this.skipped.push(`the key ${key.path} was not offered: PubkeyAcceptedAlgorithms leaves out its type, ${type}`);
    return false;
  }

  private async keyStep(key: KeyFile, primary: boolean): Promise<AuthStep | null> {
    const { username } = this.config;
    this.lastKeyPrimary = primary;
    if (!key.encrypted) {
      if (!this.keyAccepted(key)) return null;
      return this.withCertificate(key, undefined, { type: 'publickey', username, key: key.data });
    }
    // A saved passphrase belongs to the host's own key file.
    let passphrase = primary ? this.config.savedPassphrase : undefined;
    let retry = false;
    for (let attempt = 0; attempt <= MAX_ATTEMPTS; attempt++) {
      if (passphrase !== undefined && checkPassphrase(key, passphrase) === null) {
        if (!this.keyAccepted(key, passphrase)) return null;
        return this.withCertificate(key, passphrase, { type: 'publickey', username, key: key.data, passphrase });
      }
      if (attempt === MAX_ATTEMPTS) break;
      const answer = await this.ask({ kind: 'passphrase', keyPath: key.path, retry, canRemember: primary && this.config.canRemember });
      if (!answer) {
        this.cancelled = true;
        return null;
      }
      passphrase = answer.passphrase;
      if (answer.remember && primary) this.pending.passphrase = answer.passphrase;
      else delete this.pending.passphrase;
      // A wrong saved passphrase or a typo: say so on the next prompt.
      retry = true;
    }
    this.tried.push(`the key ${key.path} (the passphrase was wrong ${MAX_ATTEMPTS} times)`);
    return null;
  }

  /** The key's certificate first when it has one (the plain key queued behind it), else the key. */
  private withCertificate(key: KeyFile, passphrase: string | undefined, plain: AuthStep): AuthStep {
    // Opening an encrypted key costs a bcrypt round trip or more: only when a certificate may match it.
    if (!this.config.certificates?.length || this.certificatesBlocked || this.config.keyFileOnly) {
      this.tried.push(`the key ${key.path}`);
      return plain;
    }
    const parsed = ssh2.utils.parseKey(key.data, passphrase);
    const privateKey = parsed instanceof Error ? null : Array.isArray(parsed) ? parsed[0] : parsed;
    const publicKey = privateKey?.getPublicSSH();
    const cert = publicKey && !this.certificatesBlocked && !this.config.keyFileOnly ? this.config.certificates?.find((c) => c.publicKey.equals(publicKey)) : undefined;
    if (!privateKey || !cert) {
      this.tried.push(`the key ${key.path}`);
      return plain;
    }
    const problem = validityProblem(cert);
    this.tried.push(`the certificate ${cert.path} (key ID "${cert.keyId}", ${problem ?? describePrincipals(cert)})`);
    this.queued.push(plain);
    this.tried.push(`the key ${key.path}`);
    return { type: 'publickey', username: this.config.username, key: certificateKey(privateKey, cert) };
  }

  private async passwordStep(): Promise<AuthStep | null> {
    const { username, host, port } = this.config;
    const first = this.passwordAttempts === 0;
    this.passwordAttempts += 1;
    if (first) this.tried.push(this.config.savedPassword !== undefined ? 'the saved password' : 'a password');
    if (first && this.config.savedPassword !== undefined && !this.usedSavedPasswordForKbd) {
      return { type: 'password', username, password: this.config.savedPassword };
    }
    const answer = await this.ask({ kind: 'password', username, host, port, retry: !first || this.config.savedPassword !== undefined, canRemember: this.config.canRemember });
    if (!answer) {
      this.cancelled = true;
      return null;
    }
    if (answer.remember) this.pending.password = answer.password;
    else delete this.pending.password;
    return { type: 'password', username, password: answer.password };
  }

  private readonly kbdPrompt: KbdPrompt = (name, instructions, _lang, prompts, finish) => {
    if (prompts.length === 0) return finish([]);
    // Most servers ask for the password this way: answer with the saved one, once.
    const saved = this.config.savedPassword;
    if (saved !== undefined && !this.usedSavedPasswordForKbd && prompts.length === 1 && !prompts[0]!.echo && /password/i.test(prompts[0]!.prompt)) {
      this.usedSavedPasswordForKbd = true;
      return finish([saved]);
    }
    void this.ask({ kind: 'kbd-interactive', host: this.config.host, name, instructions, prompts: prompts.map((p) => ({ prompt: p.prompt, echo: p.echo })) }).then((answer) => {
      if (!answer) this.cancelled = true;
      finish(answer ? prompts.map((_, i) => answer.answers[i] ?? '') : prompts.map(() => ''));
    });
  };
}

function describePrincipals(cert: OpenSshCertificate): string {
  return cert.principals.length === 0 ? 'for any user' : `for ${cert.principals.map((p) => JSON.stringify(p)).join(', ')}`;
}
