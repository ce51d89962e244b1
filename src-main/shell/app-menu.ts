// The application menu as plain data (main.ts hands it to
// Menu.buildFromTemplate). Standard roles give each platform its own labels
// and shortcuts; on Windows and Linux the shortcuts are shown but not taken,
// because Ctrl+W, Ctrl+R, Ctrl+M and Ctrl+C belong to the shell in the
// terminal, not to the window.

export type MenuRole =
  | 'about' | 'services' | 'hide' | 'hideOthers' | 'unhide' | 'quit'
  | 'undo' | 'redo' | 'cut' | 'copy' | 'paste' | 'pasteAndMatchStyle' | 'delete' | 'selectAll'
  | 'reload' | 'forceReload' | 'toggleDevTools' | 'togglefullscreen'
  | 'minimize' | 'zoom' | 'front' | 'close'
  | 'appMenu' | 'editMenu' | 'viewMenu' | 'windowMenu' | 'help';

export interface MenuEntry {
  label?: string;
  role?: MenuRole;
  type?: 'separator';
  registerAccelerator?: boolean;
  click?: () => void;
  submenu?: MenuEntry[];
}

export interface MenuOptions {
  platform: NodeJS.Platform;
  appName: string;
  /** DevTools and reload: a development build, or WARREN_DEBUG=1 in a packaged one. */
  debug: boolean;
  /** Windows and Linux have no app menu: About lives under Help. */
  showAbout: () => void;
  showDataFolder: () => void;
}

const separator: MenuEntry = { type: 'separator' };

/** A packaged build shows DevTools only when asked to with WARREN_DEBUG=1. */
export function debugMenuWanted(isPackaged: boolean, env: Record<string, string | undefined>): boolean {
  return !isPackaged || env.WARREN_DEBUG === '1';
}

export function appMenuTemplate(options: MenuOptions): MenuEntry[] {
  const mac = options.platform === 'darwin';
  // Roles keep their native behaviour; off macOS their keys stay with the page.
  const item = (role: MenuRole): MenuEntry => (mac ? { role } : { role, registerAccelerator: false });
  const appMenu: MenuEntry[] = mac
    ? [{ label: options.appName, submenu: [item('about'), separator, item('services'), separator, item('hide'), item('hideOthers'), item('unhide'), separator, item('quit')] }]
    : [];
  const edit: MenuEntry = {
    label: 'Edit',
    submenu: mac
      ? [item('undo'), item('redo'), separator, item('cut'), item('copy'), item('paste'), item('pasteAndMatchStyle'), item('delete'), item('selectAll')]
      : [item('undo'), item('redo'), separator, item('cut'), item('copy'), item('paste'), item('delete'), separator, item('selectAll')],
  };
  const view: MenuEntry = {
    label: 'View',
    submenu: [...(options.debug ? [item('reload'), item('forceReload'), item('toggleDevTools'), separator] : []), { role: 'togglefullscreen' }],
  };
  const window: MenuEntry = {
    label: 'Window',
    submenu: mac ? [item('minimize'), item('zoom'), separator, item('front'), separator, item('close')] : [item('minimize'), item('close')],
  };
  const help: MenuEntry = {
    role: 'help',
    submenu: [
      { label: 'Show Data Folder', click: options.showDataFolder },
      ...(mac ? [] : [separator, { label: `About ${options.appName}`, click: options.showAbout }]),
    ],
  };
  return [...appMenu, edit, view, window, help];
}

/** The versions an About box lists: what a bug report needs. */
export function aboutDetail(appVersion: string, versions: Partial<Record<'electron' | 'chrome' | 'node' | 'v8', string>>): string {
  const parts: Array<[string, string | undefined]> = [
    ['Electron', versions.electron],
    ['Chromium', versions.chrome],
    ['Node.js', versions.node],
    ['V8', versions.v8],
  ];
  return [`Version ${appVersion}`, ...parts.filter(([, v]) => v).map(([name, v]) => `${name} ${v}`)].join('\n');
}
