// PreferredAuthentications and ConnectTimeout from ssh_config, with a note for
// what Warren cannot do of them.
import { parseAuthMethods, type AuthMethod } from '../../src-shared/auth-methods';

export function loginFromConfig(first: (keyword: string) => string | undefined): { preferredAuthentications: AuthMethod[]; connectTimeoutSec: number | null; notes: string[] } {
  const notes: string[] = [];
  const order = first('preferredauthentications');
  const { methods, skipped, unknown } = parseAuthMethods(order ?? '');
  if (order && (skipped.length > 0 || unknown.length > 0)) {
    const left = [...skipped, ...unknown].join(', ');
    notes.push(methods.length > 0 ? `PreferredAuthentications ${order}: Warren has no ${left} and tries the others in this order` : `PreferredAuthentications ${order}: Warren has none of these methods, so it tries its own order`);
  }
  const timeout = first('connecttimeout');
  const seconds = timeout && /^\d+$/.test(timeout) ? Number(timeout) : null;
  // ssh treats 0 and none as no limit of its own; Warren keeps its default limit.
  if (timeout && timeout !== 'none' && (seconds === null || seconds < 1 || seconds > 3600)) notes.push(`ConnectTimeout ${timeout}: Warren takes 1 to 3600 seconds, so its default limit applies`);
  return { preferredAuthentications: methods, connectTimeoutSec: seconds !== null && seconds >= 1 && seconds <= 3600 ? seconds : null, notes };
}
