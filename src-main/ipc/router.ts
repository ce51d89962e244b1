// The one place a request crosses from untrusted to trusted: look the name up
// in the contract, parse the input with its schema, call the handler, and wrap
// whatever happens as a Result (Electron keeps only an error's message).
import {
  isRequestName,
  requests,
  type ParsedInput,
  type RequestName,
  type RequestOutput,
  type Result,
} from '../../src-shared/contract';
import { AppError } from '../errors/app-error';

/** Who is calling: one renderer window or one bridge connection. */
export interface CallContext {
  clientId: string;
}

export type Handlers = {
  [N in RequestName]: (input: ParsedInput<N>, ctx: CallContext) => Promise<RequestOutput<N>> | RequestOutput<N>;
};

export interface Router {
  call(name: unknown, input: unknown, ctx: CallContext): Promise<Result<unknown>>;
}

export function createRouter(handlers: Handlers, log: (line: string) => void = () => {}): Router {
  return {
    async call(name, input, ctx) {
      if (!isRequestName(name)) {
        return { ok: false, error: { code: 'unknown-request', message: `Unknown request ${JSON.stringify(String(name)).slice(0, 80)}.` } };
      }
      const parsed = requests[name].input.safeParse(input);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ');
        return { ok: false, error: { code: 'invalid-input', message: `Invalid ${name} request: ${issues}` } };
      }
      try {
        const handler = handlers[name] as (input: unknown, ctx: CallContext) => unknown;
        const value = await handler(parsed.data, ctx);
        return { ok: true, value: value ?? null };
      } catch (error) {
        if (error instanceof AppError) return { ok: false, error: { code: error.code, message: error.message } };
        log(`${name} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
        return { ok: false, error: { code: 'internal', message: `Warren hit an internal error handling ${name}. See the log for details.` } };
      }
    },
  };
}
