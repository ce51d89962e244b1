// The host's login order and connect time limit: OpenSSH's
// PreferredAuthentications and ConnectTimeout.
import type { HostView } from '../../src-shared/contract';
import { authMethods, parseAuthMethods, type AuthMethod } from '../../src-shared/auth-methods';

export interface LoginValues {
  methods: string;
  timeout: string;
}

export function loginValues(host: HostView | null): LoginValues {
  return { methods: (host?.preferredAuthentications ?? []).join(','), timeout: host?.connectTimeoutSec ? String(host.connectTimeoutSec) : '' };
}

/** What hosts:save takes (every field, so a cleared one is cleared), or a sentence on what to fix. */
export function loginInput(values: LoginValues): { preferredAuthentications: AuthMethod[]; connectTimeoutSec: number | null } | { error: string } {
  const { methods, unknown } = parseAuthMethods(values.methods);
  if (unknown.length > 0) return { error: `Login methods: ${unknown.join(', ')} is not one of ${authMethods.join(', ')}.` };
  const text = values.timeout.trim();
  const timeout = Number(text);
  if (text && (!Number.isInteger(timeout) || timeout < 1 || timeout > 3600)) return { error: 'Connect timeout: a whole number of seconds from 1 to 3600, or empty for the default.' };
  return { preferredAuthentications: methods, connectTimeoutSec: text ? timeout : null };
}

export function LoginFields({ value, onChange }: { value: LoginValues; onChange(next: LoginValues): void }) {
  return (
    <div className="row">
      <label className="grow">
        Login methods (PreferredAuthentications, in order; empty: all)
        <input className="mono" value={value.methods} onChange={(e) => onChange({ ...value, methods: e.target.value })} placeholder="publickey,keyboard-interactive,password" spellCheck={false} autoComplete="off" />
      </label>
      <label className="port">
        Connect timeout (s)
        <input value={value.timeout} onChange={(e) => onChange({ ...value, timeout: e.target.value })} inputMode="numeric" placeholder="default" />
      </label>
    </div>
  );
}
