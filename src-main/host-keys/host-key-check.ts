// What a connection asks before it sends any credential: is this host key
// trusted? And the refusal it gets when not.
import type { HostKeyChange } from '../../src-shared/contract';
import type { ErrorCode } from '../../src-shared/errors';
import { AppError } from '../errors/app-error';

/** Why a host key was refused, with what the user needs to act on it. */
export class HostKeyRefusal extends AppError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly change?: HostKeyChange,
  ) {
    super(code, message);
  }
}

export interface HostKeyCheck {
  /** Resolves null when the key is trusted, or the reason it is not. */
  check(host: string, port: number, key: Buffer): Promise<AppError | null>;
  /** Key types already on record for the host, to ask the server for first (as OpenSSH does). */
  preferredKeyTypes?(host: string, port: number): Promise<string[]>;
  /** Whether an @cert-authority line covers the host: then host certificates are asked for first (as OpenSSH does). */
  trustsCertificateAuthority?(host: string, port: number): Promise<boolean>;
}
