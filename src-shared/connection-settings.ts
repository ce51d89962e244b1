// Connection defaults: what a new host starts with (keepalive, host-key
// policy). A saved host keeps its own values; changing a default changes only
// hosts saved afterwards, as OpenSSH's per-Host blocks beat `Host *`. Main
// validates `settings:set`, the settings file and host saves with these.
import { z } from 'zod';

export const hostKeyPolicies = ['ask', 'accept-new', 'strict'] as const;
export const hostKeyPolicy = z.enum(hostKeyPolicies);
export type HostKeyPolicy = z.infer<typeof hostKeyPolicy>;

/** ServerAliveInterval in seconds (0 = off) and ServerAliveCountMax. */
export const keepaliveIntervalSec = z.number().int().min(0).max(3600);
export const keepaliveCountMax = z.number().int().min(1).max(100);

export interface ConnectionSettings {
  keepaliveIntervalSec: number;
  keepaliveCountMax: number;
  hostKeyPolicy: HostKeyPolicy;
}

/** OpenSSH-like: a keepalive every 30 s, given up after 3 unanswered; ask about unknown host keys. */
export const defaultConnectionSettings: Readonly<ConnectionSettings> = { keepaliveIntervalSec: 30, keepaliveCountMax: 3, hostKeyPolicy: 'ask' };

/** What `settings:set` takes under `connections`: any of the defaults, checked. */
export const connectionSettingsPatch = z.object({ keepaliveIntervalSec, keepaliveCountMax, hostKeyPolicy }).partial().strict();
export type ConnectionSettingsPatch = z.output<typeof connectionSettingsPatch>;

/** `app.connections` as stored: a file from before these settings existed reads as the defaults. */
export const storedConnectionSettings = z
  .object({
    keepaliveIntervalSec: keepaliveIntervalSec.default(defaultConnectionSettings.keepaliveIntervalSec),
    keepaliveCountMax: keepaliveCountMax.default(defaultConnectionSettings.keepaliveCountMax),
    hostKeyPolicy: hostKeyPolicy.default(defaultConnectionSettings.hostKeyPolicy),
  })
  .default(() => ({ ...defaultConnectionSettings })) satisfies z.ZodType<ConnectionSettings>;
