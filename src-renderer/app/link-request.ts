// An ssh:// link opened with Warren (main has already refused anything but a
// user, a host and a port): the user sees exactly where it would connect and
// says yes before anything connects.
import type { LinkTarget } from '../../src-shared/contract';
import { formatSshTarget } from '../../src-shared/ssh-target';
import { warren } from '../api/warren';
import { useStore } from '../store/store';

export interface LinkConfirmation {
  title: string;
  body: string;
  confirmLabel: string;
  /** What connecting opens: the address as palette's quick connect takes it. */
  address: string;
}

export function linkConfirmation(target: LinkTarget): LinkConfirmation {
  const address = formatSshTarget(target);
  const who = target.user ? `as ${target.user}` : 'as your own user name on this computer (as ssh does)';
  return {
    title: `Connect to ${address}?`,
    body: `A link asks Warren to open a terminal to ${target.host}, port ${target.port ?? 22}, ${who}. Connect only if you opened this link yourself and you expected it.`,
    confirmLabel: 'Connect',
    address,
  };
}

/** Listens for links for the page's lifetime; `connect` opens the terminal once the user agrees. */
export function startLinkRouting(connect: (address: string) => Promise<void> | void): () => void {
  return warren().on('app:link-request', (target) => {
    const ask = linkConfirmation(target);
    const { dialog, showDialog, addNotices } = useStore.getState();
    // Never replace a dialog the user is filling in.
    if (dialog) return addNotices([`A link asked to connect to ${ask.address}. Close the open dialog and open the link again to connect.`]);
    showDialog({ kind: 'confirm', title: ask.title, body: ask.body, confirmLabel: ask.confirmLabel, onConfirm: () => connect(ask.address) });
  });
}
