// PreferredAuthentications: the login methods Warren can order, as ssh_config
// names them. Pure, so the host form and main parse a list the same way.

export const authMethods = ['publickey', 'keyboard-interactive', 'password'] as const;
export type AuthMethod = (typeof authMethods)[number];

/** OpenSSH methods Warren does not have; a list naming them is still usable without them. */
const foreign = ['gssapi-with-mic', 'gssapi-keyex', 'hostbased'];

/** The methods of a comma-separated list, in order; `unknown` holds names that are not methods at all. */
export function parseAuthMethods(text: string): { methods: AuthMethod[]; skipped: string[]; unknown: string[] } {
  const methods: AuthMethod[] = [];
  const skipped: string[] = [];
  const unknown: string[] = [];
  for (const name of text.split(',').map((n) => n.trim().toLowerCase()).filter(Boolean)) {
    if ((authMethods as readonly string[]).includes(name)) {
      if (!methods.includes(name as AuthMethod)) methods.push(name as AuthMethod);
    } else if (foreign.includes(name)) skipped.push(name);
    else unknown.push(name);
  }
  return { methods, skipped, unknown };
}
