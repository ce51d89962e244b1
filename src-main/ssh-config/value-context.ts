// What parsing a value may depend on besides its text: the environment (`${VAR}`)
// and the services database (port names), both read once per import.
import type { PortNames } from './port-names';

export type Env = Readonly<Record<string, string | undefined>>;

export interface ValueContext {
  env: Env;
  ports: PortNames;
}
