// Builds the object exposed as `window.warren` from the contract, given a way
// to send one request and a way to listen to one event. Shared by the Electron
// preload and the e2e WebSocket client so neither writes a channel by hand.
import {
  requestNames,
  type EventName,
  type Events,
  type RequestInput,
  type RequestName,
  type RequestOutput,
  type Result,
} from './contract';

type DomainOf<N> = N extends `${infer D}:${string}` ? D : never;
type VerbOf<N, D extends string> = N extends `${D}:${infer V}` ? V : never;

export type WarrenApi = {
  [D in DomainOf<RequestName>]: {
    [N in RequestName as VerbOf<N, D>]: (input: RequestInput<N>) => Promise<Result<RequestOutput<N>>>;
  };
} & {
  on<E extends EventName>(name: E, listener: (payload: Events[E]) => void): () => void;
  /** The local path of a file dropped from the desktop (Electron only). */
  pathForFile?: (file: File) => string;
  /** Starts an OS drag of files staged by files.dragOut (Electron only). */
  startDrag?: (files: string[]) => void;
};

export type Invoke = (name: RequestName, input: unknown) => Promise<Result<unknown>>;
export type Subscribe = (name: EventName, listener: (payload: unknown) => void) => () => void;

export function buildApi(invoke: Invoke, subscribe: Subscribe): WarrenApi {
  const api: Record<string, Record<string, (input: unknown) => Promise<Result<unknown>>>> = {};
  for (const name of requestNames) {
    const [domain, verb] = name.split(':') as [string, string];
    (api[domain] ??= {})[verb] = (input: unknown) => invoke(name, input ?? {});
  }
  return Object.assign(api, {
    on: (name: EventName, listener: (payload: unknown) => void) => subscribe(name, listener),
  }) as unknown as WarrenApi;
}
