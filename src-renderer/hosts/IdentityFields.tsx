// Which agent and which keys the host logs in with, beyond the key file
// above: OpenSSH's IdentityAgent, more IdentityFiles and IdentitiesOnly.
import type { HostView } from '../../src-shared/contract';

export interface IdentityValues {
  agent: string;
  /** One path per line, as typed. */
  files: string;
  only: boolean;
  /** CertificateFiles, one path per line, as typed. */
  certificates: string;
}

export function identityValues(host: HostView | null): IdentityValues {
  return { agent: host?.identityAgent ?? '', files: (host?.identityFiles ?? []).join('\n'), only: host?.identitiesOnly ?? false, certificates: (host?.certificateFiles ?? []).join('\n') };
}

/** What hosts:save takes: every field, so a cleared one is cleared on disk too. */
export function identityInput(values: IdentityValues): { identityAgent: string; identityFiles: string[]; identitiesOnly: boolean; certificateFiles: string[] } {
  return {
    identityAgent: values.agent.trim(),
    identityFiles: values.files
      .split('\n')
      .map((f) => f.trim())
      .filter(Boolean),
    identitiesOnly: values.only,
    certificateFiles: values.certificates
      .split('\n')
      .map((f) => f.trim())
      .filter(Boolean),
  };
}

export function IdentityFields({ value, onChange }: { value: IdentityValues; onChange(next: IdentityValues): void }) {
  return (
    <>
      <label>
        ssh-agent socket (IdentityAgent; empty: SSH_AUTH_SOCK, none: no agent)
        <input className="mono" value={value.agent} onChange={(e) => onChange({ ...value, agent: e.target.value })} placeholder="~/.1password/agent.sock" spellCheck={false} autoComplete="off" />
      </label>
      <label>
        More key files (IdentityFile; one per line, tried in order after the key file)
        <textarea className="mono" rows={2} value={value.files} onChange={(e) => onChange({ ...value, files: e.target.value })} placeholder="~/.ssh/id_work" spellCheck={false} />
      </label>
      <label className="inline">
        <input type="checkbox" checked={value.only} onChange={(e) => onChange({ ...value, only: e.target.checked })} /> Offer only these key files' keys from the agent (IdentitiesOnly)
      </label>
      <label>
        Certificates (CertificateFile; one per line, each offered before the key it certifies; key-cert.pub beside a key is tried anyway)
        <textarea className="mono" rows={2} value={value.certificates} onChange={(e) => onChange({ ...value, certificates: e.target.value })} placeholder="~/.ssh/id_ed25519-cert.pub" spellCheck={false} />
      </label>
    </>
  );
}
