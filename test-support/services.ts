// The services as the app wires them, for tests: a temp data folder, conf for
// electron-store, a key-file secret box, no ssh-agent and no known_hosts of
// the machine (only Warren's own file in the temp folder), unless told.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServices, type ServiceDeps, type Services } from '../src-main/app/services';
import type { EventName, Events, HostView, PromptAnswer, PromptAskEvent, SessionStateEvent, TransferView, hostInput } from '../src-shared/contract';
import { Hub } from '../src-main/ipc/hub';
import { keyFileSecretBox } from '../src-main/secrets/secret-box';
import { openConfStore } from '../src-main/settings/settings-store';
import type { z } from 'zod';
import { afterAll } from 'vitest';

export interface TestServices {
  services: Services;
  hub: Hub;
  /** The data folder (settings, secrets, Warren's own known_hosts). */
  dir: string;
}

/**
 * Data folders made here, removed after the test file (a test may start the
 * services again on one). Registered as the file is collected: each test file
 * imports this module afresh.
 */
const madeDirs = new Set<string>();
// Not in the benchmarks, which use the services outside vitest.
if (process.env.VITEST) {
  afterAll(() => {
    for (const dir of madeDirs) rmSync(dir, { recursive: true, force: true });
    madeDirs.clear();
  });
}

function newDataDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'warren-services-'));
  madeDirs.add(dir);
  return dir;
}

export function testServices(overrides: Partial<ServiceDeps> = {}, dir = newDataDir()): TestServices {
  const hub = overrides.hub ?? new Hub();
  // The key file only when no secret box is given: a read-only data folder could not take it.
  const services = createServices({ store: openConfStore(dir).store, version: 'test', agentSocket: null, knownHosts: { readFiles: [] }, ...overrides, secrets: overrides.secrets ?? keyFileSecretBox(dir), hub });
  return { services, hub, dir };
}

type HostFields = Partial<Omit<z.input<typeof hostInput>, 'auth'>> & { keyPath?: string | null; useAgent?: boolean };

/**
 * Saves a host for a test server: its port and user, its client key (when it
 * has one), no agent, and trust on first use unless `fields` say otherwise.
 */
export function saveTestHost(services: Services, name: string, server: { port: number; user: string; clientKeyPath?: string }, fields: HostFields = {}): Promise<HostView> {
  const { keyPath = server.clientKeyPath ?? null, useAgent = false, ...rest } = fields;
  return services.hosts.saveHost({ name, host: '127.0.0.1', port: server.port, username: server.user, hostKeyPolicy: 'accept-new', folderId: null, ...rest, auth: { keyPath, useAgent } });
}

/** A hub client that records what a window would receive of its terminals and transfers. */
export function fakeWindow(hub: Hub, id: string, onPrompt?: (ask: PromptAskEvent) => void) {
  const states: SessionStateEvent[] = [];
  /** Every transfer update, in order. */
  const transferUpdates: TransferView[] = [];
  const transfers = new Map<string, TransferView>();
  let output = '';
  const decoder = new TextDecoder();
  const disconnect = hub.connect({
    id,
    send<E extends EventName>(name: E, payload: Events[E]) {
      if (name === 'session:state') states.push(payload as SessionStateEvent);
      if (name === 'prompt:ask') onPrompt?.(payload as PromptAskEvent);
      if (name === 'session:data') output += decoder.decode((payload as Events['session:data']).data, { stream: true });
      if (name === 'transfer:update') {
        transferUpdates.push(payload as TransferView);
        transfers.set((payload as TransferView).transferId, payload as TransferView);
      }
    },
  });
  /** The latest state of one session. */
  const last = (sessionId: string) => states.filter((s) => s.sessionId === sessionId).at(-1);
  return { states, output: () => output, last, transfers, transferUpdates, disconnect, ctx: { clientId: id } };
}

/** A fake window whose user answers every prompt with `answer(ask)` (null: Cancel); `asked` keeps the questions in order. */
export function answeringWindow(made: TestServices, id: string, answer: (ask: PromptAskEvent) => PromptAnswer | null) {
  const asked: PromptAskEvent[] = [];
  const window = fakeWindow(made.hub, id, (ask) => {
    asked.push(ask);
    // As a user would: after the question has been delivered, not inside its send.
    setImmediate(() => made.services.handlers['prompt:answer']({ promptId: ask.promptId, answer: answer(ask) }, { clientId: id }));
  });
  return { ...window, asked };
}
