// A saved host's IdentityAgent, extra IdentityFiles, IdentitiesOnly,
// PreferredAuthentications and ConnectTimeout: what a save keeps of them (an omitted field keeps the saved value; an empty one
// is the default and is not stored).
import type { StoredHost } from './hosts-model';

type IdentityInput = { identityAgent?: string | undefined; identityFiles?: string[] | undefined; identitiesOnly?: boolean | undefined; certificateFiles?: string[] | undefined };

export function identityFields(input: IdentityInput, existing: StoredHost | undefined): Pick<StoredHost, 'identityAgent' | 'identityFiles' | 'identitiesOnly' | 'certificateFiles'> {
  const agent = (input.identityAgent ?? existing?.identityAgent)?.trim();
  const files = (input.identityFiles ?? existing?.identityFiles ?? []).map((f) => f.trim()).filter(Boolean);
  const only = input.identitiesOnly ?? existing?.identitiesOnly;
  const certificates = (input.certificateFiles ?? existing?.certificateFiles ?? []).map((f) => f.trim()).filter(Boolean);
  return {
    ...(agent ? { identityAgent: agent.toLowerCase() === 'none' ? 'none' : agent } : {}),
    ...(files.length > 0 ? { identityFiles: [...new Set(files)] } : {}),
    ...(only ? { identitiesOnly: true } : {}),
    ...(certificates.length > 0 ? { certificateFiles: [...new Set(certificates)] } : {}),
  };
}

type LoginInput = { preferredAuthentications?: StoredHost['preferredAuthentications'] | undefined; connectTimeoutSec?: number | null | undefined };

/** PreferredAuthentications and ConnectTimeout as a save keeps them (null or empty: the default, not stored). */
export function loginFields(input: LoginInput, existing: StoredHost | undefined): Pick<StoredHost, 'preferredAuthentications' | 'connectTimeoutSec'> {
  const order = input.preferredAuthentications ?? existing?.preferredAuthentications ?? [];
  const timeout = input.connectTimeoutSec === undefined ? existing?.connectTimeoutSec : input.connectTimeoutSec;
  return { ...(order.length > 0 ? { preferredAuthentications: [...new Set(order)] } : {}), ...(timeout ? { connectTimeoutSec: timeout } : {}) };
}
