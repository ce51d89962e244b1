// Importing hosts from an OpenSSH config.
import { z } from 'zod';
import { filePath, request } from './common';
import type { HostKeyPolicy, LoginOptions } from './hosts';
import type { ForwardInput } from './tunnels';
import type { AlgorithmSpecs } from '../ssh-algorithms';
import type { SessionOptions } from '../session-options';

/** One concrete Host alias of an OpenSSH config and what importing it would make. */
export interface ImportCandidate {
  alias: string;
  action: 'new' | 'update' | 'same';
  host: {
    host: string;
    port: number;
    username: string;
    keyPath: string | null;
    useAgent: boolean;
    hostKeyPolicy: HostKeyPolicy;
    jumpHosts: string[];
    keepaliveIntervalSec: number;
    keepaliveCountMax: number;
    agentForward: boolean;
    exitOnForwardFailure: boolean;
    /** a ProxyCommand other than `ssh -W` (those become jump hosts); null: none */
    proxyCommand: string | null;
    /** HostKeyAlgorithms, KexAlgorithms, Ciphers, MACs, PubkeyAcceptedAlgorithms as written; only those set */
    algorithms: AlgorithmSpecs;
  } & SessionOptions & LoginOptions;
  forwards: ForwardInput[];
  /** What could not be carried over, or was changed on the way: every keyword that is not imported as configured is named. */
  notes: string[];
  /** Why this host cannot work in Warren as configured; the preview then leaves it unchecked. Null: importable. */
  uncheckedReason: string | null;
  source: { file: string; line: number };
}

export interface ImportPreview {
  file: string;
  candidates: ImportCandidate[];
  /** Lines not understood or not applied, with file and line. */
  issues: Array<{ file: string; line: number; text: string; reason: string }>;
}

export interface ImportResult {
  created: number;
  updated: number;
  folderName: string;
}

export const importRequests = {
  /** Reads an OpenSSH config (default ~/.ssh/config) and shows what importing it would do; changes nothing. */
  'import:preview': request<ImportPreview>()(z.object({ file: filePath.optional() }).strict()),
  'import:apply': request<ImportResult>()(z.object({ file: filePath, aliases: z.array(z.string().min(1).max(300)).min(1).max(5000) }).strict()),
};
