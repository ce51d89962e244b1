import type { HostView } from '../../src-shared/contract';

/** A drop-down of saved hosts, each shown as “name (user@host)”. */
export function HostSelect({ hosts, value, onChange, disabled = false }: { hosts: HostView[]; value: string; onChange(hostId: string): void; disabled?: boolean }) {
  return (
    <select value={value} onChange={(e) => onChange(e.target.value)} disabled={disabled}>
      {hosts.map((h) => (
        <option key={h.id} value={h.id}>
          {h.name} ({h.username}@{h.host})
        </option>
      ))}
    </select>
  );
}
