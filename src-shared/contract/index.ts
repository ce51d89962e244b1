// The one description of Warren's API, merged from one file per domain. Both
// transports (Electron IPC and the e2e WebSocket bridge) and both ends (main's
// router, the renderer's `window.warren`) are generic loops over it. No Node
// or DOM imports anywhere under src-shared/.
import type { z } from 'zod';
import type { ErrorCode } from '../errors';
import { appEventNames, appRequests, type AppEvents } from './app';
import { fileEventNames, fileRequests, type FileEvents } from './files';
import { hostKeyRequests } from './host-keys';
import { hostEventNames, hostRequests, type HostEvents } from './hosts';
import { importRequests } from './import';
import { keyRequests } from './keys';
import { promptEventNames, promptRequests, type PromptEvents } from './prompts';
import { sessionEventNames, sessionRequests, type SessionEvents } from './sessions';
import { transferEventNames, transferRequests, type TransferEvents } from './transfers';
import { tunnelEventNames, tunnelRequests, type TunnelEvents } from './tunnels';
import { snippetRequests } from './snippets';
import { editEventNames, editRequests, type EditEvents } from './edit';
import { filesHereRequests } from './files-here';

export * from './app';
export * from './files';
export * from './host-keys';
export * from './hosts';
export * from './import';
export * from './keys';
export * from './prompts';
export * from './sessions';
export * from './transfers';
export * from './tunnels';
export * from './snippets';
export * from './edit';
export * from './lifecycle';
export type { ErrorCode } from '../errors';

export const requests = {
  ...appRequests,
  ...hostRequests,
  ...sessionRequests,
  ...promptRequests,
  ...hostKeyRequests,
  ...fileRequests,
  ...transferRequests,
  ...importRequests,
  ...keyRequests,
  ...tunnelRequests,
  ...snippetRequests,
  ...editRequests,
  ...filesHereRequests,
} as const;

/** Events flow main → renderer only; main builds them, so they carry types, not schemas. */
export interface Events extends SessionEvents, PromptEvents, FileEvents, TransferEvents, TunnelEvents, AppEvents, EditEvents, HostEvents {}

export const eventNames = [...sessionEventNames, ...promptEventNames, ...fileEventNames, ...transferEventNames, ...tunnelEventNames, ...appEventNames, ...editEventNames, ...hostEventNames] as const;
// Every event in Events must be listed (the transports refuse unlisted names).
type Unlisted = Exclude<keyof Events, (typeof eventNames)[number]>;
const everyEventListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyEventListed;

export type RequestName = keyof typeof requests;
export type EventName = keyof Events;
export type RequestInput<N extends RequestName> = z.input<(typeof requests)[N]['input']>;
export type ParsedInput<N extends RequestName> = z.output<(typeof requests)[N]['input']>;
export type RequestOutput<N extends RequestName> = (typeof requests)[N]['output'];

export interface ApiError {
  code: ErrorCode;
  message: string;
}
export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const requestNames = Object.keys(requests) as RequestName[];

export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(requests, name);
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (eventNames as readonly string[]).includes(name);
}
