// The Electron shell: windows, security settings and wiring. Kept small,
// because it is the one part that cannot run on machines without Electron:
// every decision with logic in it (menus, window placement, links, desktop
// settings, the tray's items, notices) is a plain module under shell/ or the
// feature folders, with unit tests; this file only hands them Electron's calls.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, Menu, nativeImage, Notification, safeStorage, screen, session, shell, Tray, type MenuItemConstructorOptions } from 'electron';
import { createServices, type Services } from './app/services';
import { Hub } from './ipc/hub';
import { createRouter } from './ipc/router';
import { connectWindow, serveOverIpc, serveStartDrag } from './ipc/electron-transport';
import Store from 'electron-store';
import { quarantineCorruptFile, SETTINGS_NAME, type SettingsStore } from './settings/settings-store';
import { savingStore } from './storage/store';
import { noSecretBox, type SecretBox } from './secrets/secret-box';
import { openDataStore } from './shell/data-folder';
import { aboutDetail, appMenuTemplate, debugMenuWanted } from './shell/app-menu';
import { loadWindowState, minSize, placeWindow, saveWindowState } from './shell/window-state';
import { LinkInbox, linkFromArgv, parseSshLink, refusalLine } from './shell/ssh-link';
import { applyDesktopSettings, quitWhenWindowsClose, startsHidden } from './shell/desktop-effects';
import { chosenPath, pickDialogOptions, savedPath } from './shell/pick-path';
import type { TrayItem, TrayModel } from './tunnels/tray-menu';
import { defaultDesktopSettings, type DesktopSettings } from '../src-shared/desktop-settings';
import type { AppSettings } from '../src-shared/contract';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererIndex = path.join(here, '../renderer/index.html');
const rendererUrl = pathToFileURL(rendererIndex).href;
const iconPath = path.join(here, '../../assets/icon.png');
const debug = debugMenuWanted(app.isPackaged, process.env);
const log = (line: string) => console.error(line);

/** electron-store (conf underneath, so the same file format the tests read), owner-only. */
function openElectronStore(dir: string): { store: SettingsStore; notices: string[] } {
  const notice = quarantineCorruptFile(path.join(dir, `${SETTINGS_NAME}.json`));
  const store = new Store<Record<string, unknown>>({ name: SETTINGS_NAME, cwd: dir, configFileMode: 0o600 });
  return {
    store: savingStore({ get: (key) => store.get(key), set: (key, value) => store.set(key, value), delete: (key) => store.delete(key), path: store.path }),
    notices: notice ? [notice] : [],
  };
}

async function safeStorageBox(): Promise<SecretBox> {
  if (!(await safeStorage.isAsyncEncryptionAvailable())) return noSecretBox('no OS keychain is available, so passwords are not saved');
  // basic_text "encrypts" with a key anyone can read: that is not storing a secret.
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
    return noSecretBox('no keyring (GNOME Keyring or KWallet) was found, so passwords and passphrases are not saved');
  }
  return {
    available: true,
    encrypt: async (plain) => (await safeStorage.encryptStringAsync(plain)).toString('base64'),
    decrypt: async (sealed) => (await safeStorage.decryptStringAsync(Buffer.from(sealed, 'base64'))).result,
  };
}

// Tests and portable setups point Warren at a data folder of their own.
if (process.env.WARREN_USER_DATA) app.setPath('userData', process.env.WARREN_USER_DATA);

// One Warren per data folder: a second launch hands its ssh:// link to the
// first and quits, so two processes never write settings.json at once.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  start();
}

