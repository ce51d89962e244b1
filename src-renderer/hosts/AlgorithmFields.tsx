// The host's algorithm lists in ssh_config syntax (+ append, - remove,
// ^ first), with a warning beside any list that turns on a legacy algorithm:
// the user should see that this host is reached with weaker crypto.
import { TriangleAlert } from 'lucide-react';
import { algorithmKeywords, legacyNamed, type AlgorithmKind, type AlgorithmSpecs } from '../../src-shared/ssh-algorithms';

const fields: { kind: AlgorithmKind; label: string }[] = [
  { kind: 'hostKey', label: 'Host key algorithms' },
  { kind: 'kex', label: 'Key exchange' },
  { kind: 'cipher', label: 'Ciphers' },
  { kind: 'mac', label: 'MACs' },
  { kind: 'pubkey', label: 'Public key algorithms' },
];

/** Legacy names the specs turn on, as "ssh-rsa (HostKeyAlgorithms)". */
export function legacyWarnings(specs: AlgorithmSpecs): string[] {
  return fields.flatMap(({ kind }) => legacyNamed(kind, specs[kind]).map((name) => `${name} (${algorithmKeywords[kind]})`));
}

export function AlgorithmFields({ value, onChange }: { value: AlgorithmSpecs; onChange(next: AlgorithmSpecs): void }) {
  const legacy = legacyWarnings(value);
  return (
    <fieldset className="algorithm-fields">
      <legend>Algorithms (as in ssh_config: +add, -remove, ^first; empty = Warren's defaults)</legend>
      {fields.map(({ kind, label }) => (
        <label key={kind}>
          <span>
            {label} {label !== algorithmKeywords[kind] && <span className="muted">({algorithmKeywords[kind]})</span>}
          </span>
          <input className="mono" value={value[kind] ?? ''} onChange={(e) => onChange({ ...value, [kind]: e.target.value })} placeholder="default" spellCheck={false} autoComplete="off" />
        </label>
      ))}
      {legacy.length > 0 && (
        <p className="warning algorithm-warning" role="note" aria-label="Legacy algorithms">
          <TriangleAlert size={14} aria-hidden="true" /> This host allows legacy algorithms: {legacy.join(', ')}. They are weak (SHA-1, CBC or MD5) and OpenSSH no longer uses them by default; keep them only for an old device you trust.
        </p>
      )}
    </fieldset>
  );
}
