// What main may ask the user, and what the user may answer: schemas for the
// answers (they cross from the renderer), types for the questions.
import { z } from 'zod';
import { id, request } from './common';

export type PromptQuestion =
  /** certAuthority: known_hosts trusts a CA for this host, but it did not vouch for this key (and why); said in the prompt. */
  | { kind: 'host-key'; host: string; port: number; keyType: string; fingerprint: string; certAuthority?: string }
  | { kind: 'passphrase'; keyPath: string; retry: boolean; canRemember: boolean }
  | { kind: 'password'; username: string; host: string; port: number; retry: boolean; canRemember: boolean }
  | { kind: 'kbd-interactive'; host: string; name: string; instructions: string; prompts: { prompt: string; echo: boolean }[] }
  | { kind: 'conflict'; target: string; targetSize: number; targetMtimeMs: number; sourceSize: number; canResume: boolean };

export type PromptKind = PromptQuestion['kind'];

export const promptAnswer = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('host-key'), decision: z.enum(['accept-once', 'accept-save']) }).strict(),
  z.object({ kind: z.literal('passphrase'), passphrase: z.string().max(4096), remember: z.boolean() }).strict(),
  z.object({ kind: z.literal('password'), password: z.string().max(4096), remember: z.boolean() }).strict(),
  z.object({ kind: z.literal('kbd-interactive'), answers: z.array(z.string().max(4096)).max(32) }).strict(),
  z.object({ kind: z.literal('conflict'), decision: z.enum(['overwrite', 'skip', 'rename', 'resume']), applyToAll: z.boolean() }).strict(),
]);

export type PromptAnswer = z.infer<typeof promptAnswer>;
export type AnswerFor<K extends PromptKind> = Extract<PromptAnswer, { kind: K }>;

/** Asks the user one question for one session; null means cancelled or timed out. */
export type Ask = <Q extends PromptQuestion>(question: Q) => Promise<AnswerFor<Q['kind']> | null>;

export interface PromptAskEvent {
  promptId: string;
  sessionId: string;
  question: PromptQuestion;
}

export const promptRequests = {
  /** The user's answer to a prompt:ask; null cancels. */
  'prompt:answer': request<null>()(z.object({ promptId: id, answer: promptAnswer.nullable() }).strict()),
};

export interface PromptEvents {
  'prompt:ask': PromptAskEvent;
  'prompt:closed': { promptId: string };
}
export const promptEventNames = ['prompt:ask', 'prompt:closed'] as const satisfies readonly (keyof PromptEvents)[];