function start(): void {
  let mainWindow: BrowserWindow | null = null;
  let tray: Tray | null = null;
  let desktop: DesktopSettings = { ...defaultDesktopSettings };
  let ready: { services: Services; store: SettingsStore; hub: Hub } | null = null;
  const earlyLinks: string[] = [];
  const inbox = new LinkInbox();

  function handleLink(url: string): void {
    if (!ready) return void earlyLinks.push(url);
    if (!desktop.openSshLinks) return log(refusalLine(url, '"Open ssh:// links with Warren" is off in Settings'));
    const parsed = parseSshLink(url);
    if (!parsed.ok) return log(refusalLine(url, parsed.reason));
    // The renderer names the target and asks before it connects.
    inbox.receive(parsed.target);
    showWindow();
  }

  function createWindow(hub: Hub, store: SettingsStore): BrowserWindow {
    const saved = loadWindowState(store);
    const primary = screen.getPrimaryDisplay();
    const areas = [primary, ...screen.getAllDisplays().filter((d) => d.id !== primary.id)].map((d) => d.workArea);
    const bounds = placeWindow(saved.bounds, areas);
    const win = new BrowserWindow({
      ...(bounds ?? { width: 1200, height: 780 }),
      minWidth: minSize.width,
      minHeight: minSize.height,
      show: false,
      title: 'Warren',
      icon: iconPath,
      webPreferences: {
        preload: path.join(here, '../preload/preload.cjs'),
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
        spellcheck: false,
        devTools: debug,
      },
    });
    if (saved.maximized) win.maximize();
    win.once('ready-to-show', () => win.show());
    connectWindow(hub, win.webContents);
    const clientId = String(win.webContents.id);
    win.webContents.on('did-finish-load', () => inbox.attach((target) => hub.emit(clientId, 'app:link-request', target)));
    win.webContents.once('destroyed', () => inbox.attach(null));
    win.on('close', () => {
      try {
        saveWindowState(store, { bounds: win.getNormalBounds(), maximized: win.isMaximized() });
      } catch (error) {
        log(`Could not remember the window's place: ${String(error)}`);
      }
    });
    win.on('closed', () => {
      if (mainWindow === win) mainWindow = null;
    });
    win.webContents.on('will-navigate', (event) => event.preventDefault());
    win.webContents.setWindowOpenHandler(({ url }) => {
      // Links printed in a terminal open in the user's browser, never in Warren.
      if (/^https?:\/\//.test(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
    void win.loadFile(rendererIndex);
    return win;
  }

  function showWindow(): void {
    if (!ready) return;
    if (!mainWindow) mainWindow = createWindow(ready.hub, ready.store);
    if (mainWindow.isMinimized()) mainWindow.restore();
    if (mainWindow.isVisible()) mainWindow.focus();
    else mainWindow.once('ready-to-show', () => mainWindow?.focus());
  }

  function showTray(services: Services, model: TrayModel): void {
    if (!tray) return;
    const toItem = (item: TrayItem): MenuItemConstructorOptions => {
      switch (item.type) {
        case 'heading':
        case 'note':
          return { label: item.label, enabled: false };
        case 'separator':
          return { type: 'separator' };
        case 'open':
          return { label: item.label, click: showWindow };
        case 'quit':
          return { label: item.label, click: () => app.quit() };
        case 'forward':
          return {
            type: 'checkbox',
            label: item.label,
            checked: item.checked,
            // Prompts (a new host key, a passphrase) ask in the window, when there is one.
            click: (menuItem) => void services.toggleFromTray(item.hostId, item.forwardId, menuItem.checked, mainWindow ? String(mainWindow.webContents.id) : undefined),
          };
      }
    };
    tray.setToolTip(model.tooltip);
    tray.setContextMenu(Menu.buildFromTemplate(model.items.map(toItem)));
  }

  app.on('second-instance', (_event, argv) => {
    const link = linkFromArgv(argv);
    if (link) handleLink(link);
    else showWindow();
  });
  // macOS hands links over as events, also the one that launched the app.
  app.on('will-finish-launching', () =>
    app.on('open-url', (event, url) => {
      event.preventDefault();
      handleLink(url);
    }),
  );

  app.enableSandbox();
  app.whenReady().then(async () => {
    // Only the terminal's copy and paste is allowed, and only to our own page.
    const allowed = new Set(['clipboard-read', 'clipboard-sanitized-write']);
    session.defaultSession.setPermissionRequestHandler((contents, permission, callback) =>
      callback(allowed.has(permission) && contents.getURL() === rendererUrl),
    );
    session.defaultSession.setPermissionCheckHandler((_contents, permission, origin) => allowed.has(permission) && origin === 'file:///');
    const hub = new Hub();
    const { store, notices } = openDataStore(app.getPath('userData'), openElectronStore);
    const desktopOs = {
      isDefaultProtocolClient: (p: string) => app.isDefaultProtocolClient(p),
      setAsDefaultProtocolClient: (p: string) => app.setAsDefaultProtocolClient(p),
      removeAsDefaultProtocolClient: (p: string) => app.removeAsDefaultProtocolClient(p),
      getLoginItemSettings: () => app.getLoginItemSettings(),
      setLoginItemSettings: (s: { openAtLogin: boolean; args?: string[] }) => app.setLoginItemSettings(s),
      hasLoginItems: process.platform === 'darwin' || process.platform === 'win32',
    };
    const applyDesktop = (settings: AppSettings) => {
      desktop = settings.desktop;
      for (const line of applyDesktopSettings(desktop, desktopOs)) log(`Warren ${line}.`);
    };
    const services = createServices({
      store,
      secrets: await safeStorageBox(),
      hub,
      version: app.getVersion(),
      notices,
      // Edit locally without an editor command: the app the OS opens that kind of file with.
      openInEditor: async (file) => {
        const why = await shell.openPath(file);
        if (why) throw new Error(`Could not open ${file} with the default app: ${why}. Set an editor in Settings › Editor.`);
      },
      pickPath: async (purpose) => {
        const options = pickDialogOptions(purpose, app.getPath('home'));
        if (options.kind === 'save') return savedPath(await (mainWindow ? dialog.showSaveDialog(mainWindow, options) : dialog.showSaveDialog(options)));
        return chosenPath(await (mainWindow ? dialog.showOpenDialog(mainWindow, options) : dialog.showOpenDialog(options)));
      },
      onSettingsChanged: applyDesktop,
    });
    ready = { services, store, hub };
    applyDesktop(await services.handlers['settings:get']({}, { clientId: '' }));
    const router = createRouter(services.handlers, log);
    serveOverIpc(router, (url) => url === rendererUrl);
    serveStartDrag((url) => url === rendererUrl, (file) => services.files.dragOut.owns(file), iconPath);

    const showAbout = () => {
      const options = { type: 'info' as const, title: 'About Warren', message: 'Warren', detail: aboutDetail(app.getVersion(), process.versions) };
      void (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options));
    };
    app.setAboutPanelOptions({ applicationName: 'Warren', applicationVersion: app.getVersion(), credits: aboutDetail(app.getVersion(), process.versions) });
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(appMenuTemplate({ platform: process.platform, appName: 'Warren', debug, showAbout, showDataFolder: () => void shell.openPath(app.getPath('userData')) })),
    );

    tray = new Tray(nativeImage.createFromPath(iconPath).resize({ width: 16, height: 16 }));
    tray.on('click', showWindow);
    showTray(services, services.trayModel());
    services.onTrayChange((model) => showTray(services, model));
    // A tunnel switched on from the tray that needs a password or a host-key answer brings the window up to ask.
    services.onPromptNeedsWindow(showWindow);
    // Only while Settings › Desktop asks for it (services checks): a forward that dropped or came back.
    services.onForwardNotice((notice) => Notification.isSupported() && new Notification({ title: notice.title, body: notice.body, icon: iconPath }).show());

    if (!startsHidden(desktop, process.argv, app.getLoginItemSettings().wasOpenedAtLogin ?? false)) showWindow();
    // Forwards marked "start when Warren starts" are already coming up (services.launchForwards), window or not.
    const launchLink = linkFromArgv(process.argv);
    for (const url of [...earlyLinks.splice(0), ...(launchLink ? [launchLink] : [])]) handleLink(url);

    // Hold the quit until every connection is closed and no tunnel port is left listening.
    let disposed = false;
    app.on('before-quit', (event) => {
      if (disposed) return;
      event.preventDefault();
      void services.dispose().finally(() => {
        disposed = true;
        tray?.destroy();
        app.quit();
      });
    });
    app.on('activate', showWindow);
  }, (error: unknown) => {
    dialog.showErrorBox('Warren could not start', String(error));
    app.exit(1);
  });

  app.on('window-all-closed', () => {
    // Kept in the tray, tunnels stay up; otherwise closing the window quits (except on macOS).
    if (quitWhenWindowsClose(desktop, process.platform, tray !== null)) app.quit();
  });
}
