// Applies the Desktop settings to the OS through the few Electron calls they
// need (passed in, so this runs and is tested without Electron). Called at
// start-up and after every saved change: each call brings the OS in line
// with the settings, whatever it was before.
import type { DesktopSettings } from '../../src-shared/desktop-settings';

export interface DesktopOs {
  isDefaultProtocolClient(protocol: string): boolean;
  setAsDefaultProtocolClient(protocol: string): boolean;
  removeAsDefaultProtocolClient(protocol: string): boolean;
  getLoginItemSettings(): { openAtLogin: boolean };
  setLoginItemSettings(settings: { openAtLogin: boolean; args?: string[] }): void;
  /** Electron has login items on Windows and macOS only. */
  readonly hasLoginItems: boolean;
}

/** The login item starts Warren with this: tunnels come up, no window opens (when it can live in the tray). */
export const HIDDEN_ARG = '--hidden';

/** Returns what it changed, for the log. */
export function applyDesktopSettings(settings: DesktopSettings, os: DesktopOs): string[] {
  const changed: string[] = [];
  const handling = os.isDefaultProtocolClient('ssh');
  // Never registered behind the user's back; unregistered only if it is ours to remove.
  if (settings.openSshLinks && !handling) {
    changed.push(os.setAsDefaultProtocolClient('ssh') ? 'now opens ssh:// links' : 'could not register for ssh:// links');
  } else if (!settings.openSshLinks && handling) {
    changed.push(os.removeAsDefaultProtocolClient('ssh') ? 'no longer opens ssh:// links' : 'could not unregister from ssh:// links');
  }
  if (os.hasLoginItems && os.getLoginItemSettings().openAtLogin !== settings.startAtLogin) {
    os.setLoginItemSettings({ openAtLogin: settings.startAtLogin, args: [HIDDEN_ARG] });
    changed.push(settings.startAtLogin ? 'starts at login' : 'no longer starts at login');
  }
  return changed;
}

/** Whether closing the last window should quit, given the settings and whether a tray icon is there to bring it back. */
export function quitWhenWindowsClose(settings: DesktopSettings, platform: NodeJS.Platform, hasTray: boolean): boolean {
  if (settings.keepInTray && hasTray) return false;
  // macOS apps stay in the Dock without a window.
  return platform !== 'darwin';
}

/** A start at login opens no window when Warren may live in the tray: its tunnels start, the tray icon brings the window. */
export function startsHidden(settings: DesktopSettings, argv: readonly string[], openedAtLogin: boolean): boolean {
  return settings.keepInTray && (openedAtLogin || argv.includes(HIDDEN_ARG));
}
