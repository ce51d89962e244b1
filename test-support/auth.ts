// Builds AuthPlans for tests and benchmarks, where no user is there to ask.
import { readKeyFile } from '../src-main/connections/credentials';
import { AuthPlan, type AuthConfig } from '../src-main/connections/auth-plan';
import type { Ask, PromptAnswer, PromptQuestion } from '../src-shared/contract/prompts';

/** A user who gives these answers in order, then cancels; `asked` records the questions. */
export function scriptedUser(answers: (PromptAnswer | null)[]): { ask: Ask; asked: PromptQuestion[] } {
  const asked: PromptQuestion[] = [];
  const ask = (async (question: PromptQuestion) => {
    asked.push(question);
    return answers.shift() ?? null;
  }) as Ask;
  return { ask, asked };
}

/** An `ask` that cancels every question, recording them. */
export function noUser(asked: PromptQuestion[] = []): Ask {
  return (async (question: PromptQuestion) => {
    asked.push(question);
    return null;
  }) as Ask;
}

export async function authPlan(
  endpoint: { host: string; port: number; username: string },
  options: Partial<Omit<AuthConfig, 'keyFile'>> & { keyPath?: string } = {},
  ask: Ask = noUser(),
): Promise<AuthPlan> {
  const { keyPath, ...rest } = options;
  return new AuthPlan(
    {
      username: endpoint.username,
      host: endpoint.host,
      port: endpoint.port,
      agentSocket: null,
      keyFile: keyPath ? await readKeyFile(keyPath) : null,
      canRemember: false,
      ...rest,
    },
    ask,
  );
}
