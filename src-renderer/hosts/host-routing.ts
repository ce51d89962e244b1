// Main's host events keep the tree current: a host that just connected moves
// to the top of Recent (main saved the time first; the tree shows what it saved).
import { warren } from '../api/warren';
import { useStore } from '../store/store';

export function startHostRouting(): () => void {
  return warren().on('hosts:connected', () => void useStore.getState().reloadTree().catch(() => {}));
}
