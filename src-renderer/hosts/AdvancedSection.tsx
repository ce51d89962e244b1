// The host form's "Advanced" part: a disclosure button (aria-expanded) over
// the options most hosts never change. Closed fields stay mounted, so what
// was typed in them survives closing the section and is still saved.
import { useId, type ReactNode } from 'react';
import { ChevronDown, ChevronRight } from 'lucide-react';
import type { ConnectionSettings, HostView } from '../../src-shared/contract';

/** Whether the host sets anything the Advanced section holds (then the form opens it). */
export function hasAdvancedSettings(host: HostView, defaults: ConnectionSettings): boolean {
  return (
    host.jumpHosts.length > 0 ||
    Boolean(host.proxyCommand) ||
    host.agentForward ||
    Object.keys(host.algorithms ?? {}).length > 0 ||
    Boolean(host.identityAgent) ||
    (host.identityFiles ?? []).length > 0 ||
    Boolean(host.identitiesOnly) ||
    (host.certificateFiles ?? []).length > 0 ||
    (host.preferredAuthentications ?? []).length > 0 ||
    Boolean(host.connectTimeoutSec) ||
    (host.setEnv ?? []).length > 0 ||
    (host.sendEnv ?? []).length > 0 ||
    Boolean(host.remoteCommand) ||
    (host.requestTty ?? 'auto') !== 'auto' ||
    (host.userKnownHostsFiles ?? []).length > 0 ||
    Boolean(host.hostKeyAlias) ||
    Boolean(host.gatewayPorts) ||
    host.recordSessions !== 'off' ||
    host.exitOnForwardFailure ||
    host.separateConnections ||
    host.keepaliveIntervalSec !== defaults.keepaliveIntervalSec ||
    host.keepaliveCountMax !== defaults.keepaliveCountMax ||
    host.hostKeyPolicy !== defaults.hostKeyPolicy
  );
}

export function AdvancedSection({ open, onToggle, children }: { open: boolean; onToggle(open: boolean): void; children: ReactNode }) {
  const id = useId();
  const Chevron = open ? ChevronDown : ChevronRight;
  return (
    <div className="advanced-section">
      <button type="button" className="disclosure" aria-expanded={open} aria-controls={id} onClick={() => onToggle(!open)}>
        <Chevron size={14} aria-hidden="true" /> Advanced
        {!open && <span className="disclosure-hint">host keys, jump hosts, keepalive…</span>}
      </button>
      <div id={id} className="advanced-fields" role="group" aria-label="Advanced" hidden={!open}>
        {children}
      </div>
    </div>
  );
}
