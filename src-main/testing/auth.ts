// Builds AuthPlans for tests and benchmarks, where no user is there to ask.
import { readKeyFile } from '../sessions/credentials';
import { AuthPlan, type AuthConfig } from '../sessions/auth-plan';
import type { Ask, PromptQuestion } from '../prompts/prompt-types';

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
