// ssh:// links handed over by the OS (argv of a first or second launch on
// Windows and Linux, `open-url` on macOS). Only a user, a host and a port
// ever leave a link: anything else in it (options, commands, a path, a query,
// escapes) refuses the whole link, with the reason logged, rather than being
// cleaned up (Tabby's CVE-2026-45035 and WinSCP's CVE-2021-3331 passed such
// parts on).
import { isSshTargetError, parseSshTarget, type SshTarget } from '../../src-shared/ssh-target';

export type LinkResult = { ok: true; target: SshTarget } | { ok: false; reason: string };

const SCHEME = /^ssh:\/\//i;

/** The first ssh:// argument of a command line, or null. Other arguments are never looked at. */
export function linkFromArgv(argv: readonly string[]): string | null {
  return argv.find((arg) => SCHEME.test(arg)) ?? null;
}

export function parseSshLink(url: string): LinkResult {
  if (!SCHEME.test(url)) return { ok: false, reason: 'not an ssh:// link' };
  const parsed = parseSshTarget(url);
  return isSshTargetError(parsed) ? { ok: false, reason: parsed.error } : { ok: true, target: parsed };
}

/** A log line naming the refused link without letting its text forge log lines. */
export function refusalLine(url: string, reason: string): string {
  return `Refused an ssh:// link (${reason}): ${JSON.stringify(url.slice(0, 200))}`;
}

/**
 * Holds a link that arrives before the window can show it (a first launch
 * from a link, or a window still loading) and hands it over once the window
 * is ready. Only the latest link is kept: a burst of links is not a queue of
 * connections to confirm.
 */
export class LinkInbox {
  private pending: SshTarget | null = null;
  private deliver: ((target: SshTarget) => void) | null = null;

  receive(target: SshTarget): void {
    if (this.deliver) this.deliver(target);
    else this.pending = target;
  }

  /** The window is ready (send), or gone (null). */
  attach(deliver: ((target: SshTarget) => void) | null): void {
    this.deliver = deliver;
    if (deliver && this.pending) {
      const target = this.pending;
      this.pending = null;
      deliver(target);
    }
  }
}
